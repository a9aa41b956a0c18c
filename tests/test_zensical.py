"""The site built with Zensical, Material for MkDocs' successor, which reads the same mkdocs.yml.

Material reaches its end of life on 2027-05-05. This builds the guide with the Zensical that the
test extra pins (pyproject.toml; `make test` installs it with the other tools) and checks the pages
our fences and theme additions make: the regional table, the walkthrough, the tree's widget (which
boots and answers in Chromium), every relative link, and what overrides/main.html adds (the
footer, the "last reviewed" line). Our fences run inside Zensical's process, from this checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from decision_tree import State, load, urls
from decision_tree.messages import messages
from decision_tree.pages.reviewed import review_dates

from .conftest import build_site
from .test_browser import PY_TIMEOUT, READY, click_choice, current_id, serve

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.site


def zensical() -> tuple[str, str]:
    """The pinned Zensical's command and version, from the environment running the tests."""
    command = Path(sys.executable).with_name("zensical")
    if not command.is_file():
        pytest.fail(f"Zensical is not installed beside {sys.executable}: install the test extra (make test does)")
    return str(command), metadata.version("zensical")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    command, version = zensical()
    # Zensical wants docs_dir and site_dir inside the folder of its config file and keeps a cache
    # there (.cache/): a copy of the project's pages keeps both out of the checkout.
    project = tmp_path_factory.mktemp("zensical") / "project"
    project.mkdir()
    for name in ("docs", "docs-zh", "overrides"):
        shutil.copytree(ROOT / name, project / name, symlinks=True)
    for name in ("mkdocs.base.yml", "mkdocs.yml", "mkdocs.zh.yml"):
        shutil.copy2(ROOT / name, project / name)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # the fences, from this checkout
    # Both editions, English first (its build empties site/, where zh/ goes), from the configurations as they are.
    for args in (["build", "--clean"], ["build", "-f", "mkdocs.zh.yml"]):
        built = subprocess.run(
            [command, *args],
            cwd=project, capture_output=True, text=True, check=False, env=env, timeout=600,
        )
        said = f"{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
        assert built.returncode == 0, f"zensical {version} {' '.join(args)} failed:\n{said}"
    # What the pages link to that the build writes beside them (scripts/build_site.py): the feeds, data/.
    build_site.build(project / "site", steps=("feed", "data"))
    return project / "site"


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_the_regional_table_lists_every_province(zensical_site: Path) -> None:
    html = html_of(zensical_site, urls.REGIONS_PAGE)
    table = re.search(r'<table class="icp-region-index[^"]*">(.*?)</table>', html, re.S)
    assert table, "the regional table is missing"
    for province in load().provinces.values():
        assert province.name_en in table.group(1), province.id
    assert (zensical_site / urls.province_page(next(iter(load().provinces))) / "index.html").is_file()


def test_a_province_page_lists_its_sections_in_the_table_of_contents(zensical_site: Path) -> None:
    """The headings the icp-province fence writes reach Zensical's table of contents too (pages/fence_toc.py)."""
    province = max(load().provinces.values(), key=lambda p: len({c.topic for c in p.caveats}))
    html = html_of(zensical_site, urls.province_page(province.id))
    sections = re.findall(r'<h2 id="(topic-[^"]+)"', html)
    toc = re.search(r'<nav class="md-nav md-nav--secondary"(.*?)</nav>', html, re.S)
    assert sections and toc, province.id
    assert [h for h in re.findall(r'href="#(topic-[^"]+)"', toc.group(1)) if h in sections] == sections


def test_the_walkthrough_has_every_question_and_result(zensical_site: Path) -> None:
    html = html_of(zensical_site, urls.WALKTHROUGH_PAGE)
    content = load()
    missing = [q for q in content.questions if f'id="{urls.question_anchor(q)}"' not in html]
    missing += [o for o in content.outcomes if f'id="{urls.outcome_anchor(o)}"' not in html]
    assert missing == []


def test_the_tree_page_carries_the_widget(zensical_site: Path) -> None:
    html = html_of(zensical_site, urls.TREE_PAGE)
    first = State.start(load()).question
    assert first is not None
    assert html.count("data-icp-tree") == 1
    assert f'data-question="{first.id}"' in html
    for marker in ('class="icp-tree__templates"', 'class="icp-tree__routes"', "data-pyodide=", "data-bundle=", "boot.js"):
        assert marker in html, marker


def test_every_page_has_the_footer_disclaimer(zensical_site: Path) -> None:
    pages = sorted(zensical_site.rglob("index.html"))
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        texts = messages("zh" if path.relative_to(zensical_site).parts[0] == "zh" else "en")  # each edition's words
        assert "icp-disclaimer" in html and texts("disclaimer.read_more") in html, path
        assert f'#{urls.DISCLAIMER_ANCHOR}"' in html, path


def _local_links(html: str) -> list[str]:
    """The relative hrefs and srcs of a page, leaving out the JSON data blocks (their links are
    relative to the page by design: boot.js reads them, no HTML reader does)."""
    html = re.sub(r'<script type="application/json".*?</script>', "", html, flags=re.S)
    return [
        u for u in re.findall(r'(?:href|src)="([^"]*)"', html)
        if u and not u.startswith(("#", "?", "/", "http:", "https:", "mailto:", "data:"))
    ]


def test_every_relative_link_leads_to_a_file(zensical_site: Path) -> None:
    """Zensical rewrites the relative addresses in the fences' HTML (fences.link_base): after it,
    each must still lead to a file of the site."""
    broken = []
    for path in sorted(zensical_site.rglob("*.html")):
        for href in _local_links(path.read_text(encoding="utf-8")):
            target = path.parent / unquote(urlsplit(href).path)
            if href.split("#")[0].split("?")[0].endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(zensical_site)}: {href}")
    assert broken == []


@pytest.mark.usefixtures("built_site")  # the session's build made the bundle: the steps below take it from the cache
def test_the_tree_boots_and_answers_on_the_zensical_site(zensical_site: Path, page: Any) -> None:
    # The runtime, the bundle and the results, as scripts/build_site.py adds them beside MkDocs' pages.
    build_site.build(zensical_site, steps=("runtime", "bundle", "results"))
    server, url = serve.serve_in_thread(zensical_site)
    try:
        page.goto(url + urls.TREE_PAGE)
        page.wait_for_selector(READY, timeout=PY_TIMEOUT)
        first = State.start(load()).question
        assert first is not None
        click_choice(page, first.choices[0].id)
        assert current_id(page) == State.start(load()).answer(first.choices[0].id).current.id
        assert page.console_errors == []
    finally:
        server.shutdown()


def test_every_page_says_when_it_was_last_reviewed(zensical_site: Path) -> None:
    reviewed = review_dates()
    for url in ("", urls.TREE_PAGE, urls.province_page(next(iter(load().provinces)))):
        html = html_of(zensical_site, url)
        assert 'class="icp-reviewed"' in html, url
        if reviewed["state"] == "dated":
            day = reviewed["dates"][url]
            assert f'<time datetime="{day}">{day}</time>' in html, url


@pytest.fixture(scope="module")
def zensical_zh_site(zensical_site: Path) -> Path:
    """The Chinese edition, which Zensical built from mkdocs.zh.yml as it is (INHERIT, the edition extension)."""
    return zensical_site / "zh"


def test_the_chinese_edition_builds_with_zensical_too(zensical_zh_site: Path) -> None:
    from decision_tree.markup import escape

    zh = load("zh")
    home = html_of(zensical_zh_site, "")
    assert '<html lang="zh"' in home
    tree = html_of(zensical_zh_site, urls.TREE_PAGE)
    first = State.start(zh).question
    assert first is not None and first.text in tree and 'data-lang="zh"' in tree
    switch = re.search(r'<a href="([^"]*)" hreflang="en"[^>]*data-icp-edition', tree)
    assert switch and urljoin("http://site.test/zh/tree/", switch.group(1)) == "http://site.test/tree/"  # the same page
    beijing = html_of(zensical_zh_site, urls.province_page("beijing"))
    assert all(escape(c.text) in beijing for c in zh.provinces["beijing"].caveats)


def test_the_builds_alternates_step_serves_zensicals_pages_too(zensical_site: Path) -> None:
    """Without SITE_URL: the theme's hreflang links (to the other edition's home page) go, and the
    Chinese 404 page, in Chinese, leads into the Chinese edition (scripts/build_site.py, decision_tree/pages/site.py)."""
    build_site.build(zensical_site, steps=("alternates",))
    zh = zensical_site / "zh"
    for path in (zensical_site / urls.TREE_PAGE / "index.html", zh / "index.html", zh / "404.html"):
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        assert "hreflang" not in head, path
    missing = (zensical_site / "zh" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in missing and messages("zh")("not_found.title") in missing
    assert f'href="/zh/{urls.TREE_PAGE}"' in missing and 'href="/tree/"' not in missing


def test_zensical_names_the_sites_address_when_given_one(tmp_path: Path) -> None:
    """With SITE_URL, Zensical reads the same configuration: the canonical link and overrides/main.html's hreflang links."""
    command, version = zensical()
    project = tmp_path / "project"
    for name in ("docs", "docs-zh", "overrides"):
        shutil.copytree(ROOT / name, project / name, symlinks=True)
    for name in ("mkdocs.base.yml", "mkdocs.yml", "mkdocs.zh.yml"):
        shutil.copy2(ROOT / name, project / name)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SITE_URL": "https://icp.example.org"}
    built = subprocess.run([command, "build", "--clean", "-f", "mkdocs.zh.yml"], cwd=project, capture_output=True,
                           text=True, check=False, env=env, timeout=600)
    assert built.returncode == 0, f"zensical {version}:\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    head = (project / "site" / "zh" / urls.TREE_PAGE / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    assert '<link rel="canonical" href="https://icp.example.org/zh/tree/">' in head
    page = f"https://icp.example.org/{urls.TREE_PAGE}"
    for lang, href in (("en", page), ("zh", f"https://icp.example.org/zh/{urls.TREE_PAGE}"), ("x-default", page)):
        assert f'<link rel="alternate" hreflang="{lang}" href="{href}">' in head, lang


def test_the_changes_page_announces_its_feed_and_the_data_page_links_the_export(zensical_site: Path) -> None:
    """overrides/main.html's extrahead block and the icp-changes and icp-data fences, under Zensical:
    their hrefs reach the feed beside the page and data/ at the site's root (pages/feed.py, data_export.py)."""
    for prefix, lang in (("", "en"), ("zh/", "zh")):
        page = f"{prefix}{urls.CHANGES_PAGE}"
        html = html_of(zensical_site, page)
        head = html.split("</head>", 1)[0]
        found = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)"', head)
        assert [(title, urljoin(f"/{page}", href)) for title, href in found] == [
            (messages(lang)("changes.feed_title"), f"/{page}feed.xml")
        ]
        body = re.search(r'<p class="icp-changes-feed">.*?href="([^"]+)"', html, re.S)
        assert body and urljoin(f"/{page}", body.group(1)) == f"/{page}feed.xml"
        data_page = f"{prefix}data/"
        hrefs = re.findall(r'<table class="icp-data-files">.*?</table>', html_of(zensical_site, data_page), re.S)
        assert hrefs
        targets = {urljoin(f"/{data_page}", h) for h in re.findall(r'href="([^"]+)"', hrefs[0])}
        assert "/data/index.json" in targets and "/data/schemas/regions.schema.json" in targets
