// How the site's Python starts: one function, used by the page's worker (worker.js) and by the build
// (scripts/pyodide_bundle.mjs), which starts it the same way to prove the trimmed runtime complete.
// Pyodide comes from the site; the standard library is the build's trimmed one; decision_tree is a
// zip of bytecode on the import path (zipimport: nothing to unpack, no package manager involved).

export const PACKAGE_PATH = "/lib/icp_decision_tree.zip";
export const PSL_PATH = "/lib/icp_publicsuffixlist.zip"; // the tools' Public Suffix List, added on first use

// Pyodide's lock file lists packages of a CDN this site never uses: only its header is needed.
export function minimalLock(lock) {
  return { info: lock.info, packages: {} };
}

// packageBytes may be a promise: the page fetches the package while the runtime downloads and compiles.
export async function startPython(loadPyodide, { indexURL, stdLibURL, lockFileContents, packageBytes, stdout, stderr }) {
  const pyodide = await loadPyodide({ indexURL, stdLibURL, lockFileContents, stdout, stderr });
  pyodide.FS.writeFile(PACKAGE_PATH, await packageBytes);
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(PACKAGE_PATH)})`);
  return pyodide;
}

// Another archive on the import path, once Python runs (the tools' Public Suffix List).
export function addToPath(pyodide, where, bytes) {
  pyodide.FS.writeFile(where, bytes);
  pyodide.runPython(`import sys; sys.path.append(${JSON.stringify(where)})`);
}
