"""What the benchmark measures against, in one place: paths, pages, Chromium, network and CPU profiles."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SCRIPTS = BENCH / "scripts"
RESULTS = BENCH / "results"
DOC = ROOT / "docs" / "performance.md"
# Both editions show the same measurements (the Chinese page says the table is the tool's, in English).
DOCS = (DOC, ROOT / "docs-zh" / "performance.md")

# Debian's Chromium, with the arguments the browser tests use (tests/test_browser.py); never a downloaded browser.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
)
VIEWPORT = {"width": 1280, "height": 800}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"

# Pages, relative to the site's root.
HOME, PLAIN, TREE, BARE = "", "procedures/new-filing/", "tree/", "bench/bare.html"
# Lighthouse's pages, by the name of their rows (bench/targets.py): the three in each edition.
ZH = "zh/"
LIGHTHOUSE_PAGES = (
    ("tree", TREE), ("home", HOME), ("docs page", PLAIN),
    ("zh tree", ZH + TREE), ("zh home", ZH + HOME), ("zh docs page", ZH + PLAIN),
)
READY_MARK, BARE_MARK = "icp-tree-ready", "bare-ready"
# The shared result link: this scenario's answer code (tests/scenarios.py), opened as tree/?a=<code>.
SHARED_RESULT_SCENARIO = "first filing, individual in Shanghai"

CLICKS = 60  # answer clicks per run once Python drives the widget (questions and results)
CLICK_SEED = 20240601  # the walk's choices: the same in every run
CPU_SLOWDOWN = 4  # Emulation.setCPUThrottlingRate for the start-up trace (Lighthouse's mobile slowdown)
PY_TIMEOUT_MS = 180_000  # Python over the slowest profile takes about 80 s
PAGE_TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class Network:
    """A throttled link, applied by Chromium (CDP Network.emulateNetworkConditions) to the page and its workers."""

    key: str
    label: str
    down_kbps: int
    up_kbps: int
    rtt_ms: int

    def cdp(self) -> dict[str, Any]:
        return {
            "offline": False,
            "latency": self.rtt_ms,
            "downloadThroughput": self.down_kbps * 1000 // 8,
            "uploadThroughput": self.up_kbps * 1000 // 8,
        }


# A slow connection, as in the first benchmark (issue 5).
THROTTLED = Network("throttled", "1.6 Mbps / 150 ms", 1600, 750, 150)
# A reader in the mainland reaching a host overseas (issue 13).
MAINLAND = Network("mainland", "400 kbps / 300 ms", 400, 200, 300)
