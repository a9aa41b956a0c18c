// After the first answer click (bench/measure.py): the time from the click to the next view painted,
// or null while it has not been painted yet. Run in whichever document is current: a click before
// boot.js ran follows the link instead (to the walkthrough without JavaScript), and is then timed to
// the next document's first question or, elsewhere, its first contentful paint, on the shared epoch clock.
() => {
  const bench = window.__icpBench;
  let click = null;
  try {
    click = JSON.parse(sessionStorage.getItem("icp-bench-click") || "null");
  } catch {
    return null;
  }
  if (!bench || !click) return null;
  const epoch = (t) => performance.timeOrigin + t;
  const next = (since) => bench.views.find((v) => v.at >= since && v.question !== click.from && v.painted !== null);
  if (performance.timeOrigin < click.epoch) {
    const view = next(click.at);
    if (!view) return null;
    return { ms: view.painted - click.at, at: click.at, navigated: false, to: view.question || view.outcome,
             bootedAtClick: click.booted, bootedAtView: view.booted, page: location.pathname + location.search };
  }
  const tree = document.querySelector("[data-icp-tree]");
  let painted = null;
  let to = null;
  if (tree) {
    const view = next(0);
    if (view) [painted, to] = [view.painted, view.question || view.outcome];
  } else {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    if (fcp) [painted, to] = [fcp.startTime, location.hash || "(page)"];
  }
  if (painted === null) return null;
  return { ms: epoch(painted) - click.epoch, at: click.at, navigated: true, to, bootedAtClick: click.booted,
           bootedAtView: tree ? tree.dataset.booted || null : null, page: location.pathname + location.search };
}
