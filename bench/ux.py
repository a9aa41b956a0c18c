"""Reading measures of the built site, for the usability work (issue "Questions people can answer"):
questions on the simplest path, a result's height on a phone, the regions pages' height, citations
per 1,000 words. Prints one line per measure; `make bench` runs the speed benchmark, this is its
companion for the reading experience.

    python bench/ux.py [--site DIR]      (default: build the site into a temporary directory)
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
import build_site  # noqa: E402
import serve  # noqa: E402

from decision_tree import load  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
PHONE: Any = {"width": 390, "height": 844}
DESKTOP: Any = {"width": 1280, "height": 900}


def simplest_path_questions() -> int:
    from tests.scenarios import FIRST_FILING

    return len(FIRST_FILING.state(load()).answered)


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+|[\u4e00-\u9fff]", text))


def citations_per_1000_words(page: Any, url: str) -> tuple[float, int, int, int]:
    """Citations in the running text (links to a source, or numbered markers), the words a reader
    reads past in them, and the page's words; the page's own list of sources is not running text."""
    page.goto(url)
    script = (
        "() => [...document.querySelectorAll(\"article a[href*='sources/#src-'], article sup.icp-ref\")]"
        ".filter(e => !e.closest('.icp-page-sources')).map(e => e.textContent)"
    )
    cited: list[str] = page.evaluate(script)
    listed = page.evaluate("() => document.querySelector('article .icp-page-sources')?.textContent || ''")
    words = _words(page.inner_text("article")) - _words(listed)
    cited_words = sum(_words(t) for t in cited)
    return 1000 * len(cited) / max(words, 1), len(cited), cited_words, words


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from tests.scenarios import FIRST_FILING

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build_site.build(site)
        server, base = serve.serve_in_thread(site)
        token = FIRST_FILING.state(load()).token
        print(f"questions on the simplest path (first filing, everything in order): {simplest_path_questions()}")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
            for name, viewport in (("phone 390 px", PHONE), ("desktop 1280 px", DESKTOP)):
                page = browser.new_page(viewport=viewport)
                page.goto(f"{base}tree/?a={token}")
                page.wait_for_selector("[data-icp-tree][data-booted=ready]", timeout=120_000)
                height = page.evaluate("() => document.querySelector('.icp-tree__view').getBoundingClientRect().height")
                top = page.evaluate("() => document.querySelector('#icp-current').getBoundingClientRect().top + scrollY")
                first_detail = page.evaluate(
                    "() => { const d = document.querySelector('.icp-tree__view details, .icp-tree__view h3');"
                    " return d ? d.getBoundingClientRect().top + scrollY : null; }"
                )
                print(f"result, {name}: view {height:.0f} px tall, {height / viewport['height']:.1f} screens; "
                      f"heading at {top:.0f} px; first detail or section at {first_detail} px")
                for path in ("regions/", "regions/zhejiang/"):
                    response = page.goto(base + path)
                    if response is None or response.status != 200:
                        continue
                    total = page.evaluate("() => document.documentElement.scrollHeight")
                    overflow = page.evaluate(
                        "() => [...document.querySelectorAll('article table')].filter(t => t.scrollWidth > "
                        "t.parentElement.clientWidth + 1).length"
                    )
                    print(f"/{path}, {name}: {total} px tall; tables wider than their box: {overflow}")
                page.close()
            page = browser.new_page(viewport=DESKTOP)
            for path in ("procedures/new-filing/", "faq/"):
                per, n, cited_words, words = citations_per_1000_words(page, base + path)
                print(f"/{path}: {n} citations in {words} words = {per:.1f} per 1,000 words; "
                      f"{cited_words} words of citation text ({1000 * cited_words / max(words, 1):.0f} per 1,000)")
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
