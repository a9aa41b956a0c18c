"""The "What changed" feed (decision_tree/pages/feed.py): Atom's rules that feed readers rely on (RFC 4287:
one id, title and updated per feed and per entry, absolute ids, RFC 3339 dates, a self link, an author,
each entry's link), ids that stay when the site moves or a change is added, each entry naming the rule,
its provinces, date and sources; and, in the built site, each edition's feed and the page's links to it."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from decision_tree import load
from decision_tree.messages import LANGUAGES, messages
from decision_tree.model import Change, Content
from decision_tree.pages import feed, sources, theme

from .conftest import BuiltSite

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
EDITIONS = {"en": "", "zh": "zh/"}


def parse(xml: bytes) -> ET.Element:
    return ET.fromstring(xml)


def one(parent: ET.Element, name: str) -> ET.Element:
    found = parent.findall(A + name)
    assert len(found) == 1, f"{len(found)} atom:{name} in {parent.tag}"
    return found[0]


def atom_problems(root: ET.Element) -> list[str]:
    """What breaks RFC 4287's rules for a feed and its entries (those feed readers rely on)."""
    problems = []
    if root.tag != A + "feed":
        return [f"the root is {root.tag}, not atom:feed"]

    def check(element: ET.Element, where: str) -> None:
        for name in ("id", "title", "updated"):
            count = len(element.findall(A + name))
            if count != 1:
                problems.append(f"{where}: {count} atom:{name}")
        ident = element.findtext(A + "id") or ""
        if not urlsplit(ident).scheme:
            problems.append(f"{where}: id {ident!r} is not an absolute IRI")
        for name in ("updated", "published"):
            for value in element.findall(A + name):
                if not RFC3339.match(value.text or ""):
                    problems.append(f"{where}: {name} {value.text!r} is not an RFC 3339 date-time")
        for link in element.findall(A + "link"):
            if not link.get("href"):
                problems.append(f"{where}: a link without href")
        alternates = [(link.get("type"), link.get("hreflang")) for link in element.findall(A + "link")
                      if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != len(set(alternates)):
            problems.append(f"{where}: two alternate links of the same type and language")

    check(root, "feed")
    if not [link for link in root.findall(A + "link") if link.get("rel") == "self"]:
        problems.append("feed: no link rel=self")
    entries = root.findall(A + "entry")
    if not root.findall(A + "author") and not all(e.findall(A + "author") for e in entries):
        problems.append("feed: no author, and not every entry has one")
    ids = [e.findtext(A + "id") for e in entries]
    if len(ids) != len(set(ids)):
        problems.append("entries share an id")
    for n, entry in enumerate(entries):
        check(entry, f"entry {n}")
        if not [link for link in entry.findall(A + "link") if link.get("rel", "alternate") == "alternate"]:
            problems.append(f"entry {n}: no alternate link (and so it needs content, which readers cannot follow)")
        content = entry.find(A + "content")
        if content is None or content.get("type") != "html" or not (content.text or "").strip():
            problems.append(f"entry {n}: no HTML content")
    return problems


@pytest.fixture(autouse=True)
def no_site_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)


def feed_of(lang: str, content: Content | None = None, site: str = "") -> ET.Element:
    base = feed.edition_base(EDITIONS[lang], site)
    return parse(feed.feed_xml(content or load(lang), messages(lang), base))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_edition_s_feed_keeps_atom_s_rules(lang: str) -> None:
    root = feed_of(lang)
    assert atom_problems(root) == []
    assert len(root.findall(A + "entry")) == len(load(lang).changes) > 0
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang


def test_the_check_finds_what_breaks_the_rules() -> None:
    """The check above can fail: a feed without self link, with a date not in RFC 3339, with two ids."""
    root = feed_of("en")
    for link in root.findall(A + "link"):
        if link.get("rel") == "self":
            root.remove(link)
    first, second = root.findall(A + "entry")[:2]
    one(first, "updated").text = "2026-11-29"
    one(second, "id").text = one(first, "id").text
    ET.SubElement(first, A + "title").text = "again"
    problems = atom_problems(root)
    assert "feed: no link rel=self" in problems
    assert "entries share an id" in problems
    assert any("is not an RFC 3339" in p for p in problems)
    assert "entry 0: 2 atom:title" in problems


def test_the_same_content_gives_the_same_bytes() -> None:
    made = [feed.feed_xml(load("zh"), messages("zh"), "../") for _ in range(2)]
    assert made[0] == made[1]


def _ids(root: ET.Element) -> dict[str, str]:
    return {e.findtext(A + "title") or "": e.findtext(A + "id") or "" for e in root.findall(A + "entry")}


def test_ids_stay_when_a_change_is_added_on_the_same_day() -> None:
    content = load("en")
    newest = content.changes[0]
    added = Change(date=newest.date, title="A change recorded later the same day", text="…", sources=("seed",))
    later = dataclasses.replace(content, changes=(added, *content.changes))
    before, after = _ids(feed_of("en", content)), _ids(feed_of("en", later))
    assert {title: after[title] for title in before} == before
    assert after[added.title] not in before.values()


def test_ids_are_tag_uris_whatever_the_site_s_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """With SITE_URL the links become absolute; the ids stay, so no reader sees an entry twice."""
    without = feed_of("zh")
    monkeypatch.setenv("SITE_URL", "https://icp.example.org/guide")
    site = feed.site_url()
    assert site == "https://icp.example.org/guide/"
    hosted = feed_of("zh", site=site)
    assert _ids(hosted) == _ids(without)
    assert all(i.startswith(feed.TAG) for i in _ids(hosted).values())
    assert one(hosted, "id").text == one(without, "id").text
    assert hosted.get("{http://www.w3.org/XML/1998/namespace}base") == "https://icp.example.org/guide/zh/"
    assert without.get("{http://www.w3.org/XML/1998/namespace}base") == "../"
    self_link = next(link for link in hosted.findall(A + "link") if link.get("rel") == "self")
    assert urljoin(hosted.get("{http://www.w3.org/XML/1998/namespace}base") or "", self_link.get("href") or "") == (
        "https://icp.example.org/guide/zh/changes/feed.xml"
    )


@pytest.mark.parametrize("value", ["icp.example.org", "ftp://icp.example.org/", "https://icp.example.org/?x=1", "https://"])
def test_a_site_url_that_is_no_address_is_refused_with_what_to_write(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", value)
    with pytest.raises(feed.SiteUrlError, match="write the site's address, such as https://"):
        feed.site_url()


def test_without_site_url_the_links_resolve_from_the_feed_s_own_address() -> None:
    """xml:base "../" from <edition>/changes/feed.xml is the edition's root: the links land on the page."""
    root = feed_of("zh")
    here = "https://anywhere.example/zh/" + theme.CHANGES_FEED
    base = urljoin(here, root.get("{http://www.w3.org/XML/1998/namespace}base") or "")
    assert base == "https://anywhere.example/zh/"
    entry = root.findall(A + "entry")[0]
    assert urljoin(base, one(entry, "link").get("href") or "").startswith("https://anywhere.example/zh/changes/#change-")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_entry_names_the_rule_its_provinces_its_date_and_its_sources(lang: str) -> None:
    content, m = load(lang), messages(lang)
    numbers = sources.change_numbers(content.changes)
    entries = {e.findtext(A + "id"): e for e in feed_of(lang).findall(A + "entry")}
    for change, number in zip(content.changes, numbers, strict=True):
        entry = entries[feed.entry_id(change, number, lang)]
        assert entry.findtext(A + "title") == change.title
        assert entry.findtext(A + "updated") == f"{change.date}T00:00:00Z"
        assert datetime.fromisoformat(entry.findtext(A + "updated") or "").date().isoformat() == change.date
        html = entry.findtext(A + "content") or ""
        for key in change.sources:
            assert f'href="sources/#src-{key.lower()}"' in html, key
            assert content.sources[key].label.replace("'", "&#x27;") in html, key
        names = [content.provinces[p].local_name(lang) for p in change.provinces] or [m("changes.all_provinces")]
        assert all(name in html for name in names)
        assert [c.get("term") for c in entry.findall(A + "category")] == list(change.provinces)
        assert one(entry, "link").get("href") == f"changes/#{sources.change_anchor(change, number)}"


def test_the_feed_lists_the_newest_first_and_says_when_it_last_changed() -> None:
    root = feed_of("en")
    dates = [e.findtext(A + "updated") or "" for e in root.findall(A + "entry")]
    assert dates == sorted(dates, reverse=True)
    assert root.findtext(A + "updated") == dates[0]


def test_a_day_s_changes_are_numbered_from_its_oldest() -> None:
    day = [Change(date="2026-01-02", title=t, text="", sources=()) for t in ("c", "b", "a")]
    other = Change(date="2026-01-01", title="x", text="", sources=())
    assert sources.change_numbers([*day[:2], other, day[2]]) == [3, 2, 1, 1]


# --- the built site ----------------------------------------------------------------------------


def _page(site: Path, prefix: str) -> str:
    return (site / prefix / "changes" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_built_site_has_each_edition_s_feed_linked_from_the_page_s_head_and_body(built_site: BuiltSite, lang: str) -> None:
    prefix = EDITIONS[lang]
    path = built_site.root / prefix / theme.CHANGES_FEED
    root = parse(path.read_bytes())
    assert atom_problems(root) == []
    html = _page(built_site.root, prefix)
    head = html.split("</head>", 1)[0]
    links = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head)
    assert links == [(messages(lang)("changes.feed_title"), "feed.xml")]
    assert re.search(r'<p class="icp-changes-feed">[^<]*<a href="feed.xml" type="application/atom\+xml">', html)
    # Each entry's link lands on its heading of the page.
    for entry in root.findall(A + "entry"):
        anchor = (one(entry, "link").get("href") or "").partition("#")[2]
        assert f'id="{anchor}"' in html, anchor
    # No other page announces the feed.
    assert "application/atom+xml" not in (built_site.root / prefix / "index.html").read_text(encoding="utf-8")
