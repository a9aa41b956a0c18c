// Bootstrap of the decision-tree widget: load the site's own Pyodide and the decision_tree wheel,
// then hand every navigation (a token) to Python, which returns the HTML. No tree logic lives here,
// and no words either: the texts come from Python's message catalog, in a JSON block the build
// writes into the widget (.icp-tree__messages), in the page's language.
// Until Python is ready, the page shows the first question rendered at build time; clicks are kept
// (as the token of the state they lead to) and shown as soon as Python runs.

import { afterFirstPaint, catalog, python } from "./runtime.js";

// Past this, a slow network gets a notice pointing to the walkthrough; loading goes on, and the
// widget still takes over if Python arrives. Real failures (file missing, wasm refused or sent with
// the wrong type) are reported as soon as they are known.
const SLOW_NOTICE_MS = 20000;

// A state of the tree is its answer code (?a=), and the question being changed, if any (&change=).
function stateFromLocation() {
  const params = new URLSearchParams(window.location.search);
  return { token: params.get("a") || "", change: params.get("change") || "" };
}

function urlFor(query) {
  const url = new URL(window.location.href);
  url.search = query ? `?${query}` : "";
  url.hash = "";
  return url.pathname + url.search;
}

function queryFor(token, change) {
  if (!token) return "";
  return `a=${encodeURIComponent(token)}` + (change ? `&change=${encodeURIComponent(change)}` : "");
}

// The province list's type-ahead: it filters the links Python rendered (each carries the names a
// reader may type in data-search) and moves focus; choosing is following the link, as everywhere.
function wireFilter(view, t) {
  const box = view.querySelector(".icp-filter");
  if (!box) return;
  const input = box.querySelector("input");
  const count = box.querySelector(".icp-filter__count");
  const items = [...view.querySelectorAll(".icp-choices li")];
  const visible = () => items.filter((li) => !li.hidden).map((li) => li.querySelector("a"));
  box.hidden = false;
  input.addEventListener("input", () => {
    const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    for (const li of items) {
      const terms = li.querySelector("a").dataset.search.split(" ");
      li.hidden = !words.every((w) => terms.some((term) => term.startsWith(w)));
    }
    count.textContent = words.length ? t("filter_count", { count: visible().length }) : "";
  });
  input.addEventListener("keydown", (event) => {
    const first = visible()[0];
    if (event.key === "Enter" && first) {
      event.preventDefault();
      first.click();
    } else if (event.key === "ArrowDown" && first) {
      event.preventDefault();
      first.focus();
    }
  });
  view.querySelector(".icp-choices").addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = visible();
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === "ArrowUp" && at === 0) input.focus();
    else links[Math.min(links.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
  });
}

// The domain check beside the domain question: the tools' Python (with the Public Suffix List's
// wheel) is loaded on the first check. The domain never reaches the address bar or the history:
// only the link it may offer, to the answers it gives, moves the walk on, as any other choice does.
function wireDomainCheck(view, widget, t) {
  const box = view.querySelector("[data-icp-domain-check]");
  if (!box) return;
  const form = box.querySelector("form");
  const input = form.querySelector("input");
  const error = box.querySelector(".icp-domain-check__error");
  const result = box.querySelector(".icp-domain-check__result");
  form.hidden = false;
  box.querySelector(".icp-domain-check__intro").hidden = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    result.textContent = box.dataset.checking;
    let answer;
    try {
      const wheels = [widget.dataset.wheel, ...(widget.dataset.toolWheels || "").split(" ")];
      const tools = await python(widget, t, wheels, "decision_tree.tools_web");
      answer = JSON.parse(tools.domain_answer_json(input.value, widget.dataset.token, widget.dataset.page, widget.dataset.lang));
    } catch (failure) {
      answer = { html: "", error: t("step_failed", { error: failure.message || failure }) };
    }
    // A name that cannot be checked keeps what was typed, with the reason beside it.
    error.textContent = answer.error;
    error.hidden = !answer.error;
    input.setAttribute("aria-invalid", String(Boolean(answer.error)));
    result.innerHTML = answer.html;
    if (answer.error) input.focus();
  });
}

// Printed links show where they lead: each gets its full address for the print style to append.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll(".icp-tree__view a[href]").forEach((a) => {
    a.dataset.printHref = a.href;
  });
  document.querySelectorAll(".icp-tree__view details").forEach((d) => {
    d.open = true;
  });
});

function start(widget) {
  if (widget.dataset.booted) return; // instant navigation or a second document$ emission
  widget.dataset.booted = "loading";
  const view = widget.querySelector(".icp-tree__view");
  const status = widget.querySelector(".icp-tree__status");
  const notice = widget.querySelector(".icp-tree__notice");
  const root = widget.dataset.root;
  const page = widget.dataset.page;
  const lang = widget.dataset.lang;
  const t = catalog(widget);
  let web = null;
  const initial = stateFromLocation();
  let pending = initial;
  let failed = false;

  // Announcements of the new question are for screen readers (the heading shows it already);
  // loading and clipboard messages are shown to everyone.
  const say = (text, { visible = true } = {}) => {
    status.textContent = text;
    status.classList.toggle("icp-visually-hidden", !visible);
  };
  const warn = (text) => {
    notice.textContent = text;
    notice.hidden = !text;
  };

  function show({ token, change }, { focus }) {
    let result;
    try {
      result = JSON.parse(web.view_json(token, page, lang, change));
    } catch (error) {
      // Keep what is on screen (the reader's place) and say what happened.
      warn(t("step_failed", { error: error.message || error }));
      return;
    }
    view.innerHTML = result.html;
    wireFilter(view, t);
    wireDomainCheck(view, widget, t);
    if (result.notice) warn(result.notice);
    // A code Python could not read gives the start; one from an earlier version of the tree gives
    // today's code for the same answers. Either way the address bar should hold what is shown.
    if (result.query !== queryFor(token, change)) history.replaceState({}, "", urlFor(result.query));
    widget.dataset.token = result.token;
    widget.dataset.complete = String(result.complete);
    document.title = t("title", { title: result.title, site: widget.dataset.siteName });
    say(result.announce, { visible: false });
    if (focus) view.querySelector("#icp-current")?.focus();
  }

  function navigate(state) {
    warn("");
    history.pushState({}, "", urlFor(queryFor(state.token, state.change)));
    if (web) show(state, { focus: true });
    else if (!failed) {
      pending = state;
      say(t("kept"));
    }
  }

  widget.addEventListener("click", async (event) => {
    const link = event.target.closest("a[data-token]");
    if (link && widget.contains(link) && !failed) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate({ token: link.dataset.token, change: link.dataset.change || "" });
      return;
    }
    const button = event.target.closest("button[data-action]");
    if (!button || !web) return;
    if (button.dataset.action === "print") window.print();
    if (button.dataset.action === "copy-markdown") {
      const md = web.markdown(widget.dataset.token, new URL(root, window.location.href).href, lang);
      // The confirmation appears beside the buttons, where the reader is looking.
      const beside = button.parentElement.querySelector(".icp-actions__status") || status;
      try {
        await navigator.clipboard.writeText(md);
        beside.textContent = t("copied");
      } catch {
        const area = document.createElement("textarea");
        area.value = md;
        area.className = "icp-copy-fallback";
        area.setAttribute("aria-label", t("copy_box_label"));
        button.parentElement.after(area);
        area.select();
        beside.textContent = t("copy_blocked");
      }
    }
  });

  window.addEventListener("popstate", () => {
    const state = stateFromLocation();
    if (web) show(state, { focus: true });
    else pending = state;
  });

  if (pending.token) say(t("restoring"));
  const started = performance.now();
  const slow = setTimeout(() => {
    warn(t("slow"));
  }, SLOW_NOTICE_MS);
  // Starting Python waits until the build-time question has been painted, so the runtime's
  // downloads and compilation never delay first paint.
  afterFirstPaint()
    .then(() => python(widget, t, [widget.dataset.wheel], "decision_tree.web"))
    .then((module) => {
      web = module;
      widget.dataset.booted = "ready";
      widget.dataset.loadMs = String(Math.round(performance.now() - started));
      performance.mark("icp-tree-ready");
      warn("");
      // A click made while loading moves focus to what it led to; a page load does not.
      const clicked = pending !== initial;
      show(stateFromLocation(), { focus: clicked });
      if (!stateFromLocation().token) say("");
    })
    .catch((error) => {
      failed = true;
      widget.dataset.booted = "failed";
      warn(t("failed", { error: error.message || error }));
      say("");
    })
    .finally(() => clearTimeout(slow));
}

function boot() {
  document.querySelectorAll("[data-icp-tree]").forEach(start);
}

if (typeof document$ !== "undefined") document$.subscribe(boot);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
