// Build the Python the browser runs, inside the Pyodide the site serves (bytecode must be made by the
// same Python, 3.14):
//   python.zip  decision_tree compiled, its content as a ready snapshot (no TOML to parse);
//   psl.zip     the Public Suffix List package, for the tools only, loaded on first use;
//   stdlib.zip  the part of the standard library that Pyodide, the tree and the tools import.
// The modules are found by running everything the browser runs (pyodide_exercise.py) on a runtime
// started as the browser's worker starts it; then Pyodide is started again on the trimmed library
// alone and everything runs once more, so that a module left out fails the build, not a page.
//   node scripts/pyodide_bundle.mjs OUT_DIR TREE_WHEEL PSL_WHEEL
// Prints a JSON report: the modules kept and the archives' sizes.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { addToPath, minimalLock, PSL_PATH, startPython } from "../docs/assets/tree/python-setup.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const [outDir, treeWheel, pslWheel] = process.argv.slice(2);
if (!outDir || !treeWheel || !pslWheel) {
  console.error("usage: pyodide_bundle.mjs OUT_DIR TREE_WHEEL PSL_WHEEL");
  process.exit(2);
}
await mkdir(outDir, { recursive: true });
const exercise = await readFile(path.join(here, "pyodide_exercise.py"), "utf8");
const bundler = await readFile(path.join(here, "pyodide_bundle.py"), "utf8");
const lock = minimalLock(JSON.parse(await readFile(path.join(here, "..", "node_modules", "pyodide", "pyodide-lock.json"), "utf8")));
const quiet = { stdout: () => {}, stderr: (line) => console.error(line) };

// Everything the browser asks of Python, the way it asks.
async function exerciseAll(pyodide, psl) {
  await pyodide.runPythonAsync(exercise);
  const tree = pyodide.runPython("exercise_tree()");
  try {
    pyodide.runPython("raise ValueError('on purpose: an exception crossing into JavaScript is formatted by Python')");
  } catch {
    // expected
  }
  addToPath(pyodide, PSL_PATH, psl);
  const tools = pyodide.runPython("exercise_tools()");
  return { tree, tools };
}

// 1. The archives of the packages, made from their wheels on the full runtime.
const full = await loadPyodide(quiet);
for (const wheel of [treeWheel, pslWheel]) await full.loadPackage(wheel, { messageCallback: () => {} });
full.runPython(bundler);
const python = full.runPython("package_zip('decision_tree')").toJs();
const psl = full.runPython("package_zip('publicsuffixlist')").toJs();

// 2. The browser's way in, on the full standard library: which of its modules are used.
const probe = await startPython(loadPyodide, { ...quiet, lockFileContents: lock, packageBytes: python });
const first = await exerciseAll(probe, psl);
probe.runPython(bundler);
const report = JSON.parse(probe.runPython("import json, sys; KEPT = stdlib_modules(dict(sys.modules)); json.dumps(KEPT)"));
const stdlib = probe.runPython("stdlib_zip(KEPT)").toJs();

// 3. The trimmed runtime, started as the browser's worker starts it: everything must run again.
await writeFile(path.join(outDir, "stdlib.zip"), stdlib);
const slim = await startPython(loadPyodide, {
  ...quiet, stdLibURL: path.join(outDir, "stdlib.zip"), lockFileContents: lock, packageBytes: python,
});
const again = await exerciseAll(slim, psl);
if (!slim.runPython("from decision_tree import snapshot; snapshot._read() is not None")) {
  throw new Error("the trimmed runtime did not read the content snapshot");
}
await writeFile(path.join(outDir, "python.zip"), python);
await writeFile(path.join(outDir, "psl.zip"), psl);
console.log(JSON.stringify({
  python: slim.runPython("import sys; sys.version.split()[0]"),
  stdlib_modules: report.length,
  bytes: { "python.zip": python.length, "psl.zip": psl.length, "stdlib.zip": stdlib.length },
  exercised: first,
  again,
}));
