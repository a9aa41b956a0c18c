"""The performance benchmark: the built site against its floors (issue 5). Run by `make bench`.

It builds the site into a temporary directory, serves it on 127.0.0.1 and drives headless Chromium
(Debian's /usr/bin/chromium, through Playwright) with a fresh profile for every cold run. It reports
medians and spreads, never asserts, and writes bench/results/latest.json, bench/results/latest.md
and (after a full run) the table in docs/performance.md between its markers. The last line printed
is a one-line summary.

    python bench/run.py [--runs N] [--quick] [--throttled-uncompressed] [--site DIR] [--non-strict]

--quick: 2 runs; no Lighthouse, no throttled run, no brotli unless cached; docs/performance.md untouched.
--site DIR: benchmark an already built site (e.g. a throwaway copy with a change to try) instead of building.
--non-strict: build without --strict (development only, e.g. while a docs page is being written).
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import gzip
import hashlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from io import BufferedReader
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
DOC = ROOT / "docs" / "performance.md"
START_MARKER, END_MARKER = "<!-- bench:start -->", "<!-- bench:end -->"

sys.path.insert(0, str(ROOT / "scripts"))
import build_site  # noqa: E402
import serve  # noqa: E402

sys.path.pop(0)

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
PLAIN, TREE, BARE, HOME = "procedures/new-filing/", "tree/", "bench/bare.html", ""
PY_TIMEOUT_MS = 120_000
CLICKS = 60
# What a static host would compress (and what the throttled run and Lighthouse get compressed).
COMPRESSIBLE = (".wasm", ".zip", ".mjs", ".js", ".json", ".html", ".css")
# Versioned by the pinned npm package / the package version: cacheable for a year (the advice in docs/performance.md).
IMMUTABLE = "public, max-age=31536000, immutable"
LIGHTHOUSE_METRICS = (
    "first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index", "cumulative-layout-shift",
)
THROTTLE = {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 750_000 // 8}

# Installed before any page script: element timing (the build-time first question) and the moment the
# view is first replaced, i.e. when Python has rendered its first view.
INIT_SCRIPT = """
(() => {
  const b = (window.__icpBench = { element: [], firstView: null, errors: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        b.element.push({ identifier: e.identifier, renderTime: e.renderTime, loadTime: e.loadTime, startTime: e.startTime });
      }
    }).observe({ type: "element", buffered: true });
  } catch (e) { b.errors.push(String(e)); }
  document.addEventListener("DOMContentLoaded", () => {
    const view = document.querySelector("[data-icp-tree] .icp-tree__view");
    if (!view) return;
    const mo = new MutationObserver(() => {
      if (b.firstView === null) { b.firstView = performance.now(); mo.disconnect(); }
    });
    mo.observe(view, { childList: true });
  });
})();
"""

COLLECT = """
() => {
  const b = window.__icpBench || { element: [], firstView: null, errors: [] };
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = Object.fromEntries(performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]));
  const mark = (n) => { const e = performance.getEntriesByName(n, "mark")[0]; return e ? e.startTime : null; };
  const widget = document.querySelector("[data-icp-tree]");
  return {
    fcp: paint["first-contentful-paint"] ?? null,
    element: b.element,
    observerErrors: b.errors,
    firstView: b.firstView,
    treeReady: mark("icp-tree-ready"),
    bareReady: mark("bare-ready"),
    booted: widget ? widget.dataset.booted || null : null,
    loadMs: widget && widget.dataset.loadMs ? Number(widget.dataset.loadMs) : null,
    nav: nav ? { name: nav.name, transferSize: nav.transferSize, encodedBodySize: nav.encodedBodySize } : null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    timeOrigin: performance.timeOrigin,
    loadEvent: nav ? nav.loadEventEnd : null,
    resources: performance.getEntriesByType("resource").map((r) => ({
      name: r.name, initiatorType: r.initiatorType, transferSize: r.transferSize,
      encodedBodySize: r.encodedBodySize, decodedBodySize: r.decodedBodySize,
      startTime: r.startTime, responseEnd: r.responseEnd,
    })),
  };
}
"""

# A worker's times count from its own start: shifted by the difference of time origins onto the page's clock.
WORKER_RESOURCES = """
(pageOrigin) => performance.getEntriesByType("resource").map((r) => ({
  name: r.name, initiatorType: "worker:" + r.initiatorType, transferSize: r.transferSize,
  encodedBodySize: r.encodedBodySize, decodedBodySize: r.decodedBodySize,
  startTime: r.startTime + performance.timeOrigin - pageOrigin, responseEnd: r.responseEnd + performance.timeOrigin - pageOrigin,
}))
"""

# Answer click -> next view painted: the widget's click handler calls Python synchronously and sets
# innerHTML; "painted" is the next animation frame plus a task (rAF, then setTimeout 0).
CLICK_LOOP = """
async (n) => {
  const view = document.querySelector("[data-icp-tree] .icp-tree__view");
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  await frame();
  // The widget parses view_json's answer at once: the first JSON.parse after the click is when Python returned.
  let returned = null;
  const parse = JSON.parse;
  JSON.parse = function (...args) { if (returned === null) returned = performance.now(); return parse.apply(this, args); };
  const out = [];
  for (let i = 0; i < n; i++) {
    returned = null;
    const link = view.querySelector("a.icp-choice") || view.querySelector("a.icp-restart");
    if (!link) throw new Error("no answer or restart link in the view");
    const name = `icp-bench-click-${i}`;
    performance.mark(`${name}:start`);
    const t0 = performance.now();
    link.click();
    const handled = performance.now() - t0;
    performance.mark(`${name}:handled`);
    await frame();
    performance.mark(`${name}:painted`);
    const m = performance.measure(name, `${name}:start`, `${name}:painted`);
    out.push({
      painted: m.duration, handler: handled, python: returned === null ? null : returned - t0,
      restart: !link.classList.contains("icp-choice"),
    });
  }
  JSON.parse = parse;
  return out;
}
"""


# --------------------------------------------------------------------------------------------- serving


class BenchServer(ThreadingHTTPServer):
    verbose = False  # read by serve.Handler.log_message
    precompressed = False  # send FILE.gz with Content-Encoding: gzip when the client accepts gzip

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a browser closed while a file was still being sent: expected when a context ends
        super().handle_error(request, client_address)


class BenchHandler(serve.Handler):
    """serve.Handler plus what a well-configured static host adds: caching headers and precompressed gzip."""

    server: BenchServer

    def end_headers(self) -> None:
        path = urlsplit(self.path).path
        immutable = path.startswith("/assets/pyodide/") or path.endswith(".whl")
        self.send_header("Cache-Control", IMMUTABLE if immutable else "no-cache")
        if self.server.precompressed:
            self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def send_head(self) -> Any:
        if self.server.precompressed and "gzip" in self.headers.get("Accept-Encoding", ""):
            served = self._send_gzip_head()
            if served is not False:
                return served
        return super().send_head()

    def _send_gzip_head(self) -> BufferedReader | bool | None:
        """The head of FILE.gz for FILE; False when there is no such pair (the plain path then handles it)."""
        url_path = urlsplit(self.path).path
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not url_path.endswith("/"):
                return False
            path = os.path.join(path, "index.html")
        gz = path + ".gz"
        if not (os.path.isfile(path) and os.path.isfile(gz)):
            return False
        stat = os.stat(gz)
        since = self.headers.get("If-Modified-Since")
        if since and not self.headers.get("If-None-Match"):
            try:
                parsed = email.utils.parsedate_to_datetime(since)
            except (TypeError, ValueError, IndexError, OverflowError):
                parsed = None
            if parsed is not None and int(stat.st_mtime) <= parsed.timestamp():
                self.send_response(304)
                self.end_headers()
                return None
        handle = open(gz, "rb")  # noqa: SIM115 (closed by the base class after copying)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return handle


@contextmanager
def serving(directory: Path, *, precompressed: bool = False) -> Iterator[str]:
    server = BenchServer(("127.0.0.1", 0), functools.partial(BenchHandler, directory=str(directory)))
    server.precompressed = precompressed
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def precompress(directory: Path) -> None:
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
            shutil.copystat(path, path.with_name(path.name + ".gz"))


# --------------------------------------------------------------------------------------------- results


@dataclass
class Row:
    metric: str
    values: list[float]
    unit: str = "ms"
    target: str = "—"
    check: Callable[[dict[str, float]], bool] | None = field(default=None, repr=False)
    p95: bool = False
    note: str = ""

    def stats(self) -> dict[str, float]:
        if not self.values:
            return {}
        ordered = sorted(self.values)
        out = {"median": statistics.median(ordered), "min": ordered[0], "max": ordered[-1], "n": float(len(ordered))}
        if self.p95:
            out["p95"] = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
        return out

    def met(self) -> bool | None:
        stats = self.stats()
        if self.check is None or not stats:
            return None
        return self.check(stats)

    def as_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric, "unit": self.unit, "values": self.values, **self.stats(),
            "target": self.target, "met": self.met(), "note": self.note,
        }


def fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value / 1000:.2f} s" if value >= 10_000 else f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"
    if unit == "bytes":
        return f"{value / 1e6:.2f} MB" if value >= 1e6 else f"{value / 1e3:.1f} kB"
    if unit == "ratio":
        return f"{value:.2f}×"
    if unit == "s":
        return f"{value:.2f} s"
    if unit in ("score", "count"):
        return f"{value:.0f}"
    return f"{value:g}"


def markdown_row(row: Row) -> str:
    stats = row.stats()
    if not stats:
        median, spread = "n/a", "—"
    else:
        median = fmt(stats["median"], row.unit)
        if stats["n"] == 1:
            spread = "one run"
        elif stats["min"] == stats["max"]:
            spread = f"all {fmt(stats['min'], row.unit)}"
        else:
            spread = f"{fmt(stats['min'], row.unit)}–{fmt(stats['max'], row.unit)}"
        if "p95" in stats:
            spread = f"p95 **{fmt(stats['p95'], row.unit)}**; {spread} (n={stats['n']:.0f})"
    met = {None: "—", True: "yes", False: "**no**"}[row.met()]
    metric = f"{row.metric} ({row.note})" if row.note else row.metric
    return f"| {metric} | {median} | {spread} | {row.target} | {met} |"


def markdown_table(rows: Sequence[Row]) -> str:
    lines = ["| Metric | Median | Spread | Target | Met? |", "|---|---|---|---|---|"]
    return "\n".join(lines + [markdown_row(r) for r in rows])


# --------------------------------------------------------------------------------------------- browser


def chromium_version() -> str:
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout.strip()
    except OSError:
        return "unknown"


@contextmanager
def cold_context(pw: Playwright, profiles: Path) -> Iterator[BrowserContext]:
    """A browser with a brand-new profile directory: an empty HTTP cache, no compiled-code cache."""
    user_data_dir = Path(tempfile.mkdtemp(prefix="profile-", dir=profiles))
    context = pw.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=CHROMIUM, headless=True, args=ARGS, viewport={"width": 1280, "height": 800}
    )
    context.add_init_script(INIT_SCRIPT)
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(user_data_dir, ignore_errors=True)


def fresh_page(context: BrowserContext) -> Page:
    for old in list(context.pages):
        old.close()
    return context.new_page()


def load(page: Page, url: str, *, wait: str | None = None) -> dict[str, Any]:
    """Navigate, wait for the given mark (or just the load event), let the network settle, collect."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    started = time.perf_counter()
    # With a mark to wait for, the page's load event is not waited for (it is not what is measured).
    page.goto(url, wait_until="domcontentloaded" if wait else "load", timeout=PY_TIMEOUT_MS)
    if wait:
        failed = "document.querySelector('[data-icp-tree]')?.dataset.booted === 'failed'"
        page.wait_for_function(
            f"() => performance.getEntriesByName('{wait}', 'mark').length > 0 || {failed}",
            timeout=PY_TIMEOUT_MS, polling=50,
        )
    wall = time.perf_counter() - started
    with contextlib.suppress(Exception):  # a straggler only delays the byte count
        page.wait_for_load_state("networkidle", timeout=15_000)
    data: dict[str, Any] = page.evaluate(COLLECT)
    for worker in page.workers:
        with contextlib.suppress(Exception):  # a worker that has ended has nothing to add
            data["resources"] += worker.evaluate(WORKER_RESOURCES, data["timeOrigin"])
    data["requests"] = requests
    data["wall_s"] = wall
    return data


def first_question(data: dict[str, Any]) -> tuple[float | None, bool]:
    """When the build-time first question was painted (element timing); FCP when there is no entry."""
    for entry in data["element"]:
        if entry["identifier"] == "icp-first-question":
            value = entry["renderTime"] or entry["loadTime"] or entry["startTime"]
            if value:
                return float(value), False
    fcp = data["fcp"]
    return (float(fcp) if fcp is not None else None), True


def transfer(data: dict[str, Any]) -> dict[str, Any]:
    """Bytes over the wire (resource timing transferSize, headers included) and request counts."""
    entries = [data["nav"], *data["resources"]] if data["nav"] else list(data["resources"])
    total = sum(int(e["transferSize"]) for e in entries)
    pyodide = sum(int(e["transferSize"]) for e in entries if is_runtime(e["name"]))
    return {
        "bytes": total,
        "requests": len(entries),
        "network_requests": sum(1 for e in entries if e["transferSize"] > 0),
        "pyodide_bytes": pyodide,
        "pyodide_requests": sum(1 for u in data["requests"] if is_runtime(u)),
    }


def is_runtime(url: str) -> bool:
    path = urlsplit(url).path
    return "/assets/pyodide/" in path or path.endswith(".whl")


def paths_fetched(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    entries = [{**data["nav"], "initiatorType": "navigation", "startTime": 0}] if data["nav"] else []
    for entry in sorted([*entries, *data["resources"]], key=lambda e: e["startTime"]):
        parts = urlsplit(entry["name"])
        out.append({
            "path": parts.path + (f"?{parts.query}" if parts.query else ""), "initiator": entry["initiatorType"],
            "transfer": int(entry["transferSize"]), "body": int(entry["encodedBodySize"]),
            "start_ms": round(float(entry["startTime"])), "end_ms": round(float(entry.get("responseEnd") or 0)),
        })
    return out


def run_cold(pw: Playwright, base: str, profiles: Path, index: int, log: Callable[[str], None]) -> dict[str, Any]:
    """One cold run: each page in a new profile; the tree and the bare page then load once more, warm."""
    run: dict[str, Any] = {}
    with cold_context(pw, profiles) as context:
        run["plain"] = load(fresh_page(context), base + PLAIN)
    order = ("tree", "bare") if index % 2 == 0 else ("bare", "tree")  # alternate, against drift
    for name in order:
        url, mark = (base + TREE, "icp-tree-ready") if name == "tree" else (base + BARE, "bare-ready")
        with cold_context(pw, profiles) as context:
            run[f"{name}_cold"] = load(fresh_page(context), url, wait=mark)
            page = fresh_page(context)
            run[f"{name}_warm"] = load(page, url, wait=mark)
            if name == "tree" and run["tree_warm"]["booted"] == "ready":
                run["clicks"] = page.evaluate(CLICK_LOOP, CLICKS)
    tree_q, _ = first_question(run["tree_cold"])
    log(
        f"  run {index + 1}: plain FCP {run['plain']['fcp']:.0f} ms; tree question {tree_q or 0:.0f} ms; "
        f"tree ready {run['tree_cold']['treeReady'] or 0:.0f} / warm {run['tree_warm']['treeReady'] or 0:.0f} ms; "
        f"bare ready {run['bare_cold']['bareReady'] or 0:.0f} / warm {run['bare_warm']['bareReady'] or 0:.0f} ms"
    )
    return run


def docs_runtime_bytes(pw: Playwright, base: str, site: Path, profiles: Path) -> dict[str, Any]:
    """Load every page but the tree page and count what they fetch of Pyodide or the wheel (must be nothing)."""
    pages = sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if p.parent != site and p.parent.relative_to(site).as_posix() not in ("tree", "bench")
    )
    pages = ["", *pages]
    total, requests, offenders = 0, 0, []
    with cold_context(pw, profiles) as context:
        for path in pages:
            data = load(fresh_page(context), base + path)
            t = transfer(data)
            total += t["pyodide_bytes"]
            requests += t["pyodide_requests"]
            if t["pyodide_requests"]:
                offenders.append(path)
    return {"pages": len(pages), "pyodide_bytes": total, "pyodide_requests": requests, "offenders": offenders}


def throttled(pw: Playwright, base: str, profiles: Path, *, label: str) -> dict[str, Any]:
    """One cold load of the plain page and of the tree page over an emulated 1.6 Mbps, 150 ms link."""
    out: dict[str, Any] = {"label": label}
    for name, path, mark in (("plain", PLAIN, None), ("tree", TREE, "icp-tree-ready")):
        with cold_context(pw, profiles) as context:
            page = fresh_page(context)
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", THROTTLE)
            out[name] = load(page, base + path, wait=mark)
    return out


# --------------------------------------------------------------------------------------------- offline


def compressed_sizes(files: list[Path], *, brotli: bool, cache_file: Path) -> tuple[dict[str, dict[str, int | None]], str]:
    cache: dict[str, int] = json.loads(cache_file.read_text()) if cache_file.is_file() else {}
    out: dict[str, dict[str, int | None]] = {}
    digests: dict[Path, str] = {}
    note = ""
    for f in files:
        data = f.read_bytes()
        digests[f] = hashlib.sha256(data).hexdigest()
        gz = len(gzip.compress(data, compresslevel=9, mtime=0))
        out[f.name] = {"raw": len(data), "gzip": gz, "brotli": cache.get(digests[f])}
    todo = [f for f in files if out[f.name]["brotli"] is None]
    if todo and brotli:
        script = (
            "const z=require('zlib'),fs=require('fs');const o={};"
            "for(const f of process.argv.slice(1)){const b=fs.readFileSync(f);"
            "o[f]=z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11,"
            "[z.constants.BROTLI_PARAM_SIZE_HINT]:b.length}}).length;}console.log(JSON.stringify(o));"
        )
        try:
            proc = subprocess.run(
                ["node", "-e", script, *map(str, todo)], capture_output=True, text=True, timeout=600, check=True
            )
            sizes = json.loads(proc.stdout)
            for f in todo:
                out[f.name]["brotli"] = int(sizes[str(f)])
                cache[digests[f]] = int(sizes[str(f)])
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            cache_file.write_text(json.dumps(cache, indent=1))
        except (OSError, subprocess.SubprocessError, ValueError, KeyError) as exc:
            note = f"brotli skipped: node's zlib.brotliCompressSync failed ({exc.__class__.__name__})"
    elif todo:
        note = "brotli skipped in --quick mode (quality 11 takes about a minute on the wasm; cached after a full run)"
    return out, note


def time_builds(count: int, strict: bool, tmp: Path) -> list[float]:
    times = []
    for i in range(count):
        out = tmp / f"build-{i}"
        started = time.perf_counter()
        build_pages(out, strict=strict)
        times.append(time.perf_counter() - started)
        shutil.rmtree(out, ignore_errors=True)
    return times


def build_pages(out: Path, *, strict: bool) -> None:
    if strict:
        build_site.build_pages(out)
    else:
        build_site.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out)])


def lighthouse(url: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run; the full report stays in ``out`` (bench/results/lighthouse-*.json)."""
    flags = "--headless=new " + " ".join(ARGS)
    cmd = [
        str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, f"--chrome-flags={flags}",
        "--only-categories=performance,accessibility,best-practices,seo", "--output=json",
        f"--output-path={out}", "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    # Lighthouse's trace recording fails now and then on a busy 2-core machine ("Something went
    # wrong with recording the trace"); one retry, and the error is reported if it fails again.
    for attempt in (1, 2):
        try:
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return {"error": f"{exc.__class__.__name__}: {exc}"}
        if proc.returncode == 0 and out.is_file():
            break
        if attempt == 2:
            return {"error": f"lighthouse exited {proc.returncode} twice: {proc.stderr.strip()[-500:]}"}
    report = json.loads(out.read_text())
    audits = report["audits"]
    failing = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = audits.get(ref["id"], {})
            judged = ref.get("weight", 0) > 0 and audit.get("score") is not None
            if judged and audit["score"] < 1 and category["id"] != "performance":
                failing.append(f"{category['id']}:{ref['id']}")
    return {
        "scores": {k: round(v["score"] * 100) if v["score"] is not None else None for k, v in report["categories"].items()},
        "metrics": {
            k: audits[k].get("numericValue")
            for k in LIGHTHOUSE_METRICS
            if k in audits
        },
        "failing_audits": failing,
        "runtime_error": report.get("runtimeError"),
        "form_factor": report.get("configSettings", {}).get("formFactor"),
    }


# --------------------------------------------------------------------------------------------- main


def at_most(limit: float, key: str = "median") -> Callable[[dict[str, float]], bool]:
    return lambda s: s[key] <= limit


def at_least(limit: float) -> Callable[[dict[str, float]], bool]:
    return lambda s: s["median"] >= limit


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def present(values: Sequence[float | None]) -> list[float]:
    return [float(v) for v in values if v is not None]


def build_rows(results: dict[str, Any]) -> list[Row]:
    runs: list[dict[str, Any]] = results["runs"]
    rows: list[Row] = []
    plain_fcp = [r["plain"]["fcp"] for r in runs]
    tree_fcp = [r["tree_cold"]["fcp"] for r in runs]
    questions = [first_question(r["tree_cold"]) for r in runs]
    fallback = any(fb for _, fb in questions)
    q_note = "FCP used: no 'icp-first-question' element-timing entry" if fallback else "element timing"
    rows.append(Row("Plain docs page FCP, cold", present(plain_fcp)))
    rows.append(Row("Tree page FCP, cold", present(tree_fcp)))
    rows.append(Row("Tree page first question visible, cold", present([q for q, _ in questions]), note=q_note))
    rows.append(Row("Tree FCP ÷ plain FCP", present([ratio(t, p) for t, p in zip(tree_fcp, plain_fcp, strict=True)]),
                    "ratio", "≤ 1.10", at_most(1.10)))
    q_ratios = [ratio(q, p) for (q, _), p in zip(questions, plain_fcp, strict=True)]
    rows.append(Row("Tree first question ÷ plain FCP", present(q_ratios), "ratio", "≤ 1.10", at_most(1.10)))
    for temp in ("cold", "warm"):
        tree = [r[f"tree_{temp}"]["treeReady"] for r in runs]
        bare = [r[f"bare_{temp}"]["bareReady"] for r in runs]
        rows.append(Row(f"Python drives the widget, {temp}", present(tree), note="mark icp-tree-ready"))
        rows.append(Row(f"Bare page: Pyodide + one line of Python, {temp}", present(bare), note="mark bare-ready"))
        rows.append(Row(f"Tree ready ÷ bare ready, {temp}", present([ratio(t, b) for t, b in zip(tree, bare, strict=True)]),
                        "ratio", "≤ 1.15", at_most(1.15)))
    rows.append(Row("First view rendered by Python, cold", present([r["tree_cold"]["firstView"] for r in runs]),
                    note="after the ready mark: first view_json + innerHTML"))
    clicks = [c for r in runs for c in r.get("clicks", [])]
    rows.append(Row("Answer click → next view painted", [c["painted"] for c in clicks], target="p95 ≤ 16 ms",
                    check=at_most(16, "p95"), p95=True, note="rAF + setTimeout 0"))
    rows.append(Row("… of which the click handler", [c["handler"] for c in clicks], p95=True,
                    note="synchronous: Python, innerHTML, focus"))
    rows.append(Row("… of which Python (view_json)", present([c["python"] for c in clicks]), p95=True))
    for key, label in (("plain", "Plain docs page"), ("tree_cold", "Tree page, cold"), ("tree_warm", "Tree page, warm cache")):
        t = [transfer(r[key]) for r in runs]
        rows.append(Row(f"{label}: bytes transferred", [float(x["bytes"]) for x in t], "bytes"))
        rows.append(Row(f"{label}: requests", [float(x["requests"]) for x in t], "count",
                        note=f"{statistics.median(x['network_requests'] for x in t):.0f} over the network, the rest from cache"))
    docs = results.get("docs_pages")
    if docs:
        offenders = f": {', '.join(docs['offenders'])}" if docs["offenders"] else ""
        rows.append(Row(f"Docs pages' Pyodide/wheel bytes ({docs['pages']} pages)", [float(docs["pyodide_bytes"])], "bytes",
                        "0", lambda s: s["median"] == 0, note=f"{docs['pyodide_requests']} requests{offenders}"))
    for run in results.get("throttled", []):
        label = run["label"]
        q, fb = first_question(run["tree"])
        rows.append(Row(f"Throttled ({label}): plain page FCP", present([run["plain"]["fcp"]])))
        rows.append(Row(f"Throttled ({label}): tree first question visible", present([q]), note="FCP used" if fb else ""))
        rows.append(Row(f"Throttled ({label}): Python drives the widget", present([run["tree"]["treeReady"]])))
        rows.append(Row(f"Throttled ({label}): tree page bytes", [float(transfer(run["tree"])["bytes"])], "bytes"))
    for page, report in results.get("lighthouse", {}).items():
        if "error" in report:
            rows.append(Row(f"Lighthouse {page}", [], "score", note=report["error"][:120]))
            continue
        tree_page = page == "tree"
        for category, target in (("performance", 90 if tree_page else 95), ("accessibility", 100),
                                 ("best-practices", 100), ("seo", 100)):
            score = report["scores"].get(category)
            wanted = "100" if target == 100 else f"≥ {target}"
            rows.append(Row(f"Lighthouse {page}: {category}", present([score]), "score", wanted, at_least(target)))
    builds = results.get("build_s", [])
    if builds:
        rows.append(Row("mkdocs build (pages only)", builds, "s"))
    return rows


def write_outputs(results: dict[str, Any], rows: list[Row], out_dir: Path, *, update_doc: bool) -> str:
    out_dir.mkdir(parents=True, exist_ok=True)
    results["table"] = [r.as_json() for r in rows]
    (out_dir / "latest.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    block = results_markdown(results, rows)
    (out_dir / "latest.md").write_text(f"# Benchmark results\n\n{block}\n")
    if update_doc:
        if DOC.is_file() and START_MARKER in DOC.read_text() and END_MARKER in DOC.read_text():
            text = DOC.read_text()
            head, rest = text.split(START_MARKER, 1)
            _, tail = rest.split(END_MARKER, 1)
            DOC.write_text(f"{head}{START_MARKER}\n{block}\n{END_MARKER}{tail}")
        else:
            print(f"bench: {DOC.relative_to(ROOT)} has no {START_MARKER} … {END_MARKER} markers; not updated", file=sys.stderr)
    return block


def results_markdown(results: dict[str, Any], rows: list[Row]) -> str:
    env = results["environment"]
    quick = ", quick mode" if results["settings"]["quick"] else ""
    lines = [
        f"Measured {env['date']} on {env['cpus']} CPUs ({env['machine']}), {env['chromium']}, headless, site served on "
        f"127.0.0.1; {results['settings']['runs']} cold runs (fresh profile each){quick}; "
        f"load average {env['loadavg_start']} at the start, {env['loadavg_end']} at the end. "
        f"Bench wall time {results['wall_s']:.0f} s.",
        "",
        markdown_table(rows),
        "",
    ]
    sizes = results.get("sizes", {})
    if sizes:
        lines += ["Runtime files as served (bytes):", "", "| File | Raw | gzip -9 | brotli 11 |", "|---|---|---|---|"]
        total = {"raw": 0, "gzip": 0, "brotli": 0}
        for name, s in sizes["files"].items():
            lines.append(f"| {name} | {s['raw']:,} | {s['gzip']:,} | {s['brotli']:,} |" if s["brotli"] is not None
                         else f"| {name} | {s['raw']:,} | {s['gzip']:,} | n/a |")
            for k in total:
                total[k] += s[k] or 0
        brotli_total = f"{total['brotli']:,}" if all(s["brotli"] is not None for s in sizes["files"].values()) else "n/a"
        lines.append(f"| **total** | **{total['raw']:,}** | **{total['gzip']:,}** | **{brotli_total}** |")
        if sizes.get("note"):
            lines += ["", f"({sizes['note']}.)"]
        lines.append("")
    fetched = results.get("tree_fetches", [])
    if fetched:
        lines += ["What the tree page fetches (first cold run, in order of start):", "",
                  "| Path | Initiator | Transferred | Start–end |", "|---|---|---|---|"]
        lines += [
            f"| `{f['path']}` | {f['initiator']} | {f['transfer']:,} B | {f['start_ms']}–{f['end_ms']} ms |" for f in fetched
        ]
        lines.append("")
    for note in results.get("notes", []):
        lines.append(f"- {note}")
    return "\n".join(lines).rstrip()


def summary(rows: list[Row], results: dict[str, Any]) -> str:
    judged = [r for r in rows if r.met() is not None]
    met = sum(1 for r in judged if r.met())

    def median(prefix: str) -> str:
        for r in rows:
            if r.metric.startswith(prefix) and r.values:
                s = r.stats()
                return fmt(s.get("p95", s["median"]), r.unit)
        return "n/a"

    missed = [r.metric for r in judged if not r.met()]
    return (
        f"bench: {met}/{len(judged)} targets met; first question {median('Tree first question')} plain FCP; "
        f"Python-driven {median('Tree ready ÷ bare ready, cold')} bare (cold), {median('Tree ready ÷ bare ready, warm')} (warm); "
        f"click p95 {median('Answer click')}; tree cold {median('Tree page, cold: bytes')}; "
        f"wall {results['wall_s']:.0f} s" + (f"; missed: {'; '.join(missed)}" if missed else "")
    )


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=None, help="cold runs (default 5; 2 with --quick)")
    parser.add_argument("--quick", action="store_true", help="2 runs, no Lighthouse, no throttled run; for development")
    parser.add_argument(
        "--throttled-uncompressed", action="store_true", help="also the throttled run without gzip (about 70 s more)"
    )
    parser.add_argument("--site", type=Path, help="benchmark this already built site instead of building one")
    parser.add_argument("--non-strict", action="store_true", help="build without --strict (development only)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where latest.json and latest.md go (default bench/results)")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/performance.md")
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 2 if args.quick else 5
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    strict = not args.non_strict

    def log(message: str) -> None:
        print(message, flush=True)

    load_start = " ".join(f"{x:.2f}" for x in os.getloadavg())
    results: dict[str, Any] = {
        "settings": {"runs": args.runs, "quick": args.quick, "strict": strict, "site": str(args.site) if args.site else None,
                     "clicks_per_run": CLICKS, "throttle": THROTTLE},
        "notes": [],
    }
    if not Path(CHROMIUM).exists():
        print(f"bench: Chromium is needed at {CHROMIUM} (apt-get install chromium; `make bench` does)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="icp-bench-") as tmp_name:
        tmp = Path(tmp_name)
        site = tmp / "site"
        log("bench: building the site" + ("" if strict else " (non-strict: development only)"))
        try:
            builds = time_builds(args.runs, strict, tmp)
            if args.site:
                shutil.copytree(args.site, site)
            else:
                build_pages(site, strict=strict)
                build_site.copy_runtime(site)
                build_site.build_wheel(site)
        except build_site.BuildError as exc:
            print(f"bench: the site did not build ({exc}). If a docs page is still being written, retry later, "
                  "or use --non-strict for development.", file=sys.stderr)
            return 1
        results["build_s"] = builds
        (site / "bench").mkdir(exist_ok=True)
        shutil.copy2(BENCH / "bare.html", site / "bench" / "bare.html")

        runtime_files = [site / "assets" / "pyodide" / name for name in build_site.PYODIDE_FILES]
        runtime_files += sorted((site / "assets" / "tree").glob("*.whl"))
        log("bench: sizes of the runtime files (raw, gzip -9, brotli)")
        files, note = compressed_sizes(runtime_files, brotli=not args.quick, cache_file=RESULTS / "compression-cache.json")
        results["sizes"] = {"files": files, "note": note}

        args.out.mkdir(parents=True, exist_ok=True)
        profiles = tmp / "profiles"
        profiles.mkdir()
        with sync_playwright() as pw:
            with serving(site) as base:
                results["runs"] = []
                for i in range(args.runs):
                    log(f"bench: cold run {i + 1}/{args.runs}")
                    results["runs"].append(run_cold(pw, base, profiles, i, log))
                log("bench: every docs page, for Pyodide requests")
                results["docs_pages"] = docs_runtime_bytes(pw, base, site, profiles)
            results["tree_fetches"] = paths_fetched(results["runs"][0]["tree_cold"])
            if not args.quick:
                gz_site = tmp / "site-gzip"
                shutil.copytree(site, gz_site)
                precompress(gz_site)
                results["throttled"] = []
                with serving(gz_site, precompressed=True) as base:
                    log("bench: throttled run, gzip (1.6 Mbps down, 750 kbps up, 150 ms)")
                    results["throttled"].append(throttled(pw, base, profiles, label="1.6 Mbps, gzip"))
                    log("bench: Lighthouse (home, plain docs page, tree page)")
                    results["lighthouse"] = {}
                    for name, path in (("home", HOME), ("docs page", PLAIN), ("tree", TREE)):
                        report = args.out / f"lighthouse-{name.replace(' ', '-')}.json"
                        results["lighthouse"][name] = lighthouse(base + path, report)
                if args.throttled_uncompressed:
                    with serving(site) as base:
                        log("bench: throttled run, uncompressed")
                        results["throttled"].append(throttled(pw, base, profiles, label="1.6 Mbps, uncompressed"))
    results["environment"] = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"), "cpus": os.cpu_count(), "machine": platform.machine(),
        "chromium": chromium_version(), "python": platform.python_version(),
        "loadavg_start": load_start, "loadavg_end": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    results["notes"] += notes(results, args)
    results["wall_s"] = time.perf_counter() - started
    rows = build_rows(results)
    write_outputs(results, rows, args.out, update_doc=not (args.quick or args.no_doc or args.site))
    print(markdown_table(rows))
    print(f"bench: wrote {args.out / 'latest.json'} and {args.out / 'latest.md'}")
    print(summary(rows, results))
    return 0


def notes(results: dict[str, Any], args: argparse.Namespace) -> list[str]:
    out = [
        "Server: scripts/serve.py's handler plus the caching headers docs/performance.md advises (assets/pyodide/* and the "
        "wheel `Cache-Control: public, max-age=31536000, immutable`, everything else `no-cache`); uncompressed, except the "
        "throttled runs marked gzip and Lighthouse, which get files precompressed with gzip -9.",
        "Cold: a new Chromium profile per page; warm: the same page again in a new tab of that profile.",
        "Click latency includes waiting for the next animation frame (headless Chromium draws at 60 Hz, ≈16.7 ms), "
        "so it cannot be below the time left in the current frame; the handler row is the work itself.",
        "Lighthouse 12.2.3 with its default settings: mobile form factor, simulated slow 4G and 4× CPU slowdown.",
    ]
    runs = results.get("runs", [])
    failed = [str(i + 1) for i, r in enumerate(runs) if "failed" in (r["tree_cold"]["booted"], r["tree_warm"]["booted"])]
    if failed:
        out.append(f"The tree widget reported data-booted=failed in run(s) {', '.join(failed)}: those loads are left out.")
    env = results["environment"]
    busiest = max(float(env["loadavg_start"].split()[0]), float(env["loadavg_end"].split()[0]))
    if busiest > 0.5 * (env["cpus"] or 1):
        out.append(
            f"The machine was busy with other work (1-minute load average up to {busiest:.1f} on {env['cpus']} CPUs): "
            "times are longer and noisier than on an idle machine; ratios suffer less."
        )
    if args.quick:
        out.append("Quick mode: Lighthouse and the throttled runs were skipped.")
    if args.site:
        out.append(f"Site benchmarked as given: {args.site} (not built by the bench).")
    if not results["settings"]["strict"]:
        out.append("Built without --strict (development only).")
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
