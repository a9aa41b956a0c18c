"""The regional differences: the overview (the province index, the filing-number prefixes, every
statement on which sources disagree), one page per province, and single caveats quoted on other
pages by reference."""

from __future__ import annotations

from collections.abc import Iterable

from .. import urls
from ..markup import ZH, attrs, caveat_entry, escape, fill, heading, labelled_statement, table, tag, zh
from ..messages import Messages
from ..model import Caveat, Content, Province


def province_title(province: Province, m: Messages) -> str:
    """``北京 Beijing`` in the English edition (the name as filing numbers and caveats write it first);
    the Chinese edition's reader needs only ``北京``."""
    if m.lang == "zh":
        return escape(province.name_zh)
    return f"{zh(province.name_zh)} {escape(province.name_en)}"


def render_province(content: Content, province_id: str, here: str, m: Messages) -> str:
    """One province's page: its filing-number prefixes, then its rules grouped by topic.

    A list, not a table, so that it reads on a phone: each rule says who it applies to, what it
    says, whether sources disagree and whether it is old; its sources, date and confidence are one
    tap away.
    """
    province = content.provinces.get(province_id)
    if province is None:
        raise ValueError(f"no province '{province_id}' in regions.toml")
    numbers = m("regions.or").join(
        tag("span", escape(m("regions.number_pattern", prefix=a)), lang=ZH) for a in province.abbreviations
    )
    parts = [
        f"<div{attrs(class_='icp-province', data_province=province.id)}>",
        tag("p", fill(m, "regions.province_numbers", numbers=numbers), class_="icp-province-meta"),
    ]
    if province.note:
        parts.append(tag("p", escape(province.note), class_="icp-province-note"))
    if not province.caveats:
        parts.append(tag("p", escape(m("regions.no_caveats")), class_="icp-empty"))
    for topic, label in content.topics.items():
        caveats = [c for c in province.caveats if c.topic == topic]
        if caveats:
            parts.append(heading(2, f"topic-{topic}", escape(label), m))
            items = "".join(caveat_entry(content, province.id, c, here, m) for c in caveats)
            parts.append(tag("ul", items, class_="icp-caveats"))
    parts.append("</div>")
    return "\n".join(parts)


def _regions_index(content: Content, here: str, m: Messages) -> str:
    rows = []
    for p in content.provinces.values():
        conflicts = sum(1 for c in p.caveats if c.conflict)
        # The row keeps the anchor each province had when all of them shared this page.
        row = {"class_": "icp-index-row", "data_index": p.id, "id": urls.province_anchor(p.id)}
        cells = [
            tag("a", province_title(p, m), href=urls.relative_href(urls.province_page(p.id), here)),
            tag("span", escape(" / ".join(p.abbreviations)), lang=ZH),
            str(len(p.caveats)),
            # A number under the column's title: the red mark is kept for the rules themselves, where it
            # tells a reader that what to do depends on the source; on every row it would stop standing out.
            str(conflicts),
        ]
        rows.append((row, cells))
    headers = [m(f"regions.index.{c}") for c in ("province", "prefix", "caveats", "conflicts")]
    return table("icp-region-index", headers, rows)


def render_regions(content: Content, here: str, m: Messages) -> str:
    """The index of provinces: each links to the province's own page."""
    return "\n".join(['<div class="icp-regions">', _regions_index(content, here, m), "</div>"])


def render_abbreviations(content: Content, here: str, m: Messages) -> str:
    """Provinces and the prefixes seen in their filing numbers (most recent first)."""
    rows = []
    for p in content.provinces.values():
        seen = ""
        if len(p.abbreviations) > 1:
            seen = m("regions.prefixes_seen", count=len(p.abbreviations), recent=p.abbreviations[0])
        row = {"class_": "icp-abbr-row", "data_abbr_province": p.id, "data_abbreviations": " ".join(p.abbreviations)}
        cells = [
            tag("a", province_title(p, m), href=urls.relative_href(urls.province_page(p.id), here)),
            tag("span", escape(" / ".join(p.abbreviations)), lang=ZH, class_="icp-abbr"),
            tag("code", escape(m("regions.number_pattern", prefix=p.abbreviations[0])), lang=ZH),
            " ".join(escape(x) for x in (seen, p.note) if x),
        ]
        rows.append((row, cells))
    headers = [m(f"regions.abbr.{c}") for c in ("province", "prefix", "looks_like", "note")]
    return table("icp-abbreviations", headers, rows)


def _province_link(province: Province, target: str, here: str, m: Messages) -> str:
    return tag("a", escape(province.local_name(m.lang)), href=urls.relative_href(target, here))


def render_conflicts(content: Content, here: str, m: Messages) -> str:
    """Every statement marked ``conflict``: regional caveats by topic, then the results' warnings."""
    parts = ['<div class="icp-conflicts">']
    for topic, label in content.topics.items():
        found = [(p, c) for p in content.provinces.values() for c in p.caveats if c.conflict and c.topic == topic]
        if not found:
            continue
        count = escape(m.plural("regions.conflicts_count", len(found)))
        items = "".join(
            labelled_statement(
                content, _province_link(p, urls.province_page(p.id), here, m), c, here, m,
                class_="icp-conflict-item", data_province=p.id, data_topic=c.topic,
            )
            for p, c in found
        )
        # One topic at a time: the list is long, and a reader looks for their topic or province.
        summary = tag("summary", fill(m, "join.aside", text=tag("strong", escape(label)), aside=count), class_="icp-group")
        parts.append(tag("details", summary + tag("ul", items), class_="icp-conflict-topic", data_topic=topic))
    warnings = [(o, w) for o in content.outcomes.values() for w in o.warnings if w.conflict]
    if warnings:
        tree = urls.relative_href(urls.WALKTHROUGH_PAGE, here)
        items = "".join(
            labelled_statement(
                content, tag("a", escape(o.title), href=tree + "#" + urls.outcome_anchor(o.id)), w, here, m,
                class_="icp-conflict-item", data_outcome=o.id,
            )
            for o, w in warnings
        )
        summary = tag("summary", f"<strong>{escape(m('regions.conflicts_in_results'))}</strong>", class_="icp-group")
        parts.append(tag("details", summary + tag("ul", items), class_="icp-conflict-topic"))
    parts.append("</div>")
    return "\n".join(parts)


def find_caveats(content: Content, refs: Iterable[str]) -> list[tuple[Province, Caveat]]:
    """Caveats by reference, ``province/caveat-id``; raises ValueError naming a reference that is not there."""
    found = []
    for ref in refs:
        pid, _, cid = ref.partition("/")
        province = content.provinces.get(pid)
        if province is None:
            raise ValueError(f"'{ref}': no province '{pid}' in regions.toml")
        caveat = next((c for c in province.caveats if c.id == cid), None)
        if caveat is None:
            known = ", ".join(c.id for c in province.caveats if c.id) or "none has an id"
            raise ValueError(f"'{ref}': province '{pid}' has no caveat with id '{cid}' (ids: {known})")
        found.append((province, caveat))
    return found


def render_quoted_caveats(content: Content, refs: Iterable[str], here: str, m: Messages) -> str:
    """Caveats quoted on another page, each linked to its row on the regions page."""
    items = (
        labelled_statement(
            content, _province_link(p, urls.at(urls.province_page(p.id), urls.caveat_anchor(p.id, c.id)), here, m), c, here, m,
            class_="icp-quoted-caveat", data_province=p.id, data_caveat=c.id,
        )
        for p, c in find_caveats(content, refs)
    )
    return tag("ul", "".join(items), class_="icp-quoted-caveats")
