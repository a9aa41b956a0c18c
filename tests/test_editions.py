"""The two editions of the site: the English one at the root, the Chinese one under zh/.

Both are the session's build of the site (tests/conftest.py: ``built_site``). Every page
exists in both, at the same path and with the same anchors, says its language in ``<html lang>``,
links to itself in the other edition, and the Chinese pages read as Chinese.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from decision_tree import glossary
from decision_tree.messages import messages
from decision_tree.pages import editions, tree_page

from .conftest import BuiltSite
from .test_site import Node, Site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_site  # noqa: E402

sys.path.pop(0)

CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
PINYIN = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")  # the glossary's pinyin column is not English
BASE = "http://site.test/"


@pytest.fixture(scope="session")
def both(built_site: BuiltSite) -> tuple[Site, Site]:
    seconds = built_site.seconds["pages"]
    return Site(built_site.root, built_site.said, seconds), Site(built_site.root / "zh", built_site.said, seconds)


def pages(site: Site) -> dict[str, Path]:
    """The edition's pages by URL (``procedures/new-filing/``), without the other edition's."""
    out = {}
    for file in site.html_files():
        rel = file.relative_to(site.root).as_posix()
        if rel.startswith("zh/") or rel == "404.html" or not rel.endswith("index.html"):
            continue
        out[rel.removesuffix("index.html")] = file
    return out


def article(site: Site, file: Path) -> Node:
    found = site.dom(file).find_all("article")
    assert found, file
    return found[0]


# --- the same pages ------------------------------------------------------------------------------


def test_the_repository_has_every_page_in_both_editions() -> None:
    assert editions.problems(ROOT) == []


def test_a_page_missing_from_one_edition_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in ("docs/index.md", "docs/procedures/new-filing.md", "docs-zh/index.md", "docs-zh/extra.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("# x\n", encoding="utf-8")
    (tmp_path / "docs" / "assets").mkdir()
    (tmp_path / "docs" / "assets" / "extra.css").write_text("", encoding="utf-8")
    (tmp_path / "docs" / "assets" / "a11y.js").write_text("", encoding="utf-8")
    (tmp_path / "docs-zh" / "assets").mkdir()
    (tmp_path / "docs-zh" / "assets" / "extra.css").symlink_to("../../docs/assets/extra.css")
    assert editions.problems(tmp_path) == [
        "docs-zh/procedures/new-filing.md is missing: docs/procedures/new-filing.md has no zh edition",
        "docs/extra.md is missing: docs-zh/extra.md has no en edition",
        "docs-zh/assets/a11y.js is missing: link it to ../../docs/assets/a11y.js",
    ]
    monkeypatch.setattr(build_site, "ROOT", tmp_path)
    with pytest.raises(build_site.BuildError, match=r"docs-zh/procedures/new-filing\.md is missing"):
        build_site.build_pages(tmp_path / "site")
    assert not (tmp_path / "site").exists()  # stopped before building anything


def test_the_navigations_differ_only_in_their_titles(tmp_path: Path) -> None:
    english = "nav:\n  - Home: index.md\n  - Procedures:\n      - New filing: procedures/new-filing.md\n  - FAQ: faq.md\n"
    (tmp_path / "mkdocs.yml").write_text(english, encoding="utf-8")
    (tmp_path / "mkdocs.zh.yml").write_text(
        "nav:\n  - 首页: index.md\n  - 备案类型:\n      - 首次备案: procedures/new-filing.md\n  - 常见问题: faq.md\n",
        encoding="utf-8",
    )
    assert editions.navigation_problems(tmp_path) == []
    # Moved out of its section, and FAQ before it: the outline's diff says so.
    (tmp_path / "mkdocs.zh.yml").write_text(
        "nav:\n  - 首页: index.md\n  - 常见问题: faq.md\n  - 首次备案: procedures/new-filing.md\n", encoding="utf-8"
    )
    [problem] = editions.navigation_problems(tmp_path)
    assert problem.startswith("mkdocs.zh.yml's nav is not mkdocs.yml's")
    diff = ["     index.md", "    -(section)", "    -  procedures/new-filing.md", "     faq.md", "    +procedures/new-filing.md"]
    assert problem.endswith("\n" + "\n".join(diff))
    (tmp_path / "mkdocs.zh.yml").unlink()
    assert editions.navigation_problems(tmp_path) == ["mkdocs.zh.yml is missing: each edition has its configuration"]


def test_both_editions_have_the_same_pages(both: tuple[Site, Site]) -> None:
    en, zh = both
    assert set(pages(en)) == set(pages(zh))
    assert len(pages(en)) == len(list((ROOT / "docs").rglob("*.md")))


def test_each_page_says_its_language(both: tuple[Site, Site]) -> None:
    for site, lang in zip(both, ("en", "zh"), strict=True):
        for url, file in pages(site).items():
            html = site.dom(file).find_all("html")[0]
            assert html.attrs.get("lang") == lang, (lang, url)


def test_each_page_links_to_itself_in_the_other_edition(both: tuple[Site, Site]) -> None:
    for site, prefix, other in ((both[0], "", "zh/"), (both[1], "zh/", "")):
        for url, file in pages(site).items():
            links = [a for a in site.dom(file).find_all("a") if "data-icp-edition" in a.attrs]
            assert len(links) == 1, (prefix, url)
            target = urljoin(BASE + prefix + url, links[0].attrs["href"])
            assert target == BASE + other + url, (prefix + url, links[0].attrs["href"])
            # Material's selector in the header names both editions, in their own languages.
            names = [a.text().strip() for a in site.dom(file).find_all("a", "md-select__link")]
            assert names == ["English", "中文"], url


def _ids(site: Site, file: Path) -> set[str]:
    return {n.attrs["id"] for n in article(site, file).iter() if n.attrs.get("id")}


def test_every_anchor_is_on_the_page_in_both_editions(both: tuple[Site, Site]) -> None:
    """The switch keeps the reader's place: an anchor of one edition is an anchor of the other."""
    en, zh = both
    differ = {}
    for url, file in pages(en).items():
        a, b = _ids(en, file), _ids(zh, pages(zh)[url])
        if a != b:
            differ[url] = {"only in English": sorted(a - b), "only in Chinese": sorted(b - a)}
    assert differ == {}


# --- the Chinese edition reads as Chinese ----------------------------------------------------------

# Where English stays in a Chinese page, on purpose: code, the benchmark's own table (written by
# `make bench` in English, as the page says), names of sources in their language.
KEPT = ("pre", "code", "script", "style", "svg")


def _texts(node: Node, out: list[tuple[str, str]]) -> None:
    if node.tag in KEPT or "data-bench" in node.attrs:
        return
    if node.tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "dt", "dd", "summary", "figcaption"):
        out.append((node.tag, node.text()))
    for child in node.children:
        if isinstance(child, Node):
            _texts(child, out)


def _bench_block(file: Path) -> str:
    text = file.read_text(encoding="utf-8")
    return text.split("<!-- bench:start -->")[1].split("<!-- bench:end -->")[0] if "<!-- bench:start -->" in text else ""


def test_no_chinese_page_has_a_sentence_left_in_english(both: tuple[Site, Site]) -> None:
    _, zh = both
    english = []
    for url, file in pages(zh).items():
        bench = _bench_block(ROOT / "docs-zh" / "performance.md") if url == "performance/" else ""
        found: list[tuple[str, str]] = []
        _texts(article(zh, file), found)
        for tag, text in found:
            words = LATIN_WORD.findall(text)
            if PINYIN.search(text) or (bench and text.strip()[:40] in bench):
                continue
            if len(words) >= 6 and not CJK.search(text):
                english.append((url, tag, text.strip()[:100]))
    assert english == []


def test_the_chinese_navigation_and_chrome_are_chinese(both: tuple[Site, Site]) -> None:
    _, zh = both
    home = zh.dom(pages(zh)[""])
    titles = [a.text().strip() for a in home.find_all("a", "md-nav__link")]
    assert titles and all(CJK.search(t) for t in titles if t), titles
    disclaimer = home.find_all("div", "icp-disclaimer")[0].text()
    assert messages("zh")("disclaimer.short") in disclaimer


def test_the_chinese_glossary_defines_each_term_in_chinese(both: tuple[Site, Site]) -> None:
    _, zh = both
    text = article(zh, pages(zh)["glossary/"]).text()
    for group in glossary.load().groups:
        for term in group.terms:
            assert term.definition_zh in text, term.zh
            assert term.definition not in text, term.zh


def test_the_chinese_tree_runs_on_the_files_both_editions_share(both: tuple[Site, Site]) -> None:
    _, zh = both
    widget = next(n for n in zh.dom(pages(zh)["tree/"]).iter() if "data-icp-tree" in n.attrs)
    assert widget.attrs["data-lang"] == "zh"
    here = BASE + "zh/tree/"
    assert urljoin(here, widget.attrs["data-pyodide"]) == BASE + tree_page.runtime_dir()
    assert urljoin(here, widget.attrs["data-bundle"]) == BASE + tree_page.bundle_dir()
    boot = next(n for n in zh.dom(pages(zh)["tree/"]).iter() if n.tag == "script" and n.attrs.get("src", "").endswith("boot.js"))
    assert urljoin(here, boot.attrs["src"]) == BASE + tree_page.BOOT_SCRIPT


def test_each_edition_has_its_own_search_index(both: tuple[Site, Site]) -> None:
    for site, langs in zip(both, (["en", "zh"], ["zh", "en"]), strict=True):
        index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == langs
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert set(pages(site)) <= locations | {""}
    zh_index = json.loads((both[1].root / "search" / "search_index.json").read_text(encoding="utf-8"))
    access = next(d for d in zh_index["docs"] if d["location"] == "procedures/access-filing/")
    assert "\u200b" in access["text"] and "接入备案" in access["title"].replace("\u200b", "")  # jieba segmented it



def test_every_page_uses_the_glossarys_terms() -> None:
    """The pages' Chinese, in both editions, uses no variant the glossary rules out (接入登记 for 接入备案)."""
    terms = glossary.load()
    problems = []
    for folder in ("docs", "docs-zh"):
        for page in sorted(editions.pages(ROOT / folder)):
            lines = (ROOT / folder / page).read_text(encoding="utf-8").splitlines()
            problems += glossary.term_problems(terms, f"{folder}/{page}", {f"line {n}": line for n, line in enumerate(lines, 1)})
    assert problems == []


def test_the_page_check_finds_an_avoided_variant() -> None:
    found = glossary.term_problems(glossary.load(), "docs-zh/x.md", {"line 3": "在新接入商处办理接入登记。"})
    assert found == ["docs-zh/x.md: 'line 3' says '接入登记': write '接入备案' (glossary.toml)"]


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def _chinese_prose(markdown: str) -> dict[str, str]:
    """A Chinese page's prose by line: no fenced or inline code, link targets, comments, or the
    Markdown of a definition list (``:   ``), whose half-width marks are syntax, not writing."""
    lines, fence = {}, ""
    for n, line in enumerate(markdown.splitlines(), start=1):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        line = re.sub(r"`[^`]*`|<!--.*?-->|^\s*:\s+", "", line)
        lines[f"line {n}"] = re.sub(r"\]\([^)]*\)", "]", line)
    return lines


def test_every_chinese_page_writes_full_width_punctuation() -> None:
    """Beside Chinese, a page writes ，；：！？（）, never , ; : ! ? ( ) (code and addresses aside)."""
    problems = []
    for page in sorted(editions.pages(ROOT / "docs-zh")):
        text = (ROOT / "docs-zh" / page).read_text(encoding="utf-8")
        problems += glossary.punctuation_problems(f"docs-zh/{page}", _chinese_prose(text), chinese=True)
    assert problems == []


def test_the_punctuation_check_finds_half_width_marks_beside_chinese() -> None:
    page = "```\nprint(1, 2)\n```\n在这里, 还有 `a(b)`。见[这页](faq.md#why)。\n:   定义\n提交 (submit) 后"
    found = glossary.punctuation_problems("docs-zh/x.md", _chinese_prose(page), chinese=True)
    assert found == [
        "docs-zh/x.md: 'line 4' has half-width punctuation beside Chinese: write ， (在这里, 还有)",
        "docs-zh/x.md: 'line 6' has half-width punctuation beside Chinese: write （） (提交 (subm | bmit) 后)",
    ]


def _prose(markdown: str) -> str:
    """A page's text without link targets (kept as they are, not translated) and the benchmark's table."""
    if "<!-- bench:start -->" in markdown:
        head, _, rest = markdown.partition("<!-- bench:start -->")
        markdown = head + rest.partition("<!-- bench:end -->")[2]
    return re.sub(r"\]\([^)]*\)", "]()", markdown)


def test_every_number_and_date_of_a_page_is_in_its_chinese_edition() -> None:
    from .test_localize import numbers

    missing = {}
    for page in sorted(editions.pages(ROOT / "docs")):
        en = numbers(_prose((ROOT / "docs" / page).read_text(encoding="utf-8")), "en")
        zh = numbers(_prose((ROOT / "docs-zh" / page).read_text(encoding="utf-8")), "zh")
        if en - zh:
            missing[page] = sorted(en - zh)
    assert missing == {}
