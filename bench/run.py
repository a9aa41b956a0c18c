"""The performance benchmark: the built site against its targets (issues 5 and 13). Run by `make bench`.

It builds the site into a temporary directory (scripts/build_site.py), adds the bare Pyodide page it
is compared with, serves the copy with scripts/serve.py on 127.0.0.1 (brotli as a real host sends it)
and drives Debian's headless Chromium through Playwright, with a new profile for every cold load. It
reports medians and spreads, never asserts a target, and writes bench/results/latest.json,
bench/results/latest.md and (after a full run) the table in docs/performance.md between its markers.
It fails (exit 2) only when the measurements do not match the table of bench/targets.py: a row without
a measurement or a reason, or a measurement without a row. The last line printed is a one-line summary.

    python bench/run.py [--runs N] [--quick] [--site DIR] [--non-strict] [--no-lighthouse]

The modules: config (what is measured against), sitebuild (the copy of the site), server, browser
(Chromium, CDP), measure (the procedures), timeline (main-thread tasks in a trace), lighthouse,
figures (raw results to measurements), targets (the table), report; the page scripts are bench/scripts/*.js.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import browser
import buildtime
import figures
import lighthouse
import measure
import report
import sitebuild
import targets
from config import (
    CHROMIUM,
    CPU_SLOWDOWN,
    DOCS,
    LIGHTHOUSE,
    LIGHTHOUSE_PAGES,
    MAINLAND,
    PLAIN,
    READY_MARK,
    RESULTS,
    ROOT,
    SHARED_RESULT_SCENARIO,
    THROTTLED,
    TREE,
)
from playwright.sync_api import sync_playwright
from server import free_port, serving

from decision_tree.pages import site as site_address


def log(message: str) -> None:
    print(message, flush=True)


def shared_token() -> str:
    """The answer code of the shared result link: a scenario of the tests, walked by the engine."""
    sys.path.insert(0, str(ROOT))
    try:
        from decision_tree import load
        from tests.scenarios import BY_NAME
    finally:
        sys.path.pop(0)
    token: str = BY_NAME[SHARED_RESULT_SCENARIO].state(load()).token
    return token


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="cold runs on loopback (default 5; 2 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="fewer runs; no loads until Python on the slow profiles, no Lighthouse; the doc untouched")
    parser.add_argument("--throttled-runs", type=int, default=None,
                        help=f"first answers and shared links, cold, on {THROTTLED.label} (default 5; 2 with --quick)")
    parser.add_argument("--mainland-runs", type=int, default=None,
                        help=f"first answers, cold, on {MAINLAND.label} (default 3; 1 with --quick)")
    parser.add_argument("--python-runs", type=int, default=None,
                        help="loads until Python drives the widget, on each slow profile (default 2; none with --quick)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--site", type=Path, help="benchmark this already built site instead of building one")
    parser.add_argument("--non-strict", action="store_true", help="build without --strict (development only)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where latest.json and latest.md go (default bench/results)")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/performance.md")
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 2 if args.quick else 5
    if args.throttled_runs is None:
        args.throttled_runs = 2 if args.quick else 5
    if args.mainland_runs is None:
        args.mainland_runs = 1 if args.quick else 3
    if args.python_runs is None:
        args.python_runs = 0 if args.quick else 2
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def measure_site(site: Path, args: argparse.Namespace, tmp: Path, results: dict[str, Any], port: int) -> None:
    """Every procedure in the browser against the served copy, on ``port``; raw results into ``results``."""
    skipped: dict[str, str] = results["skipped"]
    profiles = tmp / "profiles"
    profiles.mkdir()
    token = shared_token()
    with sync_playwright() as pw, serving(site, port) as base:
        results["runs"] = []
        for i in range(args.runs):
            log(f"bench: cold run {i + 1}/{args.runs} on loopback (plain page, tree page, bare page; clicks)")
            results["runs"].append(measure.cold_run(pw, base, profiles, i, log))
        log("bench: every docs page without a widget, for runtime requests")
        results["docs_pages"] = measure.docs_pages(pw, base, site, profiles)

        traces = 1 if args.quick else 3
        log(f"bench: start-up traces at {CPU_SLOWDOWN}× CPU slowdown (tree page ×{traces}, plain page ×1)")
        results["startup"] = {
            "tree": [measure.startup_trace(pw, base, profiles, TREE, READY_MARK) for _ in range(traces)],
            "plain": [measure.startup_trace(pw, base, profiles, PLAIN, None)],
        }
        for found in results["startup"]["tree"]:
            if "error" not in found:
                log(f"  longest task {found['longest_ms']:.0f} ms: {found['made_of'][:2]}")

        results["first_answer"], results["python_over"] = {}, {}
        for network, count in ((THROTTLED, args.throttled_runs), (MAINLAND, args.mainland_runs)):
            log(f"bench: {network.label}, cold: the first answer clicked as soon as it shows (×{count})")
            runs = [measure.first_answer(pw, base, profiles, network) for _ in range(count)]
            for run in runs:
                click = run["click"]
                log(f"  clicked at {click['at']:.0f} ms, next view painted {click['ms']:.0f} ms later"
                    + (f" (followed the link to {click['page']})" if click["navigated"] else ""))
            results["first_answer"][network.key] = runs
        log(f"bench: {THROTTLED.label}, cold: the first answer clicked once boot.js runs (×{args.throttled_runs})")
        results["first_answer_after_boot"] = [
            measure.first_answer(pw, base, profiles, THROTTLED, after_boot=True) for _ in range(args.throttled_runs)
        ]
        log("  next view painted " + ", ".join(f"{r['click']['ms']:.0f} ms" for r in results["first_answer_after_boot"]))
        for network in (THROTTLED, MAINLAND):
            if not args.python_runs:
                skipped[f"python_{network.key}"] = "--quick" if args.quick else "--python-runs 0"
                continue
            log(f"bench: {network.label}, cold, until Python drives the widget (×{args.python_runs})")
            runs = [measure.python_over(pw, base, profiles, network) for _ in range(args.python_runs)]
            log("  Python after " + ", ".join(f"{(r['treeReady'] or 0) / 1000:.1f} s" for r in runs))
            results["python_over"][network.key] = runs
        if not args.mainland_runs:
            skipped[MAINLAND.key] = "--mainland-runs 0"

        shared = args.throttled_runs
        log(f"bench: a shared result link, cold, {THROTTLED.label} (×{shared})")
        results["shared"] = [measure.shared_link(pw, base, profiles, THROTTLED, token) for _ in range(shared)]

        log("bench: a profile of the answer clicks (V8 sampling profiler)")
        results["click_profile"] = measure.click_profile(pw, base, profiles)

        if args.quick or args.no_lighthouse:
            skipped["lighthouse"] = "--quick" if args.quick else "--no-lighthouse"
        else:
            results["lighthouse"] = {}
            for name, path in LIGHTHOUSE_PAGES:
                log(f"bench: Lighthouse, {name}")
                out = args.out / f"lighthouse-{name.replace(' ', '-')}.json"
                results["lighthouse"][name] = lighthouse.run(base + path, out)


def notes(results: dict[str, Any], args: argparse.Namespace, site: Path) -> list[str]:
    out = [
        "Server: scripts/serve.py, as a well-configured static host: a file's .br sibling sent with `Content-Encoding: br` "
        "(Chromium accepts brotli from 127.0.0.1), the versioned runtime and bundle cached as immutable, pages `no-cache`.",
        "Cold: a new Chromium profile per load; warm: the same page again in a new tab of that profile.",
        f"Throttling is Chromium's (CDP Network.emulateNetworkConditions; it applies to the page's workers too): "
        f"{THROTTLED.label} ({THROTTLED.up_kbps} kbps up), {MAINLAND.label} ({MAINLAND.up_kbps} kbps up). "
        "The first answer is clicked (Playwright, a real input event) as soon as the first choice is visible and stable.",
        "Click times include waiting for the next animation frame (headless Chromium draws at 60 Hz, ≈16.7 ms), so they "
        "cannot be below the time left in the current frame; the main-thread row is the work itself. The walk chooses "
        "answers with a seeded generator and starts again at each result.",
        f"The start-up trace: CDP Tracing with Emulation.setCPUThrottlingRate {CPU_SLOWDOWN}, from navigation to 0.6 s "
        "after the ready mark; a task is a top-level RunTask on the page's renderer main thread (wall time).",
        f"Lighthouse {lighthouse.version()} with its default settings: mobile, simulated slow 4G, 4× CPU slowdown.",
    ]
    runs = results.get("runs", [])
    if runs and runs[0]["tree_cold"]["nav"]:
        nav = runs[0]["tree_cold"]["nav"]
        br = site / "tree" / "index.html.br"
        if nav["encodedBodySize"] == nav["decodedBodySize"] and br.is_file():
            out.append(
                f"The tree page's HTML came uncompressed ({nav['encodedBodySize']:,} bytes; its index.html.br is "
                f"{br.stat().st_size:,}): scripts/serve.py sends a compressed sibling for a file's own URL, not for a "
                "directory's index.html. A host serving index.html.br for tree/ would send that much less."
            )
    note = figures.bytes_note(runs)
    if note:
        out.append(note)
    for i, found in enumerate(results.get("startup", {}).get("tree", [])):
        if "error" in found:
            out.append(f"Start-up trace {i + 1}: {found['error']}.")
            continue
        made = ", ".join(f"{m['what']} {m['ms']:.0f} ms" for m in found["made_of"])
        cpu = found.get("longest_cpu_ms")
        out.append(
            f"Start-up trace {i + 1} ({CPU_SLOWDOWN}× CPU): longest task {found['longest_ms']:.0f} ms at "
            f"{found['longest_at_ms']:.0f} ms" + (f" (thread time {cpu:.0f} ms)" if cpu is not None else "")
            + f": {made}; {found['over_50ms']} tasks over 50 ms of {found['tasks']}, {found['total_ms']:.0f} ms in all."
        )
    profiled = results.get("click_profile")
    if profiled and profiled["per_click"]:
        out.append(
            f"Where an answer click's main-thread time goes (V8 sampling profile of {profiled['clicks']} clicks on a warm page, "
            "self time per click, the profiler's own overhead included): "
            + "; ".join(f"{p['function']} {p['ms']:.2f} ms" for p in profiled["per_click"]) + "."
        )
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
    for what, why in results.get("skipped", {}).items():
        out.append(f"Not run: {what} ({why}).")
    if args.site:
        out.append(f"Site benchmarked as given: {args.site} (not built by the bench).")
    else:
        out.append(f"Built with {site_address.ENV}={results['settings']['site_url']} (the address it is served at): "
                   "every page carries its canonical and hreflang links, and the sitemaps list both editions, "
                   "as a published site's do.")
    if not results["settings"]["strict"]:
        out.append("Built without --strict (development only).")
    return out


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    strict = not args.non_strict
    if not Path(CHROMIUM).exists():
        print(f"bench: Chromium is needed at {CHROMIUM} (apt-get install chromium; `make bench` does)", file=sys.stderr)
        return 1
    load_start = " ".join(f"{x:.2f}" for x in os.getloadavg())
    results: dict[str, Any] = {
        "settings": {
            "runs": args.runs, "quick": args.quick, "strict": strict, "site": str(args.site) if args.site else None,
            "throttled": THROTTLED.label, "throttled_runs": args.throttled_runs, "mainland": MAINLAND.label,
            "mainland_runs": args.mainland_runs, "python_runs": args.python_runs,
            "throttle": {THROTTLED.key: THROTTLED.cdp(), MAINLAND.key: MAINLAND.cdp()},
        },
        "skipped": {},
    }
    if not args.quick and not args.no_lighthouse and not LIGHTHOUSE.exists():
        results["skipped"]["lighthouse"] = f"{LIGHTHOUSE.relative_to(ROOT)} missing: run `npm ci` (make bench does)"
        args.no_lighthouse = True
    args.out.mkdir(parents=True, exist_ok=True)
    # The site is built for the address it is served at, as a published site is (SEO: canonical and
    # hreflang links, sitemaps): the port is chosen first, and the build reads SITE_URL.
    port = free_port()
    if not args.site:
        os.environ[site_address.ENV] = results["settings"]["site_url"] = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="icp-bench-") as tmp_name:
        tmp = Path(tmp_name)
        site = tmp / "site"
        try:
            if args.site:
                log(f"bench: copying {args.site}")
                shutil.copytree(args.site, site)
                results["build"] = {"missing": "--site: not built by the bench"}
            else:
                log("bench: building the site" + ("" if strict else " (non-strict: development only)"))
                steps = sitebuild.build(site, strict=strict)
                results["build"] = {"full_s": sum(steps.values()), "steps_s": steps,
                                    "note": "files made by earlier builds reused: " + ", ".join(
                                        f"{name} {seconds:.1f} s" for name, seconds in steps.items())}
            count = 1 if args.quick else 3
            log(f"bench: timing mkdocs build ×{count}")
            results["build"]["pages_s"] = sitebuild.time_page_builds(count, strict, tmp)
            if args.quick:
                results["skipped"]["build_times"] = "--quick"
            else:
                log("bench: timing a build with no cache, then after a one-line content edit (a copy of the checkout)")
                results["build"].update(buildtime.measure(tmp))
            sitebuild.add_bare_page(site)
        except (sitebuild.BuildError, buildtime.BuildTimeError) as exc:
            print(f"bench: the site did not build ({exc}). If a docs page is still being written, retry later, "
                  "or use --non-strict for development.", file=sys.stderr)
            return 1
        results["sizes"] = sitebuild.file_sizes(site)
        measure_site(site, args, tmp, results, port)
        runs = results["runs"]
        first = runs[0]["tree_cold"]
        results["tree_fetches"] = figures.fetches(first, first["treeReady"])
        results["environment"] = {
            "date": time.strftime("%Y-%m-%d %H:%M %Z"), "cpus": os.cpu_count(), "machine": platform.machine(),
            "chromium": browser.chromium_version(), "python": platform.python_version(),
            "loadavg_start": load_start, "loadavg_end": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        }
        results["notes"] = notes(results, args, site)
    results["wall_s"] = time.perf_counter() - started
    measured = figures.all_measurements(results)
    problems = targets.problems(set(measured))
    update_doc = not (args.quick or args.no_doc or args.site or args.no_lighthouse) and not problems
    report.write(results, measured, args.out, update_doc=update_doc)
    print(report.table(measured))
    docs = " and ".join(str(d) for d in DOCS) if update_doc else ""
    print(f"bench: wrote {args.out / 'latest.json'} and {args.out / 'latest.md'}" + (f" and {docs}" if docs else ""))
    if problems:
        for problem in problems:
            print(f"bench: {problem}", file=sys.stderr)
        print("bench: the measurements do not match bench/targets.py (see above)", file=sys.stderr)
        return 2
    print(report.summary(measured, results["wall_s"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
