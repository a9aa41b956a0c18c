// The decision-tree widget. Every view comes from Python's widget code: most of them rendered at
// build time (decision_tree/pages/prerender.py), the rest by Python itself, which runs in a worker
// (runtime.js, worker.js) and is an enhancement, never the gate.
//
// A click shows the next view at once: walk.js follows the answer code through the routing table
// the build wrote and makes the view from the question's template, or from the result's
// prerendered files, which boot.js fetches; boot.js swaps it in. Neither decides anything: where a
// view is not prerendered (a code from an earlier version of the tree, a changed answer, a code
// that cannot be read) the page waits for Python. No words live here either: the texts come from
// Python's message catalog, in a JSON block in the widget, in the page's language.

import { afterFirstPaint, callPython, catalog, prepareWorker, retried, startPython, watchPython } from "./runtime.js";
import * as walk from "./walk.js";

// Past this, a reader waiting for Python gets a notice pointing to the walkthrough; loading goes on.
// Real failures (file missing, wasm refused or sent with the wrong type) are reported at once.
const SLOW_NOTICE_MS = 20000;

function urlFor(query) {
  const url = new URL(window.location.href);
  url.search = query ? `?${query}` : "";
  url.hash = "";
  return url.pathname + url.search;
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

// The domain check beside the domain question: Python, with the tools' Public Suffix List, is
// asked on the first check. The domain never reaches the address bar or the history:
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
      const { token, page, lang } = widget.dataset;
      answer = JSON.parse(await callPython(widget, t, "tools.web", "domain_answer_json", input.value, token, page, lang));
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

// The view's heading, focused and in sight: below Material's sticky header and the back-to-top
// button it shows while the page scrolls up (the heading's scroll-margin-top in extra.css leaves room
// for both; the header's own height counts too, should it be taller). Only scrolls when the heading
// is out of that room: a reader who answered near the top stays where they are.
function reveal(heading) {
  heading.focus({ preventScroll: true });
  const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom || 0;
  const room = Math.max(parseFloat(getComputedStyle(heading).scrollMarginTop) || 0, header);
  const { top, bottom } = heading.getBoundingClientRect();
  if (top < room || bottom > window.innerHeight) window.scrollBy({ top: top - room, behavior: "instant" });
}

// After Back, the answer the reader gave to the question shown again is marked, as Python marks
// the one being changed (decision_tree/widget.py: the same class, attribute and words).
function markGiven(view, choice, words) {
  const link = view.querySelector(`a.icp-choice[data-choice="${CSS.escape(choice)}"]`);
  if (!link || view.querySelector(".icp-choice--selected")) return;
  link.classList.add("icp-choice--selected");
  link.setAttribute("aria-current", "true");
  const mark = document.createElement("span");
  mark.className = "icp-choice__current";
  mark.textContent = words;
  link.querySelector(".icp-choice__label").after(mark);
}

// A printed result shows its own address (with its answer code) beside the code, for the print style.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll(".icp-tree__view .icp-version code").forEach((code) => {
    code.dataset.printHref = window.location.href;
  });
  document.querySelectorAll(".icp-tree__view details").forEach((d) => {
    d.open = true;
  });
});

// A results file that could not be had, and why: a failure of the boot table, in its words.
class Missing {
  constructor(key, params) {
    this.key = key;
    this.params = params;
  }
}

// The widget's data blocks, as walk.js reads them, and the results files it asks for.
function prerendered(widget) {
  // Parsed on the first view asked for, not while the page starts: the first question is in the HTML.
  const parsed = (element) => {
    let value;
    return () => (value ??= JSON.parse(element().textContent));
  };
  const routes = parsed(() => widget.querySelector(".icp-tree__routes"));
  // Question templates by node id; the start's view (filled in already) under "".
  const templates = parsed(() => widget.querySelector(".icp-tree__templates"));
  // The rows of "Your answers" come after this script in the page (only a result needs them), so
  // the page may still be arriving when a result is first asked for.
  const rowsBlock = () => widget.parentElement.querySelector(".icp-tree__rows");
  const rows = parsed(rowsBlock);
  const parsedPage = new Promise((resolve) => {
    if (document.readyState !== "loading") resolve();
    else document.addEventListener("DOMContentLoaded", resolve, { once: true });
  });
  const data = {
    get table() {
      return routes();
    },
    get templates() {
      return templates();
    },
    get rows() {
      return rows();
    },
  };
  // Results file URL -> promise of its JSON, or of a Missing that says why it could not be had. A
  // failure is not kept: the next view that needs the file asks for it again.
  const files = new Map();
  const bundle = new URL(widget.dataset.bundle, window.location.href).href;

  function fetched(path) {
    const url = new URL(path, bundle).href;
    if (!files.has(url)) {
      const file = new URL(url).pathname;
      const got = fetch(url).then(
        (response) =>
          response.ok
            ? response.json().catch(() => new Missing("file_unreadable", { file }))
            : new Missing("file_status", { file, status: response.status }),
        () => new Missing("file_offline", { file }),
      );
      files.set(url, got);
      got.then((value) => value instanceof Missing && files.get(url) === got && files.delete(url));
    }
    return files.get(url);
  }

  // The state in the address bar: its answer code, and the question being changed, if any.
  function state() {
    return window.location.search ? walk.readQuery(routes(), window.location.search) : { token: "", change: "" };
  }

  // The view of a state, now ({view}), after fetching its result ({later}: a view, a Missing, or
  // null where the files do not hold it), or not at all (null).
  function view(token) {
    const made = walk.show(data, token);
    if (!made?.files) return made;
    const loaded = Promise.all(made.files.map(fetched));
    return {
      later: Promise.all([loaded, rowsBlock() || parsedPage]).then(
        ([results]) => results.find((result) => result instanceof Missing) || made.assemble(results),
      ),
    };
  }

  // The walkthrough's section of what a state shows (the question being changed, else the code's
  // node), or the walkthrough itself where the page cannot tell (a code only Python reads).
  function section({ token, change }) {
    const table = routes();
    const node = table.nodes[change] || table.nodes[walk.follow(table, token)?.node];
    const page = new URL(widget.dataset.walkthrough, window.location.href);
    if (node) page.hash = node.anchor;
    return { href: page.href, title: node?.title || "" };
  }

  return {
    view,
    state,
    query: (token, change) => walk.queryFor(routes(), token, change),
    given: (token, reached) => walk.givenBefore(routes(), token, reached),
    section,
    // The results a step from this question may show, fetched while the reader reads it.
    prefetch: (token) => walk.prefetch(routes(), token).forEach(fetched),
  };
}

function start(widget) {
  if (widget.dataset.booted) return; // instant navigation or a second document$ emission
  widget.dataset.booted = "loading";
  const view = widget.querySelector(".icp-tree__view");
  const status = widget.querySelector(".icp-tree__status");
  const notice = widget.querySelector(".icp-tree__notice");
  const { root, page, lang } = widget.dataset;
  const t = catalog(widget);
  const ahead = prerendered(widget);
  let ready = false;
  let failed = null; // why Python could not start, until a retry works
  let shown = 0; // the last navigation's number: an older one that finishes late is not shown
  let reached = ""; // the deepest state of the reader's walk, for the answers Back returns to
  let stalled = null; // the state in the address bar that could not be shown, to show once it can
  let settles = false; // whether the notice is one Python's start takes back (loading, failing)
  // Each view is a new page to the reader: the browser's own restoring of the scroll position, made
  // for the view that was there before, would put the new heading out of sight.
  history.scrollRestoration = "manual";

  // Announcements of the new view are for screen readers (the heading shows it already); loading
  // and clipboard messages are shown to everyone.
  const say = (text, { visible = true } = {}) => {
    status.textContent = text;
    status.classList.toggle("icp-visually-hidden", !visible);
  };
  // A notice, with a link after it where the walkthrough has what the page cannot show.
  const warn = (text, { link = null, fromPython = false } = {}) => {
    notice.replaceChildren(text);
    if (link) {
      const a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.title ? t("walkthrough_section", { title: link.title }) : t("walkthrough_page");
      notice.append(" ", a);
    }
    notice.hidden = !text;
    settles = fromPython;
  };
  const reason = (error) => error.message || String(error);
  const needsPython = (error) =>
    retried(error) ? t("needs_python", { error: reason(error) }) : t("needs_wasm", { error: reason(error) });

  function apply(result, { token, change }, { focus }) {
    const began = performance.now();
    view.innerHTML = result.html;
    const given = change ? "" : ahead.given(result.token, reached);
    if (given) markGiven(view, given, t("your_answer"));
    else reached = result.token;
    wireFilter(view, t);
    wireDomainCheck(view, widget, t);
    if (result.notice) warn(result.notice);
    // A code Python could not read gives the start; one from an earlier version of the tree gives
    // today's code for the same answers. Either way the address bar should hold what is shown.
    if (result.query !== ahead.query(token, change)) history.replaceState({}, "", urlFor(result.query));
    widget.dataset.token = result.token;
    widget.dataset.complete = String(result.complete);
    document.title = t("title", { title: result.title, site: widget.dataset.siteName });
    say(result.announce, { visible: false });
    const heading = view.querySelector("#icp-current");
    if (focus && heading) reveal(heading);
    if (!result.complete) ahead.prefetch(result.token);
    // The main thread's work for one view, for the benchmark (bench/): "icp-view" measures.
    performance.measure("icp-view", { start: began });
  }

  // Python's view of a state, when the build could not make it (`missing`: the results file that
  // could not be had, when it was one of its results). Python starts again if it could not before.
  async function fromPython(state, missing) {
    if (!ready) say(failed ? t("retrying") : t("kept"));
    const slow = setTimeout(() => {
      if (!ready && !failed) warn(t("slow"), { fromPython: true });
    }, SLOW_NOTICE_MS);
    try {
      return JSON.parse(await callPython(widget, t, "web", "view_json", state.token, page, lang, state.change));
    } catch (error) {
      // Keep what is on screen (the reader's place), say what could not be had, and where it is.
      const link = ahead.section(state);
      if (ready) warn(t("step_failed", { error: reason(error) }), { link });
      else if (missing) {
        const file = t(missing.key, missing.params);
        warn(t("result_missing", { file, error: reason(error) }), { link, fromPython: true });
      } else warn(needsPython(error), { link, fromPython: true });
      return null;
    } finally {
      clearTimeout(slow);
      say("");
    }
  }

  async function render(state, { focus }) {
    const mine = ++shown;
    stalled = null;
    const made = state.change ? null : ahead.view(state.token);
    let result = made?.view || null;
    let missing = null;
    if (!result && made?.later) {
      const later = await made.later;
      if (later instanceof Missing) missing = later;
      else result = later;
    }
    if (!result && mine === shown) result = await fromPython(state, missing);
    if (mine !== shown) return;
    if (!result) {
      stalled = state;
      return;
    }
    if (settles) warn(""); // a notice of what could not be shown before, shown now
    say("");
    apply(result, state, { focus });
  }

  // What could not be shown, now that it may be: the reader's place moves on as the click asked,
  // and the focus with it unless the reader has gone elsewhere on the page.
  function resume() {
    if (!stalled) return;
    const inside = document.activeElement === document.body || widget.contains(document.activeElement);
    render(stalled, { focus: inside });
  }

  function navigate(state) {
    warn("");
    history.pushState({}, "", urlFor(ahead.query(state.token, state.change)));
    render(state, { focus: true });
  }

  widget.addEventListener("click", async (event) => {
    const link = event.target.closest("a[data-token]");
    if (link && widget.contains(link)) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      if (link.classList.contains("icp-restart")) reached = ""; // starting again forgets the answers
      navigate({ token: link.dataset.token, change: link.dataset.change || "" });
      return;
    }
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    if (button.dataset.action === "print") window.print();
    if (button.dataset.action === "copy-markdown") {
      // The confirmation appears beside the buttons, where the reader is looking.
      const beside = button.parentElement.querySelector(".icp-actions__status") || status;
      if (!ready) beside.textContent = t("copy_waiting");
      let md;
      try {
        md = await callPython(widget, t, "web", "markdown", widget.dataset.token, new URL(root, window.location.href).href, lang);
      } catch (error) {
        beside.textContent = ready ? t("step_failed", { error: reason(error) }) : needsPython(error);
        return;
      }
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

  // Space answers on a focused choice, as Enter does (a link alone would scroll the page).
  widget.addEventListener("keydown", (event) => {
    if (event.key !== " " || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    const choice = event.target.closest?.("a.icp-choice[data-token]");
    if (!choice || !widget.contains(choice)) return;
    event.preventDefault();
    if (!event.repeat) choice.click();
  });

  window.addEventListener("popstate", () => render(ahead.state(), { focus: true }));
  // The network is back: a result whose files could not be had is asked for again (runtime.js
  // starts Python again by itself).
  window.addEventListener("online", resume);

  // Every start of the page's Python, this widget's first and each retry, whoever asked for it.
  watchPython(({ state, error }) => {
    if (state === "loading") {
      widget.dataset.booted = "loading";
    } else if (state === "ready") {
      ready = true;
      failed = null;
      widget.dataset.booted = "ready";
      widget.dataset.loadMs ??= String(Math.round(performance.now() - started));
      performance.mark("icp-tree-ready");
      // Only Python's own notices (still loading, could not start) are its to take back; another
      // one (a code that could not be read, an earlier version of the guide) stays until the
      // reader moves on.
      if (settles) warn("");
      resume();
    } else {
      ready = false;
      failed = error;
      widget.dataset.booted = "failed";
      // A view that could not be shown says so itself, with what it lacks: that notice stays.
      const text = retried(error) ? t("failed", { error: reason(error) }) : t("failed_for_good", { error: reason(error) });
      if (!stalled) warn(text, { fromPython: true });
    }
  });

  const initial = ahead.state();
  if (initial.token || initial.change) {
    say(t("restoring"));
    render(initial, { focus: false });
  }
  const started = performance.now();
  prepareWorker();
  // Python starts once the first view has been painted, so that its downloads never delay it.
  afterFirstPaint()
    .then(() => startPython(widget, t))
    .catch(() => {}); // said by watchPython
}

function boot() {
  document.querySelectorAll("[data-icp-tree]").forEach(start);
}

// This script is async: it may run while the page is still arriving, and the widget before it is
// there already. Later widgets, and pages changed by Material's instant navigation, on DOMContentLoaded.
boot();
const later = () => (typeof document$ !== "undefined" ? document$.subscribe(boot) : boot());
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", later);
else later();
