"""The "What changed" page as an Atom feed (RFC 4287), one per edition: ``changes/feed.xml``.

Made from the same changes (content/changes.toml) and the same HTML per change (``sources.change_html``)
as the page, by a step of scripts/build_site.py. Each entry is one change: its title, the date as
``updated``, a link to its heading on the page, the provinces it affects (all, when it names none),
and the page's text, links and sources as its content.

Ids never depend on where the site is hosted: they are tag URIs (RFC 4151) made from the change's
date and its number among that day's changes (``sources.change_numbers``, stable as changes are
added), so a reader's feed client never sees an entry twice when the site moves or gains an address.
Links are relative to ``xml:base``: the edition's root, which is ``SITE_URL`` when the build is given
one (absolute links, as feed readers prefer) and else ``../`` from the feed (a local preview, a file
share: links still resolve against the feed's own address).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from .. import urls
from ..markup import escape
from ..messages import Messages
from ..model import Change, Content
from . import site, sources, theme

ATOM = "http://www.w3.org/2005/Atom"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 4151: an authority name and a date it was ours; never changes, or every id would.
TAG = "tag:icp-filing-guide,2026:"
# From the feed (<edition>/changes/feed.xml) up to the edition's root.
EDITION_ROOT_FROM_FEED = urls.relative_href("", theme.CHANGES_FEED)


# One reader of SITE_URL for every page, sitemap and feed: ``pages.site``.
SiteUrlError = site.SiteUrlError


def site_url() -> str:
    """The site's address from ``SITE_URL`` (with one trailing slash), or "" when it is not set."""
    return site.site_url() or ""


def entry_id(change: Change, number: int, lang: str) -> str:
    return f"{TAG}changes/{lang}/{change.date}/{number}"


def feed_id(lang: str) -> str:
    return f"{TAG}changes/{lang}"


def timestamp(date: str) -> str:
    """A change's YYYY-MM-DD as an RFC 3339 date-time (the day's start, UTC)."""
    return f"{date}T00:00:00Z"


def _text(parent: ET.Element, name: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    element.text = text
    return element


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "type": kind, "href": href})


def _provinces(content: Content, change: Change, m: Messages) -> str:
    names = [content.provinces[p].local_name(m.lang) for p in change.provinces]
    return m("changes.provinces", names=m("join.names").join(names) if names else m("changes.all_provinces"))


def _entry(feed: ET.Element, content: Content, change: Change, number: int, m: Messages) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "id", entry_id(change, number, m.lang))
    _text(entry, "title", change.title)
    _text(entry, "published", timestamp(change.date))
    _text(entry, "updated", timestamp(change.date))
    _link(entry, urls.at(urls.CHANGES_PAGE, sources.change_anchor(change, number)), "alternate", "text/html")
    for province in change.provinces:
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": province, "label": content.provinces[province].local_name(m.lang)})
    # Relative to the edition's root (the feed's xml:base), as the page's links are to the page.
    body = sources.change_html(content, change, urls.HOME, m) + "\n<p>" + escape(_provinces(content, change, m)) + "</p>"
    _text(entry, "content", body, type="html")


def feed_xml(content: Content, m: Messages, base: str) -> bytes:
    """The feed of ``content.changes`` in ``m``'s language; ``base`` is the edition's root, absolute
    or relative to the feed. The same content and base give the same bytes."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: m.lang, XML_BASE: base})
    _text(feed, "id", feed_id(m.lang))
    _text(feed, "title", m("changes.feed_title"))
    _text(feed, "subtitle", m("changes.feed_subtitle"))
    # The newest change's day, not the build's time: a build of the same content changes nothing.
    _text(feed, "updated", timestamp(max((c.date for c in content.changes), default=content.version)))
    _link(feed, theme.CHANGES_FEED, "self", "application/atom+xml")
    _link(feed, urls.CHANGES_PAGE, "alternate", "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", m("changes.feed_author"))
    for change, number in _newest_first(content.changes):
        _entry(feed, content, change, number, m)
    ET.indent(feed)
    xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def _newest_first(changes: Sequence[Change]) -> list[tuple[Change, int]]:
    numbered = list(zip(changes, sources.change_numbers(changes), strict=True))
    return sorted(numbered, key=lambda pair: pair[0].date, reverse=True)  # stable: a day's keep the file's order


def edition_base(prefix: str, site: str) -> str:
    """The feed's xml:base: the edition's root (``prefix`` is its place in the site, "" or "zh/")."""
    return site + prefix if site else EDITION_ROOT_FROM_FEED
