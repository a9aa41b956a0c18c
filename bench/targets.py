"""Every row of the benchmark's table, in ONE data table: key, label, unit, and (for a target) the limit
and the statistic it is judged on. The target's text in the report is made from the same limit as its
check, so the two cannot drift apart; bench/figures.py fills measurements by these keys, and ``problems``
(run by the bench before it reports) says which target has no measurement and which measurement has no row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from config import CPU_SLOWDOWN, LIGHTHOUSE_PAGES, MAINLAND, THROTTLED

Unit = Literal["ms", "s", "bytes", "ratio", "score", "count"]
Stat = Literal["median", "p95"]


@dataclass(frozen=True)
class Target:
    op: Literal["<=", ">=", "=="]
    limit: float
    stat: Stat = "median"

    def met(self, value: float) -> bool:
        if self.op == "<=":
            return value <= self.limit
        if self.op == ">=":
            return value >= self.limit
        return value == self.limit


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    unit: Unit
    target: Target | None = None
    p95: bool = False  # report the 95th percentile (always, when the target is judged on it)

    @property
    def shows_p95(self) -> bool:
        return self.p95 or (self.target is not None and self.target.stat == "p95")

    def target_text(self) -> str:
        if self.target is None:
            return "—"
        symbol = {"<=": "≤", ">=": "≥", "==": "="}[self.target.op]
        stat = "p95 " if self.target.stat == "p95" else ""
        return f"{stat}{symbol} {fmt(self.target.limit, self.unit)}"


def fmt(value: float, unit: Unit) -> str:
    if unit == "ms":
        if value >= 10_000:
            return f"{value / 1000:.1f} s"
        if value >= 1000:
            return f"{value / 1000:.2f} s"
        return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"
    if unit == "bytes":
        if value >= 1e6:
            return f"{value / 1e6:.2f} MB"
        return f"{value / 1e3:.1f} kB" if value else "0 B"
    if unit == "ratio":
        return f"{value:.2f}×"
    if unit == "s":
        return f"{value:.1f} s"
    return f"{value:.0f}"


def at_most(limit: float, stat: Stat = "median") -> Target:
    return Target("<=", limit, stat)


def at_least(limit: float) -> Target:
    return Target(">=", limit)


T, M = THROTTLED.label, MAINLAND.label

ROWS: tuple[Row, ...] = (
    # Answering before Python (issue 13's first targets).
    Row("first_answer", f"First answer click → next question painted, cold, {T}", "ms", at_most(100)),
    Row("first_answer_after_boot", f"… the same, clicked once boot.js has taken the widget over, {T}", "ms"),
    Row("shared_result", f"Shared result link (tree/?a=…) → result painted, cold, {T}", "ms", at_most(1500)),
    # Bytes.
    Row("bytes_before_python", "Tree page: bytes transferred before Python drives the widget (as served)", "bytes",
        at_most(3.8e6)),
    # Python start-up against the bare page, same run.
    Row("tree_ready_cold", "Python drives the widget, cold (mark icp-tree-ready)", "ms"),
    Row("bare_ready_cold", "Bare page: Pyodide + one line of Python, cold (mark bare-ready)", "ms"),
    Row("ready_ratio_cold", "Python drives the widget ÷ bare Pyodide page, cold", "ratio", at_most(1.00)),
    Row("tree_runtime_request_cold", "… of which before the tree's worker asks for the runtime, cold", "ms"),
    Row("bare_runtime_request_cold", "… of which before the bare page asks for the runtime, cold", "ms"),
    Row("tree_ready_warm", "Python drives the widget, warm (mark icp-tree-ready)", "ms"),
    Row("bare_ready_warm", "Bare page: Pyodide + one line of Python, warm (mark bare-ready)", "ms"),
    Row("ready_ratio_warm", "Python drives the widget ÷ bare Pyodide page, warm", "ratio", at_most(1.00)),
    Row("tree_runtime_request_warm", "… of which before the tree's worker asks for the runtime, warm", "ms"),
    Row("bare_runtime_request_warm", "… of which before the bare page asks for the runtime, warm", "ms"),
    # Answer clicks once Python drives the widget.
    Row("click_main", "Main-thread time per answer click (handler + its icp-view measures)", "ms", at_most(4, "p95")),
    Row("click_painted", "Answer click → next view painted", "ms", at_most(20, "p95")),
    Row("click_painted_question", "… to a question", "ms", p95=True),
    Row("click_painted_result", "… to a result (its prerendered files fetched)", "ms", p95=True),
    # Main thread at start-up.
    Row("longest_task", f"Longest main-thread task, tree page start-up, {CPU_SLOWDOWN}× CPU slowdown", "ms", at_most(50)),
    Row("longest_task_own", f"Longest start-up task in which the site's tree scripts run, {CPU_SLOWDOWN}× CPU slowdown", "ms"),
    Row("longest_task_plain", f"Longest main-thread task, plain docs page load, {CPU_SLOWDOWN}× CPU slowdown", "ms"),
    Row("long_tasks", f"Tasks over 50 ms, tree page start-up, {CPU_SLOWDOWN}× CPU slowdown", "count"),
    # First paint.
    Row("plain_fcp", "Plain docs page: first contentful paint, cold", "ms"),
    Row("tree_fcp", "Tree page: first contentful paint, cold", "ms"),
    Row("tree_question", "Tree page: first question painted, cold (element timing)", "ms"),
    Row("tree_interactive", "Tree page: boot.js takes the widget over, cold (answers handled in the page)", "ms"),
    Row("question_ratio", "Tree first question ÷ plain docs page FCP", "ratio", at_most(1.10)),
    # Lighthouse.
    *(
        Row(f"lighthouse_{page.replace(' ', '_')}_{category}", f"Lighthouse {page}: {category}", "score",
            at_least(95) if category == "performance" else Target("==", 100))
        for page, _ in LIGHTHOUSE_PAGES
        for category in ("performance", "accessibility", "best-practices", "seo")
    ),
    Row("lighthouse_tree_tbt", "Lighthouse tree: total blocking time", "ms"),
    Row("lighthouse_tree_lcp", "Lighthouse tree: largest contentful paint", "ms"),
    # The slow profiles.
    Row("throttled_question", f"{T}: tree first question painted", "ms"),
    Row("throttled_interactive", f"{T}: boot.js takes the widget over (until then a click follows the link)", "ms"),
    Row("throttled_python", f"{T}: Python drives the widget", "ms"),
    Row("throttled_bytes", f"{T}: tree page bytes until Python drives it", "bytes"),
    Row("mainland_question", f"{M}: tree first question painted", "ms"),
    Row("mainland_answer", f"{M}: first answer click → next question painted", "ms"),
    Row("mainland_interactive", f"{M}: boot.js takes the widget over", "ms"),
    Row("mainland_python", f"{M}: Python drives the widget", "ms"),
    # What pages cost.
    Row("plain_bytes", "Plain docs page: bytes transferred, cold", "bytes"),
    Row("plain_requests", "Plain docs page: requests, cold", "count"),
    Row("tree_bytes", "Tree page: bytes transferred, cold (until the network is idle)", "bytes"),
    Row("tree_requests", "Tree page: requests, cold (page and workers)", "count"),
    Row("tree_bytes_warm", "Tree page: bytes transferred, warm", "bytes"),
    Row("docs_runtime_bytes", "Docs pages without a widget: bytes of assets/pyodide/ and assets/tree/", "bytes",
        Target("==", 0)),
    # The build.
    Row("build_s", "Build of the whole site (scripts/build_site.py; made files cached)", "s"),
    Row("build_pages_s", "mkdocs build (pages only, both editions)", "s"),
    Row("build_cold_s", "Build of the whole site with no cache (as a fresh clone's `make build`, installs aside)", "s",
        at_most(90)),
    Row("build_edit_s", "Build again after a one-line content edit", "s", at_most(30)),
)

BY_KEY = {row.key: row for row in ROWS}
assert len(BY_KEY) == len(ROWS), "row keys are unique"


def problems(measured: set[str]) -> list[str]:
    """What is wrong with the measurements against the table: a row, above all a target, without a
    measurement (not even the reason why it was not measured), or a measurement the table has no row for."""
    out = [
        f"{'target' if row.target else 'row'} '{row.key}' ({row.label}) has no measurement"
        for row in ROWS if row.key not in measured
    ]
    out += [f"measurement '{key}' has no row in bench/targets.py" for key in sorted(measured - BY_KEY.keys())]
    return out
