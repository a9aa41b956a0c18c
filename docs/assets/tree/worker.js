// The site's Python, in a worker: downloading, compiling and starting Pyodide, and every call into
// Python, happen off the page's main thread, which only swaps HTML and moves focus.
//
// Messages in:  {id, op: "start", pyodide, bundle}      start Python (once)
//               {id, op: "call", module, fn, args}       call decision_tree.<module>.<fn>(...args)
// Messages out: {id, value}                              what the call returned (a string)
//               {id, failure: {key, params}}             a known failure, in words of the catalog's "boot" table
//               {id, error}                              anything else, as text
//
// A start that fails names the file it could not have, and how (file_status, file_offline,
// file_unreadable): the page says so, and runtime.js starts a new worker when it tries again.

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

// What a reader is told of a file: its path on the site, which the site's owner can look for.
const named = (url) => new URL(url).pathname;

// A download that answers, and answers 2xx; anything else is a Failure naming the file.
async function download(url, options) {
  let response;
  try {
    response = await fetch(url, options);
  } catch {
    throw new Failure("file_offline", { file: named(url) });
  }
  if (!response.ok) throw new Failure("file_status", { file: named(url), status: response.status });
  return response;
}

async function bytes(url) {
  const response = await download(url);
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    throw new Failure("file_offline", { file: named(url) }); // the connection broke mid-file
  }
}

async function json(url) {
  const response = await download(url);
  try {
    return await response.json();
  } catch {
    // A host that answers a missing file with a page of its own sends HTML with 200.
    throw new Failure("file_unreadable", { file: named(url) });
  }
}

// Pyodide fetches some of its files itself, and says only that a fetch or an import failed when one
// is missing: after such a failure, each of them is asked for again (headers only) to name the one.
async function diagnose(error, urls) {
  if (error instanceof Failure) return error;
  for (const url of urls) {
    try {
      await download(url, { method: "HEAD" });
    } catch (failure) {
      return failure;
    }
  }
  return new Failure("python_stopped", { error: String(error?.message || error) });
}

// Pyodide downloads the runtime's wasm and the standard library itself, and when one fails it throws
// an uncaught error, then exits with "exit(1)" (the standard library) or waits for good (the wasm).
// It is handed these downloads instead (the same requests, made once, at the start): checked here,
// and read to their end through a copy, so that a failure, or a connection that breaks mid-file,
// names the file and ends the start at once. Pyodide then never hears back.
const handedOver = new Map(); // URL -> promise of its checked response
const fetchAnything = self.fetch.bind(self);
self.fetch = (input, init) => {
  const response = handedOver.get(String(input));
  if (!response) return fetchAnything(input, init);
  handedOver.delete(String(input)); // a response's body is read once
  return response.catch(() => new Promise(() => {}));
};

// The download of `url` for Pyodide (`check` may refuse its response): a promise that it arrived
// whole, or of the Failure that says why not.
function handOver(url, check = () => {}) {
  let arrived = null;
  const response = download(url).then((got) => {
    check(got);
    const copy = got.clone().body.getReader();
    arrived = (async () => {
      try {
        while (!(await copy.read()).done);
      } catch {
        throw new Failure("file_offline", { file: named(url) });
      }
    })();
    return got;
  });
  handedOver.set(url, quiet(response));
  return quiet(response.then(() => arrived));
}

// Resolves never: for a promise that only ends a race by failing.
const onlyFailure = (promise) => promise.then(() => new Promise(() => {}));
// A promise whose failure is reported elsewhere (in a race), never as an unhandled rejection.
const quiet = (promise) => (promise.catch(() => {}), promise);

async function start(pyodideURL, bundleURL) {
  if (typeof WebAssembly !== "object") throw new Failure("no_wasm");
  const runtime = (name) => new URL(name, pyodideURL).href;
  const inBundle = (name) => new URL(name, bundleURL).href;
  // Fetched beside the runtime, not after it; a failure of any is said at once.
  const packageBytes = quiet(bytes(inBundle("python.zip")));
  const lock = quiet(json(inBundle("lock.json")));
  const stdlibURL = inBundle("stdlib.zip");
  const stdlib = handOver(stdlibURL);
  // WebAssembly compiles only what comes as application/wasm: another type is said at once.
  const wasm = runtime("pyodide.asm.wasm");
  const compilable = handOver(wasm, (response) => {
    const type = response.headers.get("content-type") || "none";
    if (!type.startsWith("application/wasm")) throw new Failure("runtime_type", { file: named(wasm), type });
  });
  const files = [runtime("pyodide.mjs"), runtime("pyodide.asm.mjs"), wasm];
  const loading = quiet(
    (async () => {
      const { loadPyodide } = await import(files[0]);
      return startPython(loadPyodide, {
        indexURL: pyodideURL,
        stdLibURL: stdlibURL,
        lockFileContents: lock,
        packageBytes,
        stdout: () => {},
        stderr: (line) => console.warn(line),
      });
    })().catch(async (error) => {
      throw await diagnose(error, files);
    }),
  );
  return Promise.race([loading, ...[packageBytes, lock, stdlib, compilable].map(onlyFailure)]);
}

async function module(name, bundleURL) {
  const pyodide = await python;
  if (name.startsWith("tools.")) {
    // A failed download is asked for again on the next call, not kept.
    tools ??= bytes(new URL("psl.zip", bundleURL).href)
      .then((psl) => addToPath(pyodide, PSL_PATH, psl))
      .catch((failure) => {
        tools = null;
        throw failure;
      });
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
      python ??= start(data.pyodide, data.bundle).catch((failure) => {
        python = null; // a later start tries again (runtime.js gives it a new worker, too)
        throw failure;
      });
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
