// Runs a Python snippet inside Pyodide (from node_modules, the same runtime the site serves) after
// loading a wheel of decision_tree, and prints what the snippet returns (a JSON string).
//   node tests/pyodide/run_in_pyodide.mjs WHEEL_PATH SNIPPET_FILE
import { readFile } from "node:fs/promises";
import { loadPyodide } from "pyodide";

const [wheel, snippetFile] = process.argv.slice(2);
if (!wheel || !snippetFile) {
  console.error("usage: run_in_pyodide.mjs WHEEL_PATH SNIPPET_FILE");
  process.exit(2);
}
const pyodide = await loadPyodide({ stdout: () => {}, stderr: (line) => console.error(line) });
await pyodide.loadPackage(wheel, { messageCallback: () => {} });
const code = await readFile(snippetFile, "utf8");
try {
  const result = await pyodide.runPythonAsync(code);
  process.stdout.write(String(result));
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
