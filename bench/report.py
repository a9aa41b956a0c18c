"""The benchmark's report: the table (every row of bench/targets.py with its measurement), the runtime's
file sizes, what the tree page fetches, notes; written to bench/results/latest.{json,md} and, after a
full run, into docs/performance.md between its markers."""

from __future__ import annotations

import json
import math
import statistics
import sys
from pathlib import Path
from typing import Any

from config import DOCS, ROOT
from figures import Measurement
from targets import ROWS, Row, fmt

START_MARKER, END_MARKER = "<!-- bench:start -->", "<!-- bench:end -->"


def stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": statistics.median(ordered), "min": ordered[0], "max": ordered[-1], "n": float(len(ordered)),
        "p95": ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)],
    }


def met(row: Row, m: Measurement) -> bool | None:
    if row.target is None or not m.values:
        return None
    return row.target.met(stats(m.values)[row.target.stat])


def as_json(row: Row, m: Measurement) -> dict[str, Any]:
    return {
        "key": row.key, "label": row.label, "unit": row.unit, "target": row.target_text(),
        "values": m.values, **(stats(m.values) if m.values else {}), "met": met(row, m), "note": m.note,
        "not_measured": m.missing if not m.values else "",
    }


def markdown_row(row: Row, m: Measurement) -> str:
    label = f"{row.label} ({m.note})" if m.note else row.label
    if not m.values:
        return f"| {label} | not measured ({m.missing}) | — | {row.target_text()} | — |"
    s = stats(m.values)
    value = fmt(s["median"], row.unit)
    if s["n"] == 1:
        spread = "one run"
    elif s["min"] == s["max"]:
        spread = f"all {fmt(s['min'], row.unit)} (n={s['n']:.0f})"
    else:
        spread = f"{fmt(s['min'], row.unit)}–{fmt(s['max'], row.unit)} (n={s['n']:.0f})"
    if row.shows_p95:
        spread = f"p95 **{fmt(s['p95'], row.unit)}**; {spread}"
    verdict = {None: "—", True: "yes", False: "**no**"}[met(row, m)]
    return f"| {label} | {value} | {spread} | {row.target_text()} | {verdict} |"


def table(measured: dict[str, Measurement]) -> str:
    lines = ["| Metric | Median | Spread | Target | Met? |", "|---|---|---|---|---|"]
    return "\n".join(lines + [markdown_row(row, measured[row.key]) for row in ROWS if row.key in measured])


def sizes_table(sizes: dict[str, Any]) -> list[str]:
    def cell(value: int | None) -> str:
        return f"{value:,}" if value is not None else "—"

    lines = ["The tree's files as the build writes them (bytes; — : under 1 kB, not compressed):", "",
             "| File | Raw | gzip -9 | brotli 11 |", "|---|---|---|---|"]
    for f in sizes.get("files", []):
        lines.append(f"| `{f['name']}` | {cell(f['raw'])} | {cell(f['gzip'])} | {cell(f['brotli'])} |")
    start = [f for f in sizes.get("files", []) if f["group"] == "runtime" or f["name"].endswith(("python.zip", "stdlib.zip"))]
    if start:
        br = sum((f["brotli"] or f["raw"]) for f in start)
        lines += ["", f"What Python's start needs of these (the runtime, python.zip, stdlib.zip), brotli: {br:,} bytes."]
    return [*lines, ""]


def fetch_table(fetched: list[dict[str, Any]]) -> list[str]:
    lines = ["What the tree page fetches, first cold run on loopback (page and workers, in order of start):", "",
             "| Path | Initiator | Transferred | Start–end | Before Python? |", "|---|---|---|---|---|"]
    for f in fetched:
        before = "yes" if f["before_python"] else "after"
        lines.append(f"| `{f['path']}` | {f['initiator']} | {f['transfer']:,} B | {f['start_ms']}–{f['end_ms']} ms | {before} |")
    return [*lines, ""]


def markdown(results: dict[str, Any], measured: dict[str, Measurement]) -> str:
    env, settings = results["environment"], results["settings"]
    quick = ", quick mode" if settings["quick"] else ""
    lines = [
        f"Measured {env['date']} on {env['cpus']} CPUs ({env['machine']}), {env['chromium']}, headless, the site served "
        f"by scripts/serve.py on 127.0.0.1; {settings['runs']} cold runs on loopback (fresh profile each), "
        f"first answers and shared links: {settings['throttled_runs']} on {settings['throttled']}, first answers: "
        f"{settings['mainland_runs']} on {settings['mainland']}; loads until Python: {settings['python_runs']} on each{quick}; "
        f"load average {env['loadavg_start']} at the start, {env['loadavg_end']} at the end. "
        f"Bench wall time {results['wall_s']:.0f} s.",
        "",
        table(measured),
        "",
    ]
    if results.get("sizes"):
        lines += sizes_table(results["sizes"])
    if results.get("tree_fetches"):
        lines += fetch_table(results["tree_fetches"])
    lines += [f"- {note}" for note in results.get("notes", [])]
    return "\n".join(lines).rstrip()


def write(results: dict[str, Any], measured: dict[str, Measurement], out_dir: Path, *, update_doc: bool) -> str:
    out_dir.mkdir(parents=True, exist_ok=True)
    results["table"] = [as_json(row, measured[row.key]) for row in ROWS if row.key in measured]
    (out_dir / "latest.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    block = markdown(results, measured)
    (out_dir / "latest.md").write_text(f"# Benchmark results\n\n{block}\n", encoding="utf-8")
    for doc in DOCS if update_doc else ():
        text = doc.read_text(encoding="utf-8") if doc.is_file() else ""
        if START_MARKER in text and END_MARKER in text:
            head, rest = text.split(START_MARKER, 1)
            _, tail = rest.split(END_MARKER, 1)
            doc.write_text(f"{head}{START_MARKER}\n{block}\n{END_MARKER}{tail}", encoding="utf-8")
        else:
            print(f"bench: {doc.relative_to(ROOT)} has no {START_MARKER} … {END_MARKER} markers; not updated", file=sys.stderr)
    return block


def summary(measured: dict[str, Measurement], wall_s: float) -> str:
    judged = [(row, measured[row.key]) for row in ROWS if row.target and row.key in measured]
    verdicts = [(row, met(row, m)) for row, m in judged]
    missed = [row.key for row, ok in verdicts if ok is False]
    unmeasured = [row.key for row, ok in verdicts if ok is None]
    done = sum(1 for _, ok in verdicts if ok)
    text = f"bench: {done}/{len(judged)} targets met in {wall_s:.0f} s"
    if missed:
        text += f"; missed: {', '.join(missed)}"
    if unmeasured:
        text += f"; not measured: {', '.join(unmeasured)}"
    return text
