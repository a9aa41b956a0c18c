"""The site's own address (``SITE_URL``), and what the build writes with it.

A guide published at a known address tells search engines which page is which: each page's
canonical address, the same page in the other edition (``hreflang``), and a sitemap of both
editions. The address is not in the configuration, because the guide is hosted by whoever
publishes it: ``SITE_URL=https://icp.example.org/ make build`` (``make dist``, ``make serve``).
Without it the site names no host, and writes no ``hreflang`` at all rather than a relative or
wrong one (docs/hosting.md).

Both configurations read it through this module (``site_url: !!python/name:…``), which MkDocs and
Zensical both understand; overrides/main.html writes each page's ``hreflang`` links from
``config.extra.site``; scripts/build_site.py's ``alternates`` step does what a template cannot
(``strip_theme_alternates``, ``sitemap``, ``rebase_root_links``). Python that needs the address
(a feed's absolute links) asks ``site_url()``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

from ..messages import DEFAULT_LANGUAGE, LANGUAGES

ENV = "SITE_URL"
# Each edition's folder in the site (mkdocs.yml builds the root, mkdocs.zh.yml zh/).
EDITION_FOLDERS: dict[str, str] = {"en": "", "zh": "zh/"}
# Search engines show this edition to a reader whose language has none.
X_DEFAULT = DEFAULT_LANGUAGE

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

assert set(EDITION_FOLDERS) == set(LANGUAGES), "every language has its edition's folder"


class SiteUrlError(ValueError):
    pass


def site_url(environ: Mapping[str, str] | None = None) -> str | None:
    """The address the site is published at, from ``SITE_URL``, ending in ``/``; None when unset or empty.

    Raises SiteUrlError on a value that is not an absolute http(s) address of a folder.
    """
    value = (os.environ if environ is None else environ).get(ENV, "").strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SiteUrlError(f"{ENV} is {value!r}: write the address the site is published at; write the site's "
                           "address, such as https://icp.example.org/: with http:// or https:// and the host, no query (?) "
                           "and no fragment (#)")
    return value if value.endswith("/") else value + "/"


def edition_urls(root: str | None) -> dict[str, str] | None:
    """Each edition's address by language, for a site published at ``root`` (None: none)."""
    if root is None:
        return None
    return {lang: root + folder for lang, folder in EDITION_FOLDERS.items()}


# What the configurations read (``site_url: !!python/name:decision_tree.pages.site.SITE_URL_ZH``), made
# when asked for: a bad SITE_URL stops MkDocs and Zensical with SiteUrlError's message, and importing
# this module never fails (scripts/build_site.py says what is wrong before starting either).
_CONFIG_VALUES = {"SITE_URL_EN": "en", "SITE_URL_ZH": "zh"}


def __getattr__(name: str) -> object:
    if name == "EDITION_URLS":
        return edition_urls(site_url())
    if name in _CONFIG_VALUES:
        found = edition_urls(site_url())
        return found[_CONFIG_VALUES[name]] if found else None
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Material (and Zensical) write one <link rel="alternate" href="…" hreflang="…"> per entry of
# config.extra.alternate, its language selector: each edition's home page, relative. The
# template writes its own, to the same page, as rel, hreflang, href: this pattern is the theme's order.
_THEME_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">[ \t]*\n?')


def strip_theme_alternates(html: str) -> str:
    """``html`` without the theme's ``hreflang`` links (the theme's language selector stays)."""
    return _THEME_ALTERNATE.sub("", html)


# An address from the site's root in a page built for a site at "/" (MkDocs' 404 pages without site_url).
_ROOT_LINK = re.compile(r'\b(href|src)="/(?!/)')
_CONFIG_BASE = re.compile(r'("base":\s*)"/"')
# Where the theme keeps a reader's settings (the palette): the edition's folder, as on its other pages.
_SCOPE = re.compile(r'(__md_scope=new URL\()"/"')


def rebase_root_links(html: str, base: str) -> str:
    """``html``, written for a site at ``/``, with its addresses from the root (``/x``) moved under
    ``base`` (``/zh/``), and the theme's ``base`` (search) and settings' scope with them: the page is
    then what MkDocs writes for a site URL at a host's root.

    Without a site URL, MkDocs writes the 404 page's addresses from the server's root, as if every
    edition were at it: the Chinese edition's 404 page would lead into the English one.
    """
    if not (base.startswith("/") and base.endswith("/")):
        raise ValueError(f"base is {base!r}: a folder from the root, such as /zh/")
    if not _CONFIG_BASE.search(html):
        return html  # not written for a site at "/" (a site URL's path, or moved already)
    moved = _ROOT_LINK.sub(lambda m: f'{m[1]}="{base}', html)
    moved = _SCOPE.sub(lambda m: f'{m[1]}"{base}"', moved)
    return _CONFIG_BASE.sub(lambda m: f'{m[1]}"{base}"', moved)


@dataclass(frozen=True)
class SitemapEntry:
    path: str  # the page's address inside its edition ("", "tree/")
    lastmod: str | None


def read_sitemap(xml: str, edition_root: str) -> list[SitemapEntry]:
    """The pages of one edition's sitemap as MkDocs wrote it, by their address inside the edition."""
    entries = []
    for url in ElementTree.fromstring(xml).iter(f"{{{SITEMAP_NS}}}url"):
        loc = (url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
        if not loc.startswith(edition_root):
            raise ValueError(f"the sitemap lists {loc}, which is not under {edition_root}")
        lastmod = url.findtext(f"{{{SITEMAP_NS}}}lastmod")
        entries.append(SitemapEntry(loc.removeprefix(edition_root), lastmod.strip() if lastmod else None))
    return entries


def sitemap(pages: Mapping[str, list[SitemapEntry]], roots: Mapping[str, str], listed: tuple[str, ...]) -> str:
    """A sitemap of the pages of the editions ``listed`` (by language), each page with its alternates:
    the same page in every edition that has it, and ``x-default``."""
    has = {lang: {entry.path for entry in entries} for lang, entries in pages.items()}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    for lang in listed:
        for entry in pages[lang]:
            lines += ["  <url>", f"    <loc>{escape(roots[lang] + entry.path)}</loc>"]
            if entry.lastmod:
                lines.append(f"    <lastmod>{escape(entry.lastmod)}</lastmod>")
            having = [other for other in pages if entry.path in has[other]]
            if len(having) > 1:  # the same page in another edition: every edition's, and the default
                named = [*((other, other) for other in having), *([("x-default", X_DEFAULT)] if X_DEFAULT in having else [])]
                lines += [f'    <xhtml:link rel="alternate" hreflang="{name}" href={quoteattr(roots[of] + entry.path)}/>'
                          for name, of in named]
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
