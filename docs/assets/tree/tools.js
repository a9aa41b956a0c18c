// The Tools page: each tool's form hands its fields to Python (decision_tree.tools.web), which returns
// the answer's HTML or the message for the field it could not read. No rule lives here, and no words:
// the texts come from the catalog block the build wrote into each tool.
// What was checked lives in the address (?domain=…, ?number=…, ?footer=…&psb=…), so a check can be
// shared and the browser's Back and Forward move between checks. Without Python the form is a plain
// GET form and the rules under it are there to read. When Python could not start, the next check
// starts it again, as runtime.js does by itself when the network is back.

import { afterFirstPaint, callPython, catalog, startPython, watchPython } from "./runtime.js";

const SLOW_NOTICE_MS = 20000;

function start(tool) {
  if (tool.dataset.booted) return;
  tool.dataset.booted = "loading";
  const t = catalog(tool);
  const names = tool.dataset.fields.split(" ");
  const form = tool.querySelector("form");
  const result = tool.querySelector(".icp-tool__result");
  const notice = tool.querySelector(".icp-tool__notice");
  const input = (name) => form.querySelector(`[data-field="${name}"] input`);
  const error = (name) => form.querySelector(`[data-field="${name}"] .icp-tool__error`);
  let loading = null;
  let failed = false; // until a start works

  const fromAddress = () => {
    const params = new URLSearchParams(window.location.search);
    return Object.fromEntries(names.map((name) => [name, params.get(name) ?? ""]));
  };
  const asked = (fields) => Object.values(fields).some(Boolean);

  function fill(fields) {
    for (const name of names) input(name).value = fields[name];
  }

  function showErrors(field, message) {
    for (const name of names) {
      const here = name === field && Boolean(message);
      error(name).textContent = here ? message : "";
      error(name).hidden = !here;
      input(name).setAttribute("aria-invalid", String(here));
    }
  }

  function fail(reason) {
    failed = true;
    tool.dataset.booted = "failed";
    notice.textContent = t("tools_failed", { error: reason.message || reason });
    notice.hidden = false;
    result.textContent = "";
    tool.querySelector(".icp-tool__rules").open = true;
  }

  function load() {
    // The tools' module and its Public Suffix List come with the first call; starting is enough here.
    loading ??= startPython(tool, t).catch((reason) => {
      loading = null; // the next check starts it again
      throw reason;
    });
    return loading;
  }

  // Every start of the page's Python, this tool's and the retries runtime.js makes by itself.
  watchPython(({ state, error }) => {
    if (state === "ready") {
      failed = false;
      tool.dataset.booted = "ready";
      notice.hidden = true;
    } else if (state === "failed") fail(error);
    else tool.dataset.booted = "loading";
  });

  async function check(fields, { focus }) {
    showErrors("", "");
    result.textContent = tool.dataset.checking;
    let answer;
    try {
      await load();
      const { icpTool, page, lang } = tool.dataset;
      answer = JSON.parse(await callPython(tool, t, "tools.web", "run_json", icpTool, JSON.stringify(fields), page, lang));
    } catch (error) {
      fail(error);
      return; // fail() has said why; the form keeps what was typed
    }
    showErrors(answer.field, answer.error);
    result.innerHTML = answer.html;
    tool.dataset.checked = JSON.stringify(fields);
    // After a submit, focus goes where the reader has to look: the field to correct, or the answer.
    if (answer.error && focus) input(answer.field).focus();
    else if (focus) result.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const fields = Object.fromEntries(names.map((name) => [name, input(name).value]));
    const url = new URL(window.location.href);
    for (const name of names) {
      if (fields[name]) url.searchParams.set(name, fields[name]);
      else url.searchParams.delete(name);
    }
    url.hash = form.getAttribute("action");
    if (url.href !== window.location.href) history.pushState({}, "", url);
    check(fields, { focus: true });
  });

  window.addEventListener("popstate", () => {
    const fields = fromAddress();
    if (JSON.stringify(fields) === tool.dataset.checked) return;
    fill(fields);
    if (asked(fields)) check(fields, { focus: false });
    else {
      showErrors("", "");
      result.textContent = "";
      tool.dataset.checked = "";
    }
  });

  const initial = fromAddress();
  fill(initial);
  const slow = setTimeout(() => {
    if (tool.dataset.booted === "loading") {
      notice.textContent = t("tools_slow");
      notice.hidden = false;
    }
  }, SLOW_NOTICE_MS);
  // Python starts once the page has been painted, whether or not the address asks for a check.
  afterFirstPaint()
    .then(() => (asked(initial) ? check(initial, { focus: false }) : load()))
    .catch(() => {})
    .finally(() => {
      clearTimeout(slow);
      if (!failed) notice.hidden = true;
    });
}

function boot() {
  document.querySelectorAll("[data-icp-tool]").forEach(start);
}

if (typeof document$ !== "undefined") document$.subscribe(boot);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
