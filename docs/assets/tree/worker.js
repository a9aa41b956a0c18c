// The site's Python, in a worker: downloading, compiling and starting Pyodide, and every call into
// Python, happen off the page's main thread, which only swaps HTML and moves focus.
//
// Messages in:  {id, op: "start", pyodide, bundle}      start Python (once)
//               {id, op: "call", module, fn, args}       call decision_tree.<module>.<fn>(...args)
// Messages out: {id, value}                              what the call returned (a string)
//               {id, failure: {key, params}}             a known failure, in words of the catalog's "boot" table
//               {id, error}                              anything else, as text

import { addToPath, PSL_PATH, startPython } from "./python-setup.mjs";

let python = null; // the promise of the started runtime
let tools = null; // the promise of the tools' extra archive on the import path
const modules = new Map();

class Failure extends Error {
  constructor(key, params = {}) {
    super(key);
    this.key = key;
    this.params = params;
  }
}

async function bytes(url) {
  const response = await fetch(url).catch(() => {
    throw new Failure("runtime_download");
  });
  if (!response.ok) throw new Failure("runtime_status", { status: response.status });
  return new Uint8Array(await response.arrayBuffer());
}

async function start(pyodideURL, bundleURL) {
  if (typeof WebAssembly !== "object") throw new Failure("no_wasm");
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideURL).href);
  // When the wasm cannot be fetched, or comes with the wrong type, loadPyodide() logs a warning and
  // never settles. A HEAD request beside it turns both cases into a prompt, precise failure.
  const probe = fetch(new URL("pyodide.asm.wasm", pyodideURL).href, { method: "HEAD" }).then(
    (response) => {
      const type = response.headers.get("content-type") || "none";
      if (!response.ok) throw new Failure("runtime_status", { status: response.status });
      if (!type.startsWith("application/wasm")) throw new Failure("runtime_type", { type });
      return new Promise(() => {}); // fine: let loadPyodide decide
    },
    () => {
      throw new Failure("runtime_download");
    },
  );
  // Whichever of the two loses the race may still fail later: that is expected, not an error to report.
  probe.catch(() => {});
  // Fetched beside the runtime, not before it; awaited once the runtime is up.
  const packageBytes = bytes(new URL("python.zip", bundleURL).href);
  packageBytes.catch(() => {});
  const lock = fetch(new URL("lock.json", bundleURL).href).then((r) => r.json());
  const loading = startPython(loadPyodide, {
    indexURL: pyodideURL,
    stdLibURL: new URL("stdlib.zip", bundleURL).href,
    lockFileContents: lock,
    packageBytes,
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
  loading.catch(() => {});
  // The package's download failing is said at once too, not after the runtime has started.
  const packageFailure = packageBytes.then(() => new Promise(() => {}));
  packageFailure.catch(() => {});
  return Promise.race([loading, probe, packageFailure]);
}

async function module(name, bundleURL) {
  const pyodide = await python;
  if (name.startsWith("tools.")) {
    tools ??= bytes(new URL("psl.zip", bundleURL).href).then((psl) => addToPath(pyodide, PSL_PATH, psl));
    await tools;
  }
  if (!modules.has(name)) modules.set(name, pyodide.pyimport(`decision_tree.${name}`));
  return modules.get(name);
}

let bundle = "";

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    if (op === "start") {
      bundle = data.bundle;
      python ??= start(data.pyodide, data.bundle);
      await python;
      await module("web", bundle);
      self.postMessage({ id, value: "" });
    } else if (op === "call") {
      if (!python) throw new Error("not_started"); // runtime.js always starts first
      const target = await module(data.module, bundle);
      self.postMessage({ id, value: target[data.fn](...data.args) });
    }
  } catch (error) {
    if (error instanceof Failure) self.postMessage({ id, failure: { key: error.key, params: error.params } });
    else self.postMessage({ id, error: String(error?.message || error) });
  }
};
