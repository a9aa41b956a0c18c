// A shared result link (tree/?a=<code>) opened cold: when the result's view ([data-outcome]) was painted,
// on the page's clock (from the navigation's start), and whether Python drove the widget by then; null until then.
() => {
  const bench = window.__icpBench;
  const view = bench ? bench.views.find((v) => v.outcome && v.painted !== null) : null;
  return view ? { ms: view.painted, outcome: view.outcome, booted: view.booted } : null;
}
