"""The built site's links for search engines and readers who land nowhere: canonical and hreflang
links, the sitemaps, and each edition's 404 page (decision_tree/pages/site.py, overrides/main.html,
overrides/404.html, scripts/build_site.py's ``alternates`` step).

Without SITE_URL: the session's build (tests/conftest.py). With it: the pages built again, with the
step after them, into a folder of this module's own.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from decision_tree import urls
from decision_tree.messages import messages
from decision_tree.pages import site

from .conftest import BuiltSite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_site  # noqa: E402
import dist  # noqa: E402
import serve  # noqa: E402

sys.path.pop(0)

pytestmark = pytest.mark.site  # and the browser's, for the test that asks for one

ADDRESS = "https://icp.example.org/guide/"
_LINK = re.compile(r"<link\b[^>]*>")
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
NS = {"s": site.SITEMAP_NS, "x": site.XHTML_NS}


def head_links(html: str) -> list[dict[str, str]]:
    head = html.split("</head>", 1)[0]
    return [dict(_ATTR.findall(tag)) for tag in _LINK.findall(head)]


def hreflang_links(html: str) -> list[tuple[str, str]]:
    links = head_links(html)
    return [(link["hreflang"], link["href"]) for link in links if link.get("rel") == "alternate" and "hreflang" in link]


def pages_of(root: Path) -> dict[str, Path]:
    """Every page of both editions by its address from the site's root ("zh/tree/"), the 404 pages aside."""
    return {
        file.relative_to(root).as_posix().removesuffix("index.html"): file
        for file in sorted(root.rglob("index.html"))
        if not file.relative_to(root).as_posix().startswith("assets/")
    }


def edition_path(address: str) -> tuple[str, str]:
    """("zh", "tree/") for "zh/tree/"; ("en", "tree/") for "tree/"."""
    for lang, folder in site.EDITION_FOLDERS.items():
        if folder and address.startswith(folder):
            return lang, address.removeprefix(folder)
    return site.X_DEFAULT, address


# --- without SITE_URL ---------------------------------------------------------------------------


def test_without_an_address_no_page_has_hreflang_or_canonical_links(built_site: BuiltSite) -> None:
    pages = pages_of(built_site.root)
    assert len(pages) > 100  # both editions
    for file in [*pages.values(), built_site.root / "404.html", built_site.root / "zh" / "404.html"]:
        links = head_links(file.read_text(encoding="utf-8"))
        assert [link for link in links if "hreflang" in link or link.get("rel") == "canonical"] == [], file
    # The header's language selector is still there, for readers (assets/lang.js points it at the same page).
    tree = (built_site.root / "zh" / "tree" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="[^"]*" hreflang="en" class="md-select__link">', tree)
    sitemap = ElementTree.parse(built_site.root / "sitemap.xml").getroot()
    assert sitemap.findall("s:url", NS) == []  # as before: no address to list


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_editions_404_page_is_in_its_language_and_leads_into_it(built_site: BuiltSite, lang: str) -> None:
    folder = site.EDITION_FOLDERS[lang]
    html = (built_site.root / folder / "404.html").read_text(encoding="utf-8")
    words = messages(lang)
    assert f'<html lang="{lang}"' in html
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    for key in ("not_found.title", "not_found.text", "not_found.home", "not_found.tree"):
        assert words(key) in article, key
    assert "Not found" not in article or lang == "en"
    # Served for any missing address, so its links are from the host's root, into this edition.
    assert f'<a href="/{folder}{urls.TREE_PAGE}">{words("not_found.tree")}</a>' in article
    links = [u for u in re.findall(r'(?:href|src)="(/[^/"][^"]*)"', html) if not u.startswith("/assets/")]
    assert links and all(u.startswith("/" + folder) for u in links), links
    assert f'"base": "/{folder}"' in html


# --- with SITE_URL ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def addressed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Both editions' pages built for a site published at ADDRESS, with the step that follows them."""
    out = tmp_path_factory.mktemp("addressed") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(site.ENV, ADDRESS.rstrip("/"))  # as a person would type it
        build_site.build(out, steps=("pages", "alternates"))
    yield out


def test_every_page_names_itself_and_the_same_page_in_each_edition(addressed: Path) -> None:
    pages = pages_of(addressed)
    assert len(pages) > 100
    for address, file in pages.items():
        html = file.read_text(encoding="utf-8")
        canonical = [link["href"] for link in head_links(html) if link.get("rel") == "canonical"]
        assert canonical == [ADDRESS + address], address
        _, path = edition_path(address)
        assert hreflang_links(html) == [
            ("en", ADDRESS + path), ("zh", ADDRESS + "zh/" + path), ("x-default", ADDRESS + path)], address
        assert (addressed / "zh" / path / "index.html").is_file() and (addressed / path / "index.html").is_file()


def test_the_404_pages_name_no_page(addressed: Path) -> None:
    for folder in site.EDITION_FOLDERS.values():
        html = (addressed / folder / "404.html").read_text(encoding="utf-8")
        assert [link for link in head_links(html) if "hreflang" in link or link.get("rel") == "canonical"] == []
        # MkDocs writes them from the address's path: under /guide/ here, the Chinese one under /guide/zh/.
        assert f'<a href="/guide/{folder}{urls.TREE_PAGE}">' in html


def test_the_sitemap_lists_every_page_of_both_editions_with_its_alternates(addressed: Path) -> None:
    pages = pages_of(addressed)
    listed = ElementTree.parse(addressed / "sitemap.xml").getroot().findall("s:url", NS)
    assert sorted(u.findtext("s:loc", namespaces=NS) or "" for u in listed) == sorted(ADDRESS + a for a in pages)
    for url in listed:
        _, path = edition_path((url.findtext("s:loc", namespaces=NS) or "").removeprefix(ADDRESS))
        alternates = [(a.get("rel"), a.get("hreflang"), a.get("href")) for a in url.findall("x:link", NS)]
        assert alternates == [("alternate", "en", ADDRESS + path), ("alternate", "zh", ADDRESS + "zh/" + path),
                              ("alternate", "x-default", ADDRESS + path)]
    # The Chinese edition's own sitemap: its pages only (a sitemap lists what is under its folder).
    chinese = ElementTree.parse(addressed / "zh" / "sitemap.xml").getroot().findall("s:url", NS)
    assert sorted(u.findtext("s:loc", namespaces=NS) or "" for u in chinese) == sorted(
        ADDRESS + a for a in pages if a.startswith("zh/"))
    assert build_site.gzip.decompress((addressed / "sitemap.xml.gz").read_bytes()) == (addressed / "sitemap.xml").read_bytes()


def test_a_bad_address_stops_the_build_before_it_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(site.ENV, "icp.example.org")
    with pytest.raises(build_site.BuildError, match=r"SITE_URL is 'icp\.example\.org': write the address"):
        build_site.build(tmp_path / "site")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("address", ["procedures/new-filing/", "zh/faq/", "changes/"])
def test_the_theme_asks_for_no_sitemap_beside_the_pages_own_links(addressed: Path, cold_page: Any, address: str) -> None:
    """The theme asks for the sitemap.xml beside each hreflang link, taking it for an edition's home:
    beside this page's own links there is none, and assets/lang.js keeps them from its sight while
    it looks. The links are in place once the page is ready, the language switch keeps the page."""
    page = cold_page
    failed: list[str] = []
    page.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    server, url = serve.serve_in_thread(addressed)
    try:
        page.goto(url + address)
        page.wait_for_load_state("networkidle")
        links = page.eval_on_selector_all('link[rel="alternate"][hreflang]', "els => els.map(e => e.hreflang)")
        feeds = page.eval_on_selector_all('link[rel="alternate"][type="application/atom+xml"]', "els => els.length")
        edition = "zh/" if address.startswith("zh/") else ""
        switch = page.eval_on_selector("a[data-icp-edition]", "a => a.href")
    finally:
        server.shutdown()
        server.server_close()
    sitemaps = [u for u in page.requests.urls if u.endswith("sitemap.xml")]
    assert set(sitemaps) <= {url + "sitemap.xml", url + "zh/sitemap.xml"}, sitemaps  # an edition's, if any
    assert [u for u in page.requests.urls if "icp.example.org" in u] == []  # the links' host: never asked
    assert failed == [] and page.console_errors == []
    assert links == ["en", "zh", "x-default"]
    assert feeds == (1 if address.endswith(urls.CHANGES_PAGE) else 0)  # the feed's link, back in place too
    other = "" if edition else "zh/"
    assert switch == url + other + address.removeprefix(edition)


def test_an_address_with_a_path_changes_only_the_404_pages_inline_scripts(addressed: Path) -> None:
    """deploy/nginx.conf's script hashes are for a site at a host's root: under a path, the 404
    pages' scope scripts change, and `make dist` names them with the list to paste (docs/hosting.md)."""
    problems = dist.check_csp(addressed)
    assert [p.split(" is not allowed")[0] for p in problems if "is not allowed" in p] == [
        "inline script in 404.html", "inline script in zh/404.html"]
