"""Headless Chromium for the benchmark (Debian's, through Playwright): cold profiles, CDP throttling of the
network and the CPU, tracing, and what a page load measured (the page's and its workers' resources)."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from config import CHROMIUM, CHROMIUM_ARGS, PAGE_TIMEOUT_MS, PY_TIMEOUT_MS, SCRIPTS, VIEWPORT, Network
from playwright.sync_api import BrowserContext, CDPSession, Page, Playwright


@cache
def script(name: str) -> str:
    """A page script of bench/scripts/ (a function expression, or for init.js a statement)."""
    return (SCRIPTS / name).read_text(encoding="utf-8")


def chromium_version() -> str:
    try:
        run = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except OSError:
        return "unknown"
    return run.stdout.strip() or "unknown"


@contextmanager
def cold_context(pw: Playwright, profiles: Path) -> Iterator[BrowserContext]:
    """A browser with a brand-new profile directory: an empty HTTP cache, no compiled-code cache."""
    user_data_dir = Path(tempfile.mkdtemp(prefix="profile-", dir=profiles))
    context = pw.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS),
        viewport={"width": VIEWPORT["width"], "height": VIEWPORT["height"]},
    )
    context.add_init_script(script("init.js"))
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(user_data_dir, ignore_errors=True)


def fresh_page(context: BrowserContext) -> Page:
    """A new tab, the others closed (a warm load then finds only what the cache holds)."""
    for old in list(context.pages):
        old.close()
    return context.new_page()


def session(context: BrowserContext, page: Page, *, network: Network | None = None, cpu: float = 1) -> CDPSession:
    """A CDP session on the page, with the network and CPU throttled as asked. Chromium applies network
    emulation to the page's dedicated workers too (checked: the worker's wasm takes as long as the bandwidth says)."""
    cdp = context.new_cdp_session(page)
    if network is not None:
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", network.cdp())
    if cpu != 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    return cdp


def wait_for_mark(page: Page, mark: str, *, timeout: float = PY_TIMEOUT_MS) -> None:
    """Until the page has performance mark ``mark`` (or the tree widget says it failed)."""
    failed = "document.querySelector('[data-icp-tree]')?.dataset.booted === 'failed'"
    page.wait_for_function(
        f"() => performance.getEntriesByName({json.dumps(mark)}, 'mark').length > 0 || {failed}",
        timeout=timeout, polling=50,
    )


def collect(page: Page) -> dict[str, Any]:
    """What the page measured (bench/scripts/collect.js), with its workers' resources added on its clock."""
    data: dict[str, Any] = page.evaluate(script("collect.js"))
    for worker in page.workers:
        with contextlib.suppress(Exception):  # a worker that has ended has nothing to add
            data["resources"] += worker.evaluate(script("worker_resources.js"), data["timeOrigin"])
    return data


def load(page: Page, url: str, *, mark: str | None = None, settle: bool = True) -> dict[str, Any]:
    """Navigate and wait for ``mark`` (or, without one, the load event); let the network settle; collect.

    The requests Playwright saw (the page's and its workers') are kept beside the resource entries."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    started = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded" if mark else "load", timeout=PAGE_TIMEOUT_MS)
    if mark:
        wait_for_mark(page, mark)
    wall = time.perf_counter() - started
    if settle:
        with contextlib.suppress(Exception):  # a straggler only delays the byte count
            page.wait_for_load_state("networkidle", timeout=15_000)
    data = collect(page)
    data["requests"] = requests
    data["wall_s"] = wall
    return data


def poll(page: Page, expression: str, *, timeout_ms: float, arg: Any = None) -> Any:
    """Evaluate ``expression`` (a function) until it returns something truthy; survives navigations
    (an evaluation cut short by one is simply tried again in the next document)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        with contextlib.suppress(Exception):
            value = page.evaluate(expression, arg)
            if value:
                return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"no answer within {timeout_ms / 1000:.0f} s from {expression[:80]!r}")
        time.sleep(0.02)


@contextmanager
def tracing(page: Page, cdp: CDPSession, categories: list[str]) -> Iterator[list[dict[str, Any]]]:
    """A Chromium trace of the block (CDP Tracing); the list is filled with its events when the block ends."""
    events: list[dict[str, Any]] = []
    complete: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda params: events.extend(params["value"]))
    cdp.on("Tracing.tracingComplete", lambda params: complete.append(True))
    cdp.send("Tracing.start", {"traceConfig": {"includedCategories": categories, "recordMode": "recordAsMuchAsPossible"},
                               "transferMode": "ReportEvents"})
    try:
        yield events
    finally:
        cdp.send("Tracing.end")
        deadline = time.monotonic() + 60
        while not complete and time.monotonic() < deadline:
            page.wait_for_timeout(50)
