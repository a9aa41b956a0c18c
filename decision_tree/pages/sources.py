"""The sources page: every source with its stable anchor, and the confidence scale."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .. import urls
from ..markup import attrs, confidence_badge, conflict_mark, escape, fill, heading, source_links, tag
from ..messages import Messages
from ..model import Change, Confidence, Content
from ..present import source_date
from ..tools import domain_check, filing_number, footer
from . import theme


def citations(content: Content) -> dict[str, int]:
    """How often each source is cited: by the tree, the regional data, and the tools (their data, and
    once for each of the number reader and the footer maker that may cite it)."""
    counts: dict[str, int] = {}

    def cite(keys: Iterable[str]) -> None:
        for key in keys:
            counts[key] = counts.get(key, 0) + 1

    for p in content.provinces.values():
        for c in p.caveats:
            cite(c.sources)
    for o in content.outcomes.values():
        cite(o.sources)
        for mat in o.materials:
            cite(mat.sources)
        for w in o.warnings:
            cite(w.sources)
    suffixes = domain_check.suffix_table(content.lang)
    for statement in (*suffixes.entries.values(), suffixes.authority, *suffixes.explanations.values()):
        cite(statement.sources)
    cite(content.divisions.sources)
    cite(filing_number.CITES)
    cite(footer.CITES)
    return counts


def render_sources(content: Content, here: str, m: Messages) -> str:
    """One entry per source, with the id ``src-<key>`` that regional rows and results link to."""
    counts = citations(content)
    items = []
    for s in content.sources.values():
        link = tag("a", escape(s.url), href=s.url, class_="icp-source-url") if s.url else escape(m("sources.no_url"))
        note = " · " + tag("span", escape(s.note), class_="icp-source-note") if s.note else ""
        cited = tag("span", escape(m.plural("sources.cited", counts.get(s.key, 0))), class_="icp-source-cited")
        items.append(
            f"<dt{attrs(id=urls.source_anchor(s.key), data_source=s.key)}>{escape(s.label)}</dt>\n"
            f"<dd>{tag('span', escape(s.title), class_='icp-source-title')}<br>{link}<br>"
            f"{tag('span', escape(m('sources.date', date=source_date(s, m))), class_='icp-source-date')}{note} · {cited}</dd>"
        )
    return "\n".join(['<dl class="icp-sources-list">', *items, "</dl>"])


def change_numbers(changes: Sequence[Change]) -> list[int]:
    """Each change's number among its day's, counted from the day's oldest: the file lists the newest
    first, so a change added later never renumbers those before it (their anchors and feed ids stay)."""
    later: dict[str, int] = {}
    numbers = []
    for change in reversed(changes):
        later[change.date] = later.get(change.date, 0) + 1
        numbers.append(later[change.date])
    return numbers[::-1]


def change_anchor(change: Change, number: int) -> str:
    return f"change-{change.date}-{number}"


def change_html(content: Content, change: Change, here: str, m: Messages) -> str:
    """What a change says, what it affects and its sources: on the page and in the feed alike."""
    tree = urls.relative_href(urls.WALKTHROUGH_PAGE, here)
    parts = [tag("p", escape(change.text), class_="icp-change-text")]
    affected = [tag("a", escape(content.outcomes[o].title), href=f"{tree}#{urls.outcome_anchor(o)}") for o in change.outcomes]
    affected += [
        tag("a", escape(content.provinces[p].local_name(m.lang)), href=urls.relative_href(urls.province_page(p), here))
        for p in change.provinces
    ]
    if affected:
        links = m("join.names").join(affected)
        parts.append(tag("p", fill(m, "changes.affects", links=links), class_="icp-change-affects"))
    cited = fill(m, "changes.sources", sources=source_links(content, change.sources, here, m))
    parts.append(tag("p", cited, class_="icp-cite"))
    return "\n".join(parts)


def render_changes(content: Content, here: str, m: Messages) -> str:
    """The "What changed" page: each change that alters what a reader should do, newest first, after
    a link to the same changes as a feed (pages.feed)."""
    href = urls.relative_href(theme.CHANGES_FEED, here)
    feed = tag("a", escape(m("changes.feed_link")), href=href, type="application/atom+xml")
    parts = ['<div class="icp-changes">', tag("p", fill(m, "changes.feed", link=feed), class_="icp-changes-feed")]
    numbers = change_numbers(content.changes)
    for date in sorted({c.date for c in content.changes}, reverse=True):
        parts.append(heading(2, f"changes-{date}", escape(date), m))
        for change, number in zip(content.changes, numbers, strict=True):
            if change.date == date:
                anchor = change_anchor(change, number)
                parts.append(heading(3, anchor, escape(change.title), m, class_="icp-change-title"))
                parts.append(change_html(content, change, here, m))
    parts.append("</div>")
    return "\n".join(parts)


def render_confidence_scale(content: Content, here: str, m: Messages) -> str:
    """What high, medium and low mean, and what "Sources disagree" means: the one definition of the scale."""
    items = []
    for level in Confidence:
        items.append(
            tag("dt", confidence_badge(level, m))
            + tag("dd", escape(m(f"confidence.{level.value}.meaning")))
        )
    items.append(tag("dt", conflict_mark(m)) + tag("dd", escape(m("statement.conflict_meaning"))))
    return tag("dl", "".join(items), class_="icp-confidence-scale")
