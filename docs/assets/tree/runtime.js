// The page's side of the site's Python: one worker per page (worker.js), shared by every widget (the
// tree, the domain check, the tools), and the texts each widget shows. Python never runs on the main
// thread; a call returns a promise of what the Python function returned. No words live here:
// callers pass `t`, the reader's catalog (see catalog()).

let worker = null;
let broken = null; // the worker's "error" event, once it has died: calls made afterwards fail with it
let started = null; // the promise that Python runs, made by the first caller
let sequence = 0;
const waiting = new Map();

// A widget's texts: the JSON block the build wrote into it, in the page's language. "{name}"
// placeholders as in the Python catalog; a missing text shows its key, never "undefined".
export function catalog(element, selector = ".icp-tree__messages") {
  const texts = JSON.parse(element.querySelector(selector)?.textContent || "{}");
  return (key, params = {}) =>
    (texts[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function afterFirstPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function ask(message, t) {
  const id = ++sequence;
  return new Promise((resolve, reject) => {
    if (broken) return reject(failure(broken, t));
    waiting.set(id, { resolve, reject, t });
    worker.postMessage({ ...message, id });
  });
}

function answer({ data }) {
  const call = waiting.get(data.id);
  if (!call) return;
  waiting.delete(data.id);
  if (data.failure) call.reject(new Error(call.t(data.failure.key, data.failure.params)));
  else if (data.error !== undefined) call.reject(new Error(data.error));
  else call.resolve(data.value);
}

// Why a call failed when the worker died: its own message, or (a script that could not be fetched
// gives none) the catalog's runtime_download text.
function failure(event, t) {
  return new Error(event.message || t("runtime_download"));
}

// The worker itself, made as soon as a widget boots: its few small modules arrive while the page
// paints; the runtime's downloads wait for startPython, so that they never delay the first view.
export function prepareWorker() {
  if (worker || typeof Worker !== "function" || typeof WebAssembly !== "object") return;
  worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
  worker.addEventListener("message", answer);
  worker.addEventListener("error", (event) => {
    broken = event;
    for (const call of waiting.values()) call.reject(failure(event, call.t));
    waiting.clear();
  });
}

// Start the page's Python (once): the runtime and the bundle named by the element's data-pyodide
// and data-bundle. Resolves when decision_tree.web can be called.
export function startPython(element, t) {
  if (!started) {
    if (typeof Worker !== "function" || typeof WebAssembly !== "object") {
      started = Promise.reject(new Error(t("no_wasm")));
    } else {
      prepareWorker();
      const pyodide = new URL(element.dataset.pyodide, window.location.href).href;
      const bundle = new URL(element.dataset.bundle, window.location.href).href;
      started = ask({ op: "start", pyodide, bundle }, t);
    }
  }
  return started;
}

// decision_tree.<module>.<fn>(...args), once Python runs; a module of the tools ("tools.web") brings their extra archive.
export async function callPython(element, t, module, fn, ...args) {
  await startPython(element, t);
  return ask({ op: "call", module, fn, args }, t);
}
