"""Reading measures of the built site (`make bench-ux`): questions on the simplest path, where a
result's list of filings and next step end on a phone's first screen, a result's height, the regions
pages' height, citations per 1,000 words, and the reading budget of every result (bench/budget.py).
Prints one line per measure and writes them, with the budget's tables, to bench/results/ux.md;
`make bench` runs the speed benchmark, this is its companion for the reading experience.

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
import budget  # noqa: E402
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
        lines: list[str] = []

        def say(line: str) -> None:
            print(line)
            lines.append(f"- {line}")

        say(f"questions on the simplest path (first filing, everything in order): {simplest_path_questions()}")
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
                say(f"result, {name}: view {height:.0f} px tall, {height / viewport['height']:.1f} screens; "
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
                    say(f"/{path}, {name}: {total} px tall; tables wider than their box: {overflow}")
                page.close()
            for lang, prefix in (("en", ""), ("zh", "zh/")):
                for label, code in first_screen_cases(lang):
                    page = browser.new_page(viewport=PHONE)
                    page.goto(f"{base}{prefix}tree/?a={code}")
                    page.wait_for_selector("[data-icp-tree] .icp-next-step", timeout=120_000)
                    ends = page.evaluate(FIRST_SCREEN)
                    fits = "yes" if max(ends.values()) <= PHONE["height"] else "**no**"
                    where = ", ".join(f"{k} ends at {v:.0f} px" for k, v in ends.items())
                    say(f"first phone screen ({PHONE['height']} px), {lang}, {label} (`{code}`): {where}: fits {fits}")
                    page.close()
            page = browser.new_page(viewport=DESKTOP)
            for path in ("procedures/new-filing/", "faq/"):
                per, n, cited_words, words = citations_per_1000_words(page, base + path)
                say(f"/{path}: {n} citations in {words} words = {per:.1f} per 1,000 words; "
                    f"{cited_words} words of citation text ({1000 * cited_words / max(words, 1):.0f} per 1,000)")
            browser.close()
        server.shutdown()
    report = budget.report()
    print("\n".join(report))
    out = ROOT / "bench" / "results" / "ux.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("# Reading measures (bench/ux.py)\n\n" + "\n".join(lines) + "\n\n" + "\n".join(report) + "\n",
                   encoding="utf-8")
    print(f"wrote {out}")
    return 0


# Where the parts a reader needs first end, measured from the top of the page: the list of filings (when the
# result has one) and the next step.
FIRST_SCREEN = """() => {
  const out = {};
  for (const [name, selector] of [["filings", ".icp-tree__view .icp-filings"], ["next step", ".icp-tree__view .icp-next-step"]]) {
    const element = document.querySelector(selector);
    if (element) out[name] = element.getBoundingClientRect().bottom + scrollY;
  }
  return out;
}"""


def first_screen_cases(lang: str) -> list[tuple[str, str]]:
    """The simplest case and an app's first filing (two filings listed), by their answer codes."""
    from decision_tree.engine import State

    content = load(lang)
    cases = []
    for label, extra in (("simplest case", {}), ("an app", {"what_online": "app"})):
        answers = {**budget.SIMPLEST, "site_type": "none", **extra}
        state = State.start(content)
        while (question := state.question) is not None:
            state = state.answer(answers[question.id])
        cases.append((label, state.token))
    return cases


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
