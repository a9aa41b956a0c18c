"""The benchmark's procedures in the browser: each returns the raw figures of one run, as plain JSON data
(bench/figures.py turns them into the table's measurements)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import timeline
from browser import cold_context, collect, fresh_page, load, poll, script, session, tracing, wait_for_mark
from config import (
    BARE,
    BARE_MARK,
    CLICK_SEED,
    CLICKS,
    CPU_SLOWDOWN,
    PAGE_TIMEOUT_MS,
    PLAIN,
    PY_TIMEOUT_MS,
    READY_MARK,
    TREE,
    Network,
)
from playwright.sync_api import Playwright

Log = Callable[[str], None]
# A page with a widget of the site's Python (the tree, the tools) loads it by design.
WIDGET = re.compile(r"<[^>]*\sdata-icp-(?:tree|tool)[\s=>]")
RUNTIME = re.compile(r"/assets/(?:pyodide|tree)/")


def cold_run(pw: Playwright, base: str, profiles: Path, index: int, log: Log) -> dict[str, Any]:
    """One cold run on loopback: the plain page, the tree page and the bare page, each in a new profile;
    the tree and the bare page then once more in a new tab (warm), where the answer clicks are made."""
    run: dict[str, Any] = {}
    with cold_context(pw, profiles) as context:
        run["plain"] = load(fresh_page(context), base + PLAIN)
    order = ("tree", "bare") if index % 2 == 0 else ("bare", "tree")  # alternate, against drift
    for name in order:
        url, mark = (base + TREE, READY_MARK) if name == "tree" else (base + BARE, BARE_MARK)
        with cold_context(pw, profiles) as context:
            run[f"{name}_cold"] = load(fresh_page(context), url, mark=mark)
            page = fresh_page(context)
            run[f"{name}_warm"] = load(page, url, mark=mark)
            if name == "tree" and run["tree_warm"]["booted"] == "ready":
                run["clicks"] = page.evaluate(script("click_loop.js"), {"clicks": CLICKS, "seed": CLICK_SEED + index})
    tree, bare = run["tree_cold"], run["bare_cold"]
    log(
        f"  run {index + 1}: plain FCP {run['plain']['fcp'] or 0:.0f} ms; tree ready {tree['treeReady'] or 0:.0f} ms "
        f"(warm {run['tree_warm']['treeReady'] or 0:.0f}); bare ready {bare['bareReady'] or 0:.0f} ms "
        f"(warm {run['bare_warm']['bareReady'] or 0:.0f}); {len(run.get('clicks', []))} clicks"
    )
    return run


def first_answer(pw: Playwright, base: str, profiles: Path, network: Network, *, after_boot: bool = False) -> dict[str, Any]:
    """The tree page cold over ``network``: the first choice clicked as soon as it is visible (and stable, as
    Playwright clicks), or (``after_boot``) once boot.js has taken the widget over, timed to the next view
    painted (bench/scripts/first_view.js)."""
    with cold_context(pw, profiles) as context:
        page = fresh_page(context)
        session(context, page, network=network)
        page.goto(base + TREE, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
        choice = page.locator(".icp-tree__view a.icp-choice").first
        choice.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        if after_boot:
            page.wait_for_selector("[data-icp-tree][data-booted]", state="attached", timeout=PAGE_TIMEOUT_MS)
        shown = collect(page)  # the first question's paint, before the click may leave the page
        choice.click(timeout=PAGE_TIMEOUT_MS)
        answered = poll(page, script("first_view.js"), timeout_ms=PY_TIMEOUT_MS)
        return {"network": network.key, "after_boot": after_boot, "click": answered, "page": shown}


def python_over(pw: Playwright, base: str, profiles: Path, network: Network) -> dict[str, Any]:
    """The tree page cold over ``network``, left alone until Python drives the widget."""
    with cold_context(pw, profiles) as context:
        page = fresh_page(context)
        session(context, page, network=network)
        return load(page, base + TREE, mark=READY_MARK, settle=False)


def click_profile(pw: Playwright, base: str, profiles: Path, clicks: int = 40) -> dict[str, Any]:
    """Where answer clicks spend the main thread: a V8 sampling profile of the click walk (warm page, Python
    ready), self time by function, and the same walk's figures (slower: the profiler samples every 50 µs)."""
    with cold_context(pw, profiles) as context:
        load(fresh_page(context), base + TREE, mark=READY_MARK)
        page = fresh_page(context)
        load(page, base + TREE, mark=READY_MARK)
        cdp = session(context, page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 50})
        cdp.send("Profiler.start")
        walk = page.evaluate(script("click_loop.js"), {"clicks": clicks, "seed": CLICK_SEED})
        profile = cdp.send("Profiler.stop")["profile"]
    nodes = {n["id"]: n["callFrame"] for n in profile["nodes"]}
    self_ms: dict[str, float] = {}
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        frame = nodes[sample]
        if frame["functionName"] in ("(idle)", "(program)"):
            continue
        where = frame["url"].rsplit("/", 1)[-1]
        name = f"{frame['functionName'] or '(anonymous)'}" + (f" ({where}:{frame['lineNumber'] + 1})" if where else " (native)")
        self_ms[name] = self_ms.get(name, 0.0) + delta / 1000
    top = sorted(self_ms.items(), key=lambda kv: -kv[1])[:8]
    return {"clicks": len(walk), "per_click": [{"function": f, "ms": round(ms / max(len(walk), 1), 2)} for f, ms in top]}


def shared_link(pw: Playwright, base: str, profiles: Path, network: Network, token: str) -> dict[str, Any]:
    """A shared result link (tree/?a=<code>) opened cold over ``network``: until the result is painted."""
    with cold_context(pw, profiles) as context:
        page = fresh_page(context)
        session(context, page, network=network)
        page.goto(f"{base}{TREE}?a={token}", wait_until="commit", timeout=PAGE_TIMEOUT_MS)
        shown = poll(page, script("result_view.js"), timeout_ms=PY_TIMEOUT_MS)
        return {"network": network.key, "token": token, "result": shown, "page": collect(page)}


def startup_trace(pw: Playwright, base: str, profiles: Path, path: str, mark: str | None) -> dict[str, Any]:
    """A cold load of ``path`` on loopback with the CPU slowed down, traced from navigation until ``mark``
    (or the load event and a quiet network): the page's main-thread tasks (bench/timeline.py)."""
    with cold_context(pw, profiles) as context:
        page = fresh_page(context)
        cdp = session(context, page, cpu=CPU_SLOWDOWN)
        with tracing(page, cdp, timeline.CATEGORIES) as events:
            if mark:
                page.goto(base + path, wait_until="domcontentloaded", timeout=PAGE_TIMEOUT_MS)
                wait_for_mark(page, mark)
            else:
                page.goto(base + path, wait_until="load", timeout=PAGE_TIMEOUT_MS)
                page.wait_for_load_state("networkidle", timeout=PAGE_TIMEOUT_MS)
            page.wait_for_timeout(600)  # the tasks just after: the first view Python drives, a late paint
        found = timeline.startup_tasks(events, "/" + path, until_mark=mark)
        found["booted"] = collect(page)["booted"]
        return found


def docs_pages(pw: Playwright, base: str, site: Path, profiles: Path) -> dict[str, Any]:
    """Every page without a Python widget, loaded once: what each fetches of the runtime or the bundle (must be nothing)."""
    pages: list[str] = []
    widgets: list[str] = []
    for html in sorted(site.rglob("index.html")):
        path = "" if html.parent == site else html.parent.relative_to(site).as_posix() + "/"
        if path.startswith("bench/"):
            continue
        (widgets if WIDGET.search(html.read_text(encoding="utf-8")) else pages).append(path)
    total, requests, offenders = 0, 0, []
    with cold_context(pw, profiles) as context:
        for path in pages:
            data = load(fresh_page(context), base + path)
            fetched = [u for u in data["requests"] if RUNTIME.search(u)]
            total += sum(int(r["transferSize"]) for r in data["resources"] if RUNTIME.search(r["name"]))
            requests += len(fetched)
            if fetched:
                offenders.append(path)
    return {"pages": len(pages), "bytes": total, "requests": requests, "offenders": offenders, "with_widget": widgets}
