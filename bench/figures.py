"""From the raw results of the runs (bench/measure.py) to one measurement per row of bench/targets.py.

A measurement holds values (one per run, or per click), a note on how it was taken, or, when there is
no value, why not: the report then says "not measured (why)" instead of a silent "n/a".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from config import LIGHTHOUSE_PAGES, MAINLAND, THROTTLED
from targets import fmt


@dataclass
class Measurement:
    values: list[float] = field(default_factory=list)
    note: str = ""
    missing: str = ""  # why there is no value

    def __post_init__(self) -> None:
        if not self.values and not self.missing:
            self.missing = "no run produced a value"


def of(values: list[float | None], note: str = "", missing: str = "") -> Measurement:
    found = [float(v) for v in values if v is not None]
    return Measurement(found, note, "" if found else missing or "no run produced a value")


def skipped(why: str) -> Measurement:
    return Measurement([], "", why)


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


# --------------------------------------------------------------------------------------------- page data


def first_question(data: dict[str, Any]) -> float | None:
    """When the build-time first question was painted (Element Timing), or None."""
    for entry in data["element"]:
        if entry["identifier"] == "icp-first-question":
            value = entry["renderTime"] or entry["loadTime"] or entry["startTime"]
            if value:
                return float(value)
    return None


def interactive(data: dict[str, Any]) -> float | None:
    """When boot.js took the widget over (data-booted="loading"): from then on a click is answered in the page."""
    for change in data.get("bootedAt", []):
        if change["value"] == "loading":
            return float(change["at"])
    return None


def runtime_request(data: dict[str, Any]) -> float | None:
    """When the page (or its worker) first asked for Pyodide's runtime: how late Python starts."""
    starts = [float(e["startTime"]) for e in data["resources"] if "/assets/pyodide/" in e["name"]]
    return min(starts) if starts else None


def entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The navigation and every resource of the page and its workers, once each (by URL, start and size)."""
    seen, out = set(), []
    for entry in ([data["nav"]] if data["nav"] else []) + data["resources"]:
        key = (entry["name"], round(float(entry["startTime"]), 1), entry["transferSize"])
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return sorted(out, key=lambda e: float(e["startTime"]))


def transferred(data: dict[str, Any], before: float | None = None) -> int:
    """Bytes over the wire (Resource Timing transferSize: headers and the body as sent, e.g. brotli) of the
    requests started before ``before`` (page clock), or of all."""
    return sum(int(e["transferSize"]) for e in entries(data) if before is None or float(e["startTime"]) < before)


def group(url: str) -> str:
    path = urlsplit(url).path
    if path.startswith("/assets/pyodide/"):
        return "Pyodide runtime"
    if path.startswith("/assets/tree/") and path.count("/") > 3:
        return "Python bundle"
    if path.startswith("/assets/tree/"):
        return "tree scripts"
    if "search" in path or "/lunr/" in path:
        return "search (Material)"
    if path.startswith("/assets/"):
        return "theme and site assets"
    return "pages"


def by_group(data: dict[str, Any], before: float | None) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in entries(data):
        if before is None or float(e["startTime"]) < before:
            out[group(e["name"])] = out.get(group(e["name"]), 0) + int(e["transferSize"])
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def fetches(data: dict[str, Any], before: float | None) -> list[dict[str, Any]]:
    """What a page fetched, in order of start, for the report's table."""
    out = []
    for e in entries(data):
        parts = urlsplit(e["name"])
        out.append({
            "path": parts.path + (f"?{parts.query}" if parts.query else ""), "initiator": e["initiatorType"],
            "transfer": int(e["transferSize"]), "start_ms": round(float(e["startTime"])),
            "end_ms": round(float(e.get("responseEnd") or 0)),
            "before_python": before is not None and float(e["startTime"]) < before,
        })
    return out


# --------------------------------------------------------------------------------------------- sections


def cold_runs(runs: list[dict[str, Any]]) -> dict[str, Measurement]:
    out: dict[str, Measurement] = {}
    ok = [r for r in runs if r["tree_cold"]["booted"] == "ready"]
    plain = [r["plain"]["fcp"] for r in runs]
    question = [first_question(r["tree_cold"]) for r in runs]
    out["plain_fcp"] = of(plain)
    out["tree_fcp"] = of([r["tree_cold"]["fcp"] for r in runs])
    out["tree_question"] = of(question, missing="no 'icp-first-question' element-timing entry")
    out["tree_interactive"] = of([interactive(r["tree_cold"]) for r in runs], missing="boot.js never ran")
    out["question_ratio"] = of([ratio(q, p) for q, p in zip(question, plain, strict=True)], "same run")
    for temp in ("cold", "warm"):
        tree = [r[f"tree_{temp}"]["treeReady"] for r in runs]
        bare = [r[f"bare_{temp}"]["bareReady"] for r in runs]
        out[f"tree_ready_{temp}"] = of(tree, missing="the widget never reported ready")
        out[f"bare_ready_{temp}"] = of(bare)
        out[f"ready_ratio_{temp}"] = of([ratio(t, b) for t, b in zip(tree, bare, strict=True)], "same run")
        out[f"tree_runtime_request_{temp}"] = of([runtime_request(r[f"tree_{temp}"]) for r in runs])
        out[f"bare_runtime_request_{temp}"] = of([runtime_request(r[f"bare_{temp}"]) for r in runs])
    before = [transferred(r["tree_cold"], r["tree_cold"]["treeReady"]) if r["tree_cold"]["treeReady"] else None for r in ok]
    out["bytes_before_python"] = of(
        [float(b) if b is not None else None for b in before],
        "Resource Timing transferSize of the page and its workers, requests started before the mark",
        "the widget never reported ready",
    )
    clicks = [c for r in runs for c in r.get("clicks", [])]
    why = "no click loop ran (the warm tree page never reported ready)"
    out["click_main"] = of([c["main"] for c in clicks], f"n = {len(clicks)}; synchronous handler + later icp-view measures", why)
    out["click_painted"] = of([c["painted"] for c in clicks], f"n = {len(clicks)}; until the next frame and a task", why)
    for to in ("question", "result"):
        chosen = [c["painted"] for c in clicks if c["to"] == to]
        out[f"click_painted_{to}"] = of(chosen, f"n = {len(chosen)}", why)
    out["plain_bytes"] = of([float(transferred(r["plain"])) for r in runs])
    out["plain_requests"] = of([float(len(entries(r["plain"]))) for r in runs])
    out["tree_bytes"] = of([float(transferred(r["tree_cold"])) for r in runs])
    out["tree_requests"] = of([float(len(entries(r["tree_cold"]))) for r in runs])
    out["tree_bytes_warm"] = of([float(transferred(r["tree_warm"])) for r in runs], "the same page again, new tab")
    return out


def first_answers(clicked: dict[str, list[dict[str, Any]]], loads: dict[str, list[dict[str, Any]]],
                  why: dict[str, str]) -> dict[str, Measurement]:
    """The slow profiles: the first answer (and the first question before it), and Python's arrival."""
    out: dict[str, Measurement] = {}
    for network in (THROTTLED, MAINLAND):
        prefix = network.key
        runs = clicked.get(network.key, [])
        answer_key = "first_answer" if network is THROTTLED else "mainland_answer"
        if runs:
            clicks = [r["click"] for r in runs]
            navigated = [c for c in clicks if c["navigated"]]
            before = sum(1 for c in clicks if c["bootedAtView"] != "ready")
            note = f"{len(runs)} cold runs; Python not yet running in {before}"
            if navigated:
                note += (f"; in {len(navigated)} the click came before boot.js ran and followed the link "
                         f"(to {navigated[0]['page']}): timed to that page's paint")
            out[answer_key] = of([c["ms"] for c in clicks], note)
            out[f"{prefix}_question"] = of([first_question(r["page"]) for r in runs], f"{len(runs)} cold runs")
        else:
            out[answer_key] = out[f"{prefix}_question"] = skipped(why.get(network.key) or "not run")
        ready = loads.get(network.key, [])
        reason = why.get(f"python_{network.key}") or "not run"
        out[f"{prefix}_interactive"] = of([interactive(r) for r in ready], f"{len(ready)} cold runs" if ready else "", reason)
        out[f"{prefix}_python"] = of([r["treeReady"] for r in ready], f"{len(ready)} cold runs" if ready else "", reason)
        if network is THROTTLED:
            out["throttled_bytes"] = of(
                [float(transferred(r, r["treeReady"])) if r["treeReady"] else None for r in ready], missing=reason
            )
    return out


def shared_links(runs: list[dict[str, Any]], why: str) -> dict[str, Measurement]:
    if not runs:
        return {"shared_result": skipped(why or "not run")}
    before = sum(1 for r in runs if r["result"]["booted"] != "ready")
    return {"shared_result": of([r["result"]["ms"] for r in runs],
                                f"{len(runs)} cold runs; shown before Python in {before}; from the navigation's start")}


def startup(found: dict[str, list[dict[str, Any]]], why: str) -> dict[str, Measurement]:
    tree, plain = found.get("tree", []), found.get("plain", [])
    if not tree:
        return {k: skipped(why or "not run") for k in ("longest_task", "longest_task_plain", "long_tasks", "longest_task_own")}
    good = [t for t in tree if "error" not in t]
    errors = "; ".join(sorted({t["error"] for t in tree if "error" in t}))
    note = ""
    if good:
        worst = max(good, key=lambda t: t["longest_ms"])
        made = ", ".join(f"{m['what']} {m['ms']:.0f} ms" for m in worst["made_of"][:3])
        cpu = worst.get("longest_cpu_ms")
        note = f"longest: {made}" + (f"; its thread time {cpu:.0f} ms" if cpu is not None else "")
    out = {
        "longest_task": of([t["longest_ms"] for t in good], note, errors),
        "long_tasks": of([float(t["over_50ms"]) for t in good], missing=errors),
        "longest_task_own": of(
            [t["own_longest_ms"] for t in good],
            "the task's whole length; the longest call into the tree scripts within it (with what it forced): "
            + ", ".join(f"{t['own_self_ms']:.1f} ms" for t in good),
            errors,
        ),
    }
    good_plain = [t for t in plain if "error" not in t]
    plain_note = ""
    if good_plain:
        worst = max(good_plain, key=lambda t: t["longest_ms"])
        plain_note = "longest: " + ", ".join(f"{m['what']} {m['ms']:.0f} ms" for m in worst["made_of"][:2])
    out["longest_task_plain"] = of([t["longest_ms"] for t in good_plain], plain_note, why or "not run")
    return out


def lighthouse(reports: dict[str, dict[str, Any]] | None, why: str) -> dict[str, Measurement]:
    out: dict[str, Measurement] = {}
    for page, _ in LIGHTHOUSE_PAGES:
        report = (reports or {}).get(page)
        for category in ("performance", "accessibility", "best-practices", "seo"):
            key = f"lighthouse_{page.replace(' ', '_')}_{category}"
            if report is None:
                out[key] = skipped(why or "not run")
            elif "error" in report:
                out[key] = skipped(f"Lighthouse failed: {report['error'][:100]}")
            else:
                failing = [a.split(":", 1)[1] for a in report["failing_audits"] if a.startswith(category + ":")]
                out[key] = of([report["scores"].get(category)], f"failing: {', '.join(failing)}" if failing else "")
    tree = (reports or {}).get("tree")
    for key, metric in (("lighthouse_tree_tbt", "total-blocking-time"), ("lighthouse_tree_lcp", "largest-contentful-paint")):
        if tree is None or "error" in tree:
            out[key] = skipped(why or "Lighthouse failed" if tree else why or "not run")
        else:
            out[key] = of([tree["metrics"].get(metric)], "simulated (Lighthouse's slow 4G, 4× CPU)")
    return out


def docs(found: dict[str, Any] | None) -> dict[str, Measurement]:
    if not found:
        return {"docs_runtime_bytes": skipped("not run")}
    offenders = f"; fetched by {', '.join(found['offenders'])}" if found["offenders"] else ""
    note = (f"{found['pages']} pages, {found['requests']} requests{offenders}; pages with a widget, which load Python "
            f"by design: {', '.join('/' + p for p in found['with_widget']) or 'none'}")
    return {"docs_runtime_bytes": of([float(found["bytes"])], note)}


def build(found: dict[str, Any], why: str = "") -> dict[str, Measurement]:
    copy = "a copy of the checkout"
    return {
        "build_s": of([found.get("full_s")], found.get("note", ""), found.get("missing", "")),
        "build_pages_s": of(found.get("pages_s", []), missing="not timed"),
        "build_cold_s": of([found.get("cold_s")], f"{copy}, its build/cache empty", why or "not timed"),
        "build_edit_s": of([found.get("edit_s")], f"{copy}, after its cold build", why or "not timed"),
    }


def all_measurements(results: dict[str, Any]) -> dict[str, Measurement]:
    why: dict[str, str] = results.get("skipped", {})
    out: dict[str, Measurement] = {}
    out.update(cold_runs(results["runs"]))
    out.update(first_answers(results.get("first_answer", {}), results.get("python_over", {}), why))
    after_boot = results.get("first_answer_after_boot", [])
    early = sum(1 for r in after_boot if r["click"]["bootedAtView"] != "ready")
    out["first_answer_after_boot"] = of(
        [r["click"]["ms"] for r in after_boot], f"{len(after_boot)} cold runs; Python not yet running in {early}", "not run"
    )
    out.update(shared_links(results.get("shared", []), why.get("shared", "")))
    out.update(startup(results.get("startup", {}), why.get("startup", "")))
    out.update(lighthouse(results.get("lighthouse"), why.get("lighthouse", "")))
    out.update(docs(results.get("docs_pages")))
    out.update(build(results.get("build", {}), why.get("build_times", "")))
    return out


def bytes_note(runs: list[dict[str, Any]]) -> str:
    """What the bytes before Python are made of (first cold run), for the report's notes."""
    if not runs or not runs[0]["tree_cold"]["treeReady"]:
        return ""
    data = runs[0]["tree_cold"]
    parts = by_group(data, data["treeReady"])
    return "Tree page bytes before Python drives the widget, first cold run: " + "; ".join(
        f"{name} {fmt(size, 'bytes')}" for name, size in parts.items()
    ) + "."
