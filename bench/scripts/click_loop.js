// Answer clicks once Python drives the widget: a walk through questions and results, choosing among a
// view's answers with a seeded generator (the same walk every run), and "Start again" at a result.
// Per click:
// - painted: the click until the next view is painted (the view swapped in, then the next animation
//   frame and a task), on the page's clock;
// - handler: the synchronous click handler (walk.js follows the code, boot.js swaps a question in here);
// - later: the "icp-view" measures (boot.js, one per view swap) that ran after the handler returned,
//   i.e. a result swapped in once its prerendered files arrived;
// - main: handler + later, the main thread's work for the click.
async ({ clicks, seed }) => {
  const widget = document.querySelector("[data-icp-tree]");
  const view = widget.querySelector(".icp-tree__view");
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const shown = (token) =>
    new Promise((resolve, reject) => {
      if (widget.dataset.token === token) return resolve();
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`view for ${token} not shown within 10 s`));
      }, 10000);
      const observer = new MutationObserver(() => {
        if (widget.dataset.token !== token) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      });
      observer.observe(widget, { attributes: true, attributeFilter: ["data-token"] });
    });
  if (window.__icpBench) window.__icpBench.quiet = true; // init.js's own recording off: not part of a click's cost
  await frame();
  const out = [];
  for (let i = 0; i < clicks; i++) {
    const choices = [...view.querySelectorAll("a.icp-choice[data-token]")];
    const link = choices.length ? choices[Math.floor(random() * choices.length)] : view.querySelector("a.icp-restart[data-token]");
    if (!link) throw new Error(`no answer and no "Start again" link in the view (${widget.dataset.token})`);
    const token = link.dataset.token;
    const kind = choices.length ? "answer" : "restart";
    const t0 = performance.now();
    link.click();
    const t1 = performance.now();
    await shown(token);
    await frame();
    const t2 = performance.now();
    const later = performance
      .getEntriesByName("icp-view", "measure")
      .filter((m) => m.startTime >= t1 && m.startTime <= t2)
      .reduce((sum, m) => sum + m.duration, 0);
    const node = view.querySelector("[data-question], [data-outcome]");
    out.push({
      kind,
      to: node ? (node.dataset.outcome ? "result" : "question") : "none",
      node: node ? node.dataset.outcome || node.dataset.question : null,
      token,
      painted: t2 - t0,
      handler: t1 - t0,
      later,
      main: t1 - t0 + later,
    });
  }
  return out;
}
