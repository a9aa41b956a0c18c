"""decision_tree/pages/site.py: the site's address (SITE_URL) and what the build writes with it.

The pure functions here; the built pages with and without SITE_URL in tests/test_site_links.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from decision_tree.pages import site

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://icp.example.org", "https://icp.example.org/"),
        ("https://icp.example.org/", "https://icp.example.org/"),
        ("  http://127.0.0.1:8000/guide  ", "http://127.0.0.1:8000/guide/"),
        ("", None),
        ("   ", None),
    ],
)
def test_the_address_ends_in_a_slash_and_may_be_unset(given: str, expected: str | None) -> None:
    assert site.site_url({site.ENV: given}) == expected
    assert site.site_url({}) is None


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("icp.example.org", "with http:// or https://"),
        ("/guide/", "with http:// or https://"),
        ("ftp://icp.example.org/", "with http:// or https://"),
        ("https:///guide/", "with http:// or https://"),
        ("https://icp.example.org/?lang=en", "no query"),
        ("https://icp.example.org/#top", "no fragment"),
    ],
)
def test_a_bad_address_is_named_with_what_to_write(given: str, says: str) -> None:
    with pytest.raises(site.SiteUrlError, match="SITE_URL is") as error:
        site.site_url({site.ENV: given})
    assert says in str(error.value) and repr(given) in str(error.value)


def test_each_edition_is_in_its_folder() -> None:
    assert site.edition_urls("https://icp.example.org/guide/") == {
        "en": "https://icp.example.org/guide/", "zh": "https://icp.example.org/guide/zh/"}
    assert site.edition_urls(None) is None


def _config_values(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "from decision_tree.pages import site; print(site.SITE_URL_EN, site.SITE_URL_ZH, site.EDITION_URLS)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def test_the_configurations_read_it_from_the_environment() -> None:
    """What mkdocs.yml and mkdocs.zh.yml read (site_url: !!python/name:…), in a process of its own."""
    env = {k: v for k, v in os.environ.items() if k != site.ENV}
    assert _config_values(env).stdout.split() == ["None", "None", "None"]
    found = _config_values({**env, site.ENV: "https://icp.example.org"})
    assert found.stdout.startswith("https://icp.example.org/ https://icp.example.org/zh/ {'en': ")
    bad = _config_values({**env, site.ENV: "icp.example.org"})
    assert bad.returncode != 0 and "SiteUrlError: SITE_URL is 'icp.example.org'" in bad.stderr


def test_the_themes_alternates_go_and_the_templates_stay() -> None:
    html = (
        '<head>\n      <link rel="canonical" href="https://icp.example.org/tree/">\n'
        '      <link rel="alternate" href="../" hreflang="en">\n'
        '      <link rel="alternate" href="../zh/" hreflang="zh">\n'
        '      <link rel="icon" href="../assets/images/favicon.png">\n'
        '    <link rel="alternate" hreflang="en" href="https://icp.example.org/tree/">\n</head>\n'
        '<a href="../zh/" hreflang="zh" class="md-select__link">中文</a>'
    )
    assert site.strip_theme_alternates(html) == (
        '<head>\n      <link rel="canonical" href="https://icp.example.org/tree/">\n'
        '      <link rel="icon" href="../assets/images/favicon.png">\n'
        '    <link rel="alternate" hreflang="en" href="https://icp.example.org/tree/">\n</head>\n'
        '<a href="../zh/" hreflang="zh" class="md-select__link">中文</a>'
    )


def test_a_404_page_written_for_the_root_moves_into_its_folder() -> None:
    html = (
        '<link rel="stylesheet" href="/assets/extra.css"><a href="/tree/">x</a><a href="/./">home</a>'
        '<a href="https://example.org/">out</a><img src="//cdn.example.org/x.png">'
        '<script>__md_scope=new URL("/",location),__md_hash=1</script>'
        '<script id="__config" type="application/json">{"base": "/", "search": "/assets/s.js"}</script>'
    )
    moved = site.rebase_root_links(html, "/zh/")
    assert moved == (
        '<link rel="stylesheet" href="/zh/assets/extra.css"><a href="/zh/tree/">x</a><a href="/zh/./">home</a>'
        '<a href="https://example.org/">out</a><img src="//cdn.example.org/x.png">'
        '<script>__md_scope=new URL("/zh/",location),__md_hash=1</script>'
        '<script id="__config" type="application/json">{"base": "/zh/", "search": "/assets/s.js"}</script>'
    )
    assert site.rebase_root_links(moved, "/zh/") == moved  # once only: the build may run its steps again
    with pytest.raises(ValueError, match="a folder from the root"):
        site.rebase_root_links(html, "zh/")


MKDOCS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>{root}</loc>
         <lastmod>2026-12-01</lastmod>
    </url>
    <url>
         <loc>{root}tree/</loc>
    </url>{extra}
</urlset>"""

NS = {"s": site.SITEMAP_NS, "x": site.XHTML_NS}


def test_the_sitemaps_list_each_page_with_its_alternates() -> None:
    roots = site.edition_urls("https://icp.example.org/")
    assert roots
    pages = {
        "en": site.read_sitemap(MKDOCS_SITEMAP.format(root=roots["en"], extra=""), roots["en"]),
        "zh": site.read_sitemap(MKDOCS_SITEMAP.format(
            root=roots["zh"], extra=f"\n    <url><loc>{roots['zh']}only-zh/</loc></url>"), roots["zh"]),
    }
    assert pages["en"] == [site.SitemapEntry("", "2026-12-01"), site.SitemapEntry("tree/", None)]
    everything = ElementTree.fromstring(site.sitemap(pages, roots, ("en", "zh")))
    urls = everything.findall("s:url", NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [
        "https://icp.example.org/", "https://icp.example.org/tree/",
        "https://icp.example.org/zh/", "https://icp.example.org/zh/tree/", "https://icp.example.org/zh/only-zh/"]
    assert urls[0].findtext("s:lastmod", namespaces=NS) == "2026-12-01" and urls[1].find("s:lastmod", NS) is None
    alternates = [[(a.get("hreflang"), a.get("href")) for a in u.findall("x:link", NS)] for u in urls]
    same = [("en", "https://icp.example.org/tree/"), ("zh", "https://icp.example.org/zh/tree/"),
            ("x-default", "https://icp.example.org/tree/")]
    assert alternates[1] == alternates[3] == same
    assert alternates[4] == []  # a page with no other edition has no alternates
    assert all(a.get("rel") == "alternate" for u in urls for a in u.findall("x:link", NS))
    chinese = ElementTree.fromstring(site.sitemap(pages, roots, ("zh",)))
    assert [u.findtext("s:loc", namespaces=NS) for u in chinese.findall("s:url", NS)] == [
        "https://icp.example.org/zh/", "https://icp.example.org/zh/tree/", "https://icp.example.org/zh/only-zh/"]


def test_a_sitemap_of_another_address_is_refused() -> None:
    with pytest.raises(ValueError, match=r"not under https://icp\.example\.org/zh/"):
        site.read_sitemap(MKDOCS_SITEMAP.format(root="https://elsewhere.example/", extra=""), "https://icp.example.org/zh/")
