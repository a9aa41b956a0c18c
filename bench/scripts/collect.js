// What a page load measured (bench/browser.py reads it after the load): paints, marks, the widget's
// state, the views init.js recorded, and every resource the page fetched (its workers' are read apart).
() => {
  const bench = window.__icpBench || { element: [], views: [], booted: [], clicks: [], errors: [] };
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = Object.fromEntries(performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]));
  const mark = (name) => {
    const entry = performance.getEntriesByName(name, "mark")[0];
    return entry ? entry.startTime : null;
  };
  const widget = document.querySelector("[data-icp-tree]");
  let lastClick = null;
  try {
    lastClick = JSON.parse(sessionStorage.getItem("icp-bench-click") || "null");
  } catch (error) {
    bench.errors.push(String(error));
  }
  return {
    url: location.href,
    timeOrigin: performance.timeOrigin,
    fcp: paint["first-contentful-paint"] ?? null,
    element: bench.element,
    views: bench.views,
    bootedAt: bench.booted,
    clicks: bench.clicks,
    lastClick,
    errors: bench.errors,
    treeReady: mark("icp-tree-ready"),
    bareReady: mark("bare-ready"),
    booted: widget ? widget.dataset.booted || null : null,
    loadMs: widget && widget.dataset.loadMs ? Number(widget.dataset.loadMs) : null,
    nav: nav
      ? { name: nav.name, initiatorType: "navigation", transferSize: nav.transferSize, encodedBodySize: nav.encodedBodySize,
          decodedBodySize: nav.decodedBodySize, startTime: 0, responseEnd: nav.responseEnd }
      : null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    loadEvent: nav ? nav.loadEventEnd : null,
    resources: performance.getEntriesByType("resource").map((r) => ({
      name: r.name, initiatorType: r.initiatorType, transferSize: r.transferSize, encodedBodySize: r.encodedBodySize,
      decodedBodySize: r.decodedBodySize, startTime: r.startTime, responseEnd: r.responseEnd,
    })),
  };
}
