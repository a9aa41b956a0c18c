// The site's own Python, shared by every widget of a page (the tree, the domain check, the tools):
// one Pyodide per page, each wheel loaded once, on first need. No words live here: callers pass
// `t`, the reader's catalog (see catalog()).

let runtime = null; // the promise of the Pyodide instance, made by the first caller
const wheels = new Map(); // wheel URL -> the promise of its loading

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

async function startPyodide(indexURL, t) {
  if (typeof WebAssembly !== "object") {
    throw new Error(t("no_wasm"));
  }
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  // When the wasm cannot be fetched, or comes with the wrong type, loadPyodide() logs a warning and
  // never settles. A HEAD request beside it (a few hundred bytes, in parallel) turns both cases into
  // a prompt, precise failure instead of a long wait for the timeout.
  const wasmURL = new URL("pyodide.asm.wasm", indexURL).href;
  const probe = fetch(wasmURL, { method: "HEAD" }).then(
    (response) => {
      const type = response.headers.get("content-type") || "none";
      if (!response.ok) throw new Error(t("runtime_status", { status: response.status }));
      if (!type.startsWith("application/wasm")) {
        throw new Error(t("runtime_type", { type }));
      }
      return new Promise(() => {}); // fine: let loadPyodide decide
    },
    () => { throw new Error(t("runtime_download")); },
  );
  return Promise.race([loadPyodide({ indexURL, stdout: () => {}, stderr: (line) => console.warn(line) }), probe]);
}

// Python with the given wheels installed (relative URLs resolve against the page), then `module`
// imported. The first call starts Pyodide; a failed start is not retried by later callers.
export async function python(element, t, wheelURLs, module) {
  const indexURL = new URL(element.dataset.pyodide, window.location.href).href;
  runtime ??= startPyodide(indexURL, t);
  const pyodide = await runtime;
  for (const url of wheelURLs.filter(Boolean).map((u) => new URL(u, window.location.href).href)) {
    if (!wheels.has(url)) wheels.set(url, pyodide.loadPackage(url, { messageCallback: () => {} }));
    await wheels.get(url);
  }
  return pyodide.pyimport(module);
}
