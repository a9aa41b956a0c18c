// The page's side of the site's Python: one worker per page (worker.js), shared by every widget (the
// tree, the domain check, the tools), and the texts each widget shows. Python never runs on the main
// thread; a call returns a promise of what the Python function returned. No words live here:
// callers pass `t`, the reader's catalog (see catalog()).
//
// A start that fails is tried again, in a new worker: at the next call (a reader's click), and by
// itself when the network comes back (the window's "online" event) or, after a broken connection
// while the browser still counts itself online, after a wait that doubles with each failure (a few
// times: then at the next click or "online").
// Widgets learn of every start and its end through watchPython(); retried() says whether a
// failure is tried again.

let worker = null;
let attempt = null; // the promise that Python runs: null before the first start and after a failure
let sequence = 0;
const waiting = new Map();
const watchers = new Set();
let starter = null; // the element and catalog of the first start, for the retries no caller asked for
let failures = 0; // failed starts since the last one that worked
let failedAt = 0;
let timer = 0;

// Waits before an automatic retry: 1 s after the first failure, doubling, at most a minute.
const FIRST_WAIT_MS = 1000;
const LONGEST_WAIT_MS = 60000;
// Retries of a broken connection while the browser counts itself online: after these, the next
// click or the "online" event tries again.
const AUTOMATIC_RETRIES = 5;
// Failures no retry can mend: this browser has no WebAssembly.
const FOR_GOOD = new Set(["no_wasm"]);
// Failures of the connection rather than of the site: tried again by themselves.
const CONNECTION = new Set(["file_offline"]);

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

// An Error in the reader's words that keeps its catalog key (`key`), so that callers can tell a
// failure of the connection from the rest.
function failure(t, key, params = {}) {
  return Object.assign(new Error(t(key, params)), { key });
}

function ask(message, t) {
  const id = ++sequence;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject, t });
    worker.postMessage({ ...message, id });
  });
}

function answer({ data }) {
  const call = waiting.get(data.id);
  if (!call) return;
  waiting.delete(data.id);
  if (data.failure) call.reject(failure(call.t, data.failure.key, data.failure.params));
  else if (data.error !== undefined) call.reject(new Error(data.error));
  else call.resolve(data.value);
}

// Why the worker died: its own message, or (a script that could not be fetched gives none) the
// first of its scripts that the site does not give now, named as the worker names its files.
async function whyDied(event, t) {
  if (event.message) return failure(t, "python_stopped", { error: event.message });
  for (const name of ["worker.js", "python-setup.mjs"]) {
    const url = new URL(name, import.meta.url);
    const response = await fetch(url, { method: "HEAD", cache: "no-store" }).catch(() => null);
    if (!response) return failure(t, "file_offline", { file: url.pathname });
    if (!response.ok) return failure(t, "file_status", { file: url.pathname, status: response.status });
  }
  return failure(t, "python_stopped", { error: event.type });
}

// The worker, and every call waiting on it, gone: the next start makes a new one (a worker whose
// start failed may hold half a runtime, and a module it could not import stays failed in it).
function retire(error) {
  worker?.terminate();
  worker = null;
  for (const call of waiting.values()) call.reject(error);
  waiting.clear();
}

// The worker itself, made as soon as a widget boots: its few small modules arrive while the page
// paints; the runtime's downloads wait for startPython, so that they never delay the first view.
export function prepareWorker() {
  if (worker || typeof Worker !== "function" || typeof WebAssembly !== "object") return;
  const mine = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
  worker = mine;
  mine.addEventListener("message", answer);
  mine.addEventListener("error", async (event) => {
    const t = waiting.values().next().value?.t || starter?.t || ((key) => key);
    const error = await whyDied(event, t);
    if (worker !== mine) return; // retired already
    retire(error);
    if (!attempt) return;
    // Python ran, or was starting, in it: the next call starts it again.
    attempt = null;
    failed(error);
  });
}

// Whether a failure of Python's start is tried again (the page's words differ when it is not).
export function retried(error) {
  return !FOR_GOOD.has(error?.key);
}

// Tell each widget how the page's Python is doing: {state: "loading" | "ready" | "failed", error}.
export function watchPython(listener) {
  watchers.add(listener);
}

function tell(news) {
  for (const listener of watchers) listener(news);
}

function failed(error) {
  failures += 1;
  failedAt = performance.now();
  tell({ state: "failed", error });
  // The browser knows when it is offline, and says when it is online again ("online", below).
  if (CONNECTION.has(error.key) && navigator.onLine !== false && failures <= AUTOMATIC_RETRIES) later();
}

// A retry no caller asked for, once the wait since the last failure is over.
function later() {
  clearTimeout(timer);
  const wait = Math.min(FIRST_WAIT_MS * 2 ** Math.max(0, failures - 1), LONGEST_WAIT_MS);
  timer = setTimeout(() => {
    if (!attempt && starter) startPython(starter.element, starter.t).catch(() => {});
  }, Math.max(0, failedAt + wait - performance.now()));
}

addEventListener("online", () => {
  if (!attempt && starter && failures) later();
});

// Start the page's Python: the runtime and the bundle named by the element's data-pyodide and
// data-bundle. Resolves when decision_tree.web can be called. Each call while a start is under way,
// or after one worked, shares it; the first after a failure starts again.
export function startPython(element, t) {
  if (attempt) return attempt;
  starter ??= { element, t };
  clearTimeout(timer);
  if (typeof Worker !== "function" || typeof WebAssembly !== "object") {
    attempt = Promise.reject(failure(t, "no_wasm"));
    failures += 1;
    tell({ state: "failed", error: failure(t, "no_wasm") });
    return attempt;
  }
  prepareWorker();
  const pyodide = new URL(element.dataset.pyodide, window.location.href).href;
  const bundle = new URL(element.dataset.bundle, window.location.href).href;
  const current = ask({ op: "start", pyodide, bundle }, t);
  attempt = current;
  tell({ state: "loading" });
  current.then(
    () => {
      failures = 0;
      tell({ state: "ready" });
    },
    (error) => {
      if (attempt !== current) return; // its worker died, and said so already
      attempt = FOR_GOOD.has(error.key) ? current : null;
      retire(error);
      failed(error);
    },
  );
  return current;
}

// decision_tree.<module>.<fn>(...args), once Python runs; a module of the tools ("tools.web") brings their extra archive.
export async function callPython(element, t, module, fn, ...args) {
  await startPython(element, t);
  return ask({ op: "call", module, fn, args }, t);
}
