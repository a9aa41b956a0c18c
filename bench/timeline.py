"""Main-thread tasks in a Chromium trace: the longest one during a page's start-up, and what it was.

A task is a top-level ``RunTask`` (or ``ThreadControllerImpl::RunTask``) on the page's renderer main
thread (``CrRendererMain``, the one that parsed the page's HTML). What a task was is read from the
events inside it, by self time: HTML parsing, a script's compilation or evaluation (by URL: our
scripts, Material's bundle, Pyodide's), style and layout, garbage collection.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

CATEGORIES = [
    "-*", "toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute",
    "blink.user_timing", "loading",
]
TASKS = ("RunTask", "ThreadControllerImpl::RunTask")
TIMELINE_URL_KEYS = ("url", "scriptName", "styleSheetUrl", "fileName")


def _url(event: dict[str, Any]) -> str:
    args = event.get("args") or {}
    for holder in (args.get("data") or {}, args.get("beginData") or {}, args):
        for key in TIMELINE_URL_KEYS:
            value = holder.get(key)
            if isinstance(value, str) and value:
                return value
        stack = holder.get("stackTrace")
        if isinstance(stack, list) and stack and isinstance(stack[0], dict) and stack[0].get("url"):
            return str(stack[0]["url"])
    return ""


def main_thread(events: list[dict[str, Any]], page_path: str) -> tuple[int, int] | None:
    """(pid, tid) of the renderer main thread that parsed a document whose URL contains ``page_path``."""
    mains = {
        (e["pid"], e["tid"]) for e in events
        if e.get("ph") == "M" and e.get("name") == "thread_name" and (e.get("args") or {}).get("name") == "CrRendererMain"
    }
    for e in events:
        if e.get("name") == "ParseHTML" and (e["pid"], e["tid"]) in mains and page_path in _url(e):
            return int(e["pid"]), int(e["tid"])
    return None


def _mark_ts(events: list[dict[str, Any]], thread: tuple[int, int], mark: str) -> float | None:
    for e in events:
        if e.get("name") == mark and "user_timing" in str(e.get("cat", "")) and e.get("pid") == thread[0]:
            return float(e["ts"])
    return None


LAYOUT = ("UpdateLayoutTree", "Layout", "ParseAuthorStyleSheet", "RecalculateStyles", "PrePaint", "Paint", "Layerize",
          "UpdateLayer", "HitTest", "IntersectionObserverController::computeIntersections")


def owner(url: str) -> str:
    """Whose script a URL is, in the words of the report."""
    if "/assets/tree/" in url:
        return "the site's tree scripts"
    if "/assets/javascripts/bundle." in url:
        return "Material's bundle"
    if "/assets/pyodide/" in url:
        return "Pyodide"
    path = urlsplit(url).path
    return f"script {path.rsplit('/', 2)[-1] or path}" if path.endswith((".js", ".mjs")) else f"inline script of {path}"


def kind(name: str, url: str) -> str:
    """What a piece of main-thread work was: parsing, style and layout (and whose script forced it), a script's own work."""
    if name == "ParseHTML":
        return "HTML parsing"
    if name in LAYOUT:
        return f"style and layout, forced by {owner(url)}" if url else "style and layout"
    if "GC" in name or name.startswith("V8.GC") or name in ("MinorGC", "MajorGC"):
        return "garbage collection"
    if url:
        return owner(url)
    return name


def _self_times(inner: list[dict[str, Any]], start: float, end: float) -> dict[tuple[str, str], float]:
    """Self time (µs) of each (event name, URL) inside [start, end], nested complete events."""
    out: dict[tuple[str, str], float] = defaultdict(float)
    ordered = sorted(inner, key=lambda e: (float(e["ts"]), -float(e.get("dur", 0))))
    parents: list[int] = []
    index_stack: list[tuple[float, int]] = []
    durations: list[float] = []
    keys: list[tuple[str, str]] = []
    inherited: list[str] = []
    for e in ordered:
        ts, dur = float(e["ts"]), float(e.get("dur", 0))
        if ts < start or ts + dur > end + 1:
            continue
        while index_stack and index_stack[-1][0] <= ts:
            index_stack.pop()
        parent = index_stack[-1][1] if index_stack else -1
        url = _url(e) or (inherited[parent] if parent >= 0 else "")
        parents.append(parent)
        durations.append(dur)
        keys.append((str(e["name"]), url))
        inherited.append(url)
        index_stack.append((ts + dur, len(durations) - 1))
    selfs = list(durations)
    for i, parent in enumerate(parents):
        if parent >= 0:
            selfs[parent] -= durations[i]
    for i, key in enumerate(keys):
        out[key] += max(selfs[i], 0.0)
    return out


def startup_tasks(
    events: list[dict[str, Any]], page_path: str, *, until_mark: str | None, after_ms: float = 600
) -> dict[str, Any]:
    """The page's main-thread tasks from its start to ``after_ms`` past ``until_mark``: the longest one and
    what it was made of, how many took over 50 ms, and their total."""
    thread = main_thread(events, page_path)
    if thread is None:
        return {"error": f"no renderer main thread parsed a page at {page_path} in the trace"}
    on_thread = [e for e in events if (e.get("pid"), e.get("tid")) == thread and e.get("ph") == "X" and "dur" in e]
    mark = _mark_ts(events, thread, until_mark) if until_mark else None
    end = mark + after_ms * 1000 if mark is not None else float("inf")
    tasks = sorted((e for e in on_thread if e.get("name") in TASKS and float(e["ts"]) <= end), key=lambda e: float(e["ts"]))
    top: list[dict[str, Any]] = []
    reach = -1.0
    for task in tasks:  # outermost tasks only (ThreadControllerImpl::RunTask may wrap RunTask)
        if float(task["ts"]) >= reach:
            top.append(task)
            reach = float(task["ts"]) + float(task["dur"])
    if not top:
        return {"error": "no main-thread task found in the trace"}
    longest = max(top, key=lambda e: float(e["dur"]))
    start, stop = float(longest["ts"]), float(longest["ts"]) + float(longest["dur"])
    inner = [e for e in on_thread if e is not longest and e.get("name") not in TASKS and start <= float(e["ts"]) < stop]
    by_kind: dict[str, float] = defaultdict(float)
    parts = sorted(_self_times(inner, start, stop).items(), key=lambda kv: -kv[1])
    for (name, url), micros in parts:
        by_kind[kind(name, url)] += micros
    untraced = float(longest["dur"]) - sum(micros for _, micros in parts)
    if untraced > 0:
        by_kind["the task itself (no finer event)"] += untraced
    made_of = sorted(by_kind.items(), key=lambda kv: -kv[1])
    first_ts = float(top[0]["ts"])
    own_ms, own_self_ms = _own_longest(top, on_thread)
    return {
        "longest_ms": float(longest["dur"]) / 1000,
        # Thread time: far below the wall time when the thread waited for a CPU (other threads, other programs).
        "longest_cpu_ms": float(longest.get("tdur", 0)) / 1000 if "tdur" in longest else None,
        "most_cpu_ms": max((float(t.get("tdur", 0)) for t in top), default=0.0) / 1000,
        "longest_at_ms": (start - first_ts) / 1000,
        "made_of": [{"what": what, "ms": round(micros / 1000, 1)} for what, micros in made_of[:5] if micros >= 500],
        "parts": [{"event": name, "url": url, "ms": round(micros / 1000, 1)} for (name, url), micros in parts[:8]],
        "tasks": len(top),
        "over_50ms": sum(1 for t in top if float(t["dur"]) > 50_000),
        "total_ms": sum(float(t["dur"]) for t in top) / 1000,
        "ready_mark_found": mark is not None,
        "own_longest_ms": own_ms,
        "own_self_ms": own_self_ms,
    }


def _own_longest(top: list[dict[str, Any]], on_thread: list[dict[str, Any]]) -> tuple[float, float]:
    """The longest task in which the site's tree scripts ran (ms), and the longest single call into them
    within it (ms, with what the call forced): what the site's code costs the main thread, apart from
    the theme's bundle, which every docs page runs."""
    starts = [float(t["ts"]) for t in top]
    own: dict[int, float] = defaultdict(float)
    for e in on_thread:
        if e.get("name") in TASKS or "/assets/tree/" not in _url(e):
            continue
        at = bisect.bisect_right(starts, float(e["ts"])) - 1
        if at >= 0 and float(e["ts"]) < starts[at] + float(top[at]["dur"]):
            own[at] = max(own[at], float(e.get("dur", 0)))
    if not own:
        return 0.0, 0.0
    longest = max(own, key=lambda i: float(top[i]["dur"]))
    return float(top[longest]["dur"]) / 1000, own[longest] / 1000
