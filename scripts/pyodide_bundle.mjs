// Build the Python the browser runs, inside the Pyodide the site serves (bytecode must be made by the
// same Python, 3.14), from the sources the build chose (decision_tree.pages.bundle):
//   code.zip    decision_tree compiled, without its content (the build adds the content snapshot to
//               make python.zip, here for the exercise and, after a content edit, without Pyodide);
//   psl.zip     the Public Suffix List package compiled, for the tools only, loaded on first use;
//   stdlib.zip  the part of the standard library that Pyodide, the tree and the tools import.
// The modules are found by running everything the browser runs (pyodide_exercise.py) on a runtime
// started as the browser's worker starts it; then Pyodide is started again on the trimmed library
// alone and everything runs once more, so that a module left out fails the build, not a page.
//   node scripts/pyodide_bundle.mjs OUT_DIR CODE_SOURCE_ZIP PSL_SOURCE_ZIP SNAPSHOT SNAPSHOT_NAME
// Prints a JSON report: the modules kept and the archives' sizes.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { addToPath, minimalLock, PSL_PATH, startPython } from "../docs/assets/tree/python-setup.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const [outDir, codeSource, pslSource, snapshotFile, snapshotName] = process.argv.slice(2);
if (!outDir || !codeSource || !pslSource || !snapshotFile || !snapshotName) {
  console.error("usage: pyodide_bundle.mjs OUT_DIR CODE_SOURCE_ZIP PSL_SOURCE_ZIP SNAPSHOT SNAPSHOT_NAME");
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

// 1. The archives of the packages, compiled on the full runtime; python.zip as the browser gets it.
const full = await loadPyodide(quiet);
full.runPython(bundler);
const given = { "/tmp/code.zip": codeSource, "/tmp/psl.zip": pslSource, "/tmp/snapshot.pickle": snapshotFile };
for (const [where, file] of Object.entries(given)) full.FS.writeFile(where, await readFile(file));
const read = (where) => `open(${JSON.stringify(where)}, "rb").read()`;
const code = full.runPython(`compile_zip(${read("/tmp/code.zip")})`).toJs();
const psl = full.runPython(`compile_zip(${read("/tmp/psl.zip")})`).toJs();
full.FS.writeFile("/tmp/code.pyc.zip", code);
const python = full.runPython(
  `with_snapshot(${read("/tmp/code.pyc.zip")}, ${JSON.stringify(snapshotName)}, ${read("/tmp/snapshot.pickle")})`,
).toJs();

// 2. The browser's way in, on the full standard library: which of its modules are used.
const probe = await startPython(loadPyodide, { ...quiet, lockFileContents: lock, packageBytes: python });
const first = await exerciseAll(probe, psl);
probe.runPython("import sys; EXERCISED = dict(sys.modules)"); // before the bundler brings its own imports
probe.runPython(bundler);
const report = JSON.parse(probe.runPython("import json; KEPT = stdlib_modules(EXERCISED); json.dumps(KEPT)"));
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
await writeFile(path.join(outDir, "code.zip"), code);
await writeFile(path.join(outDir, "psl.zip"), psl);
console.log(JSON.stringify({
  python: slim.runPython("import sys; sys.version.split()[0]"),
  stdlib_modules: report.length,
  bytes: { "code.zip": code.length, "psl.zip": psl.length, "stdlib.zip": stdlib.length },
  exercised: first,
  again,
}));
