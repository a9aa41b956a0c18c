// Installed by the benchmark (bench/browser.py) in every document before any of the page's scripts.
// It records, in window.__icpBench:
// - element: Element Timing entries (the tree's first question carries elementtiming="icp-first-question");
// - views: every view the tree widget shows (question or outcome id, answer code), with when it was
//   put in the page and when it was painted (the next animation frame, then a task);
// - booted: each value of the widget's data-booted with when it was set ("loading": boot.js runs, clicks are its);
// - clicks: every click (capture phase, before the page's handlers), with the widget's state then.
// Times are the page's performance.now(); `epoch` adds performance.timeOrigin, comparable across documents.
// The last click is also kept in sessionStorage, so that a click that navigates can be timed in the next document.
// Setting window.__icpBench.quiet (click_loop.js does) stops the recording, which would add to what clicks cost.
(() => {
  const bench = (window.__icpBench = { element: [], views: [], booted: [], clicks: [], errors: [] });
  const painted = (callback) => requestAnimationFrame(() => setTimeout(callback, 0));
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        bench.element.push({ identifier: e.identifier, renderTime: e.renderTime, loadTime: e.loadTime, startTime: e.startTime });
      }
    }).observe({ type: "element", buffered: true });
  } catch (error) {
    bench.errors.push(String(error));
  }

  function watch(widget, view) {
    let last = null;
    const record = () => {
      if (bench.quiet) return;
      const node = view.querySelector("[data-question], [data-outcome]");
      if (!node || node === last) return; // the parser still adding to the same view
      last = node;
      const entry = {
        at: performance.now(),
        question: node.dataset.question ?? null,
        outcome: node.dataset.outcome ?? null,
        token: widget.dataset.token ?? null,
        booted: widget.dataset.booted ?? null,
        painted: null,
      };
      bench.views.push(entry);
      painted(() => {
        entry.painted = performance.now();
      });
    };
    record();
    new MutationObserver(record).observe(view, { childList: true });
    new MutationObserver(() => bench.booted.push({ value: widget.dataset.booted ?? null, at: performance.now() })).observe(
      widget, { attributes: true, attributeFilter: ["data-booted"] },
    );
  }

  // The view exists once the parser has reached it; boot.js may replace it before DOMContentLoaded.
  const finder = new MutationObserver(() => {
    const view = document.querySelector("[data-icp-tree] .icp-tree__view");
    if (!view) return;
    finder.disconnect();
    watch(view.closest("[data-icp-tree]"), view);
  });
  finder.observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => finder.disconnect());

  document.addEventListener(
    "click",
    (event) => {
      if (bench.quiet) return;
      const widget = document.querySelector("[data-icp-tree]");
      const link = event.target.closest ? event.target.closest("a") : null;
      const click = {
        at: event.timeStamp,
        epoch: performance.timeOrigin + event.timeStamp,
        href: link ? link.href : null,
        token: link ? link.dataset.token ?? null : null,
        from: event.target.closest ? event.target.closest("[data-question]")?.dataset.question ?? null : null,
        booted: widget ? widget.dataset.booted ?? null : null,
        page: location.href,
      };
      bench.clicks.push(click);
      try {
        sessionStorage.setItem("icp-bench-click", JSON.stringify(click));
      } catch (error) {
        bench.errors.push(String(error));
      }
    },
    true,
  );
})();
