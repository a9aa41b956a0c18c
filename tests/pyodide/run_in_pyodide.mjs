// Runs a Python snippet inside Pyodide (from node_modules, the same runtime the site serves) after
// loading wheels (decision_tree's, and the tools' Public Suffix List), and prints what the snippet
// returns (a JSON string).
//   node tests/pyodide/run_in_pyodide.mjs SNIPPET_FILE WHEEL_PATH...
import { readFile } from "node:fs/promises";
import { loadPyodide } from "pyodide";

const [snippetFile, ...wheels] = process.argv.slice(2);
if (!snippetFile || wheels.length === 0) {
  console.error("usage: run_in_pyodide.mjs SNIPPET_FILE WHEEL_PATH...");
  process.exit(2);
}
const pyodide = await loadPyodide({ stdout: () => {}, stderr: (line) => console.error(line) });
for (const wheel of wheels) {
  await pyodide.loadPackage(wheel, { messageCallback: () => {} });
}
const code = await readFile(snippetFile, "utf8");
try {
  const result = await pyodide.runPythonAsync(code);
  process.stdout.write(String(result));
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
