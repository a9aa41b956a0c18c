// Runs a Python snippet inside Pyodide (from node_modules, the same runtime the site serves), started
// exactly as the page's worker starts it: the build's trimmed standard library, decision_tree's
// compiled archive with its content snapshot, and the tools' Public Suffix List archive. Prints what
// the snippet returns (a JSON string).
//   node tests/pyodide/run_in_pyodide.mjs SNIPPET_FILE BUNDLE_DIR
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadPyodide } from "pyodide";
import { addToPath, minimalLock, PSL_PATH, startPython } from "../../docs/assets/tree/python-setup.mjs";

const [snippetFile, bundle] = process.argv.slice(2);
if (!snippetFile || !bundle) {
  console.error("usage: run_in_pyodide.mjs SNIPPET_FILE BUNDLE_DIR");
  process.exit(2);
}
const lock = JSON.parse(await readFile(new URL("../../node_modules/pyodide/pyodide-lock.json", import.meta.url), "utf8"));
const pyodide = await startPython(loadPyodide, {
  stdLibURL: path.join(bundle, "stdlib.zip"),
  lockFileContents: minimalLock(lock),
  packageBytes: await readFile(path.join(bundle, "python.zip")),
  stdout: () => {},
  stderr: (line) => console.error(line),
});
addToPath(pyodide, PSL_PATH, await readFile(path.join(bundle, "psl.zip")));
const code = await readFile(snippetFile, "utf8");
try {
  const result = await pyodide.runPythonAsync(code);
  process.stdout.write(String(result));
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
