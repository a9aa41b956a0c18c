"""The regional-differences page: the province index, a table of caveats per province, the
filing-number prefixes, and every statement on which sources disagree; also single caveats quoted
on other pages by reference."""

from __future__ import annotations

from collections.abc import Iterable

from .. import urls
from ..markup import ZH, attrs, caveat_table, conflict_mark, escape, fill, heading, labelled_statement, table, tag, zh
from ..messages import Messages
from ..model import Caveat, Content, Province


def province_title(province: Province) -> str:
    return f"{zh(province.name_zh)} {escape(province.name_en)}"


def _province_section(content: Content, province: Province, here: str, m: Messages) -> str:
    anchor = urls.province_anchor(province.id)
    numbers = m("regions.or").join(
        tag("span", escape(m("regions.number_pattern", prefix=a)), lang=ZH) for a in province.abbreviations
    )
    meta = fill(m, "regions.province_meta", numbers=numbers, id=tag("code", escape(province.id)))
    parts = [
        f"<section{attrs(class_='icp-province', data_province=province.id)}>",
        heading(3, anchor, province_title(province), m),
        tag("p", meta, class_="icp-province-meta"),
    ]
    if province.note:
        parts.append(tag("p", escape(province.note), class_="icp-province-note"))
    if province.caveats:
        parts.append(caveat_table(content, province.id, province.caveats, here, m))
    else:
        parts.append(tag("p", escape(m("regions.no_caveats")), class_="icp-empty"))
    parts.append("</section>")
    return "\n".join(parts)


def _regions_index(content: Content, m: Messages) -> str:
    rows = []
    for p in content.provinces.values():
        conflicts = sum(1 for c in p.caveats if c.conflict)
        conflict_cell = f"{conflicts} {conflict_mark(m)}" if conflicts else "0"
        rows.append(
            f"<tr{attrs(class_='icp-index-row', data_index=p.id)}>"
            f"<td>{tag('a', province_title(p), href='#' + urls.province_anchor(p.id))}</td>"
            f"<td{attrs(lang=ZH)}>{escape(' / '.join(p.abbreviations))}</td>"
            f"<td>{len(p.caveats)}</td><td>{conflict_cell}</td></tr>"
        )
    return table("icp-region-index", (m(f"regions.index.{c}") for c in ("province", "prefix", "caveats", "conflicts")), rows)


def render_regions(content: Content, here: str, m: Messages) -> str:
    """The index of provinces, then one section per province with a row per caveat."""
    sections = (_province_section(content, p, here, m) for p in content.provinces.values())
    return "\n".join(['<div class="icp-regions">', _regions_index(content, m), *sections, "</div>"])


def render_abbreviations(content: Content, here: str, m: Messages) -> str:
    """Provinces and the prefixes seen in their filing numbers (most recent first)."""
    rows = []
    for p in content.provinces.values():
        href = urls.relative_href(urls.province(p.id), here)
        seen = ""
        if len(p.abbreviations) > 1:
            seen = m("regions.prefixes_seen", count=len(p.abbreviations), recent=p.abbreviations[0])
        note = " ".join(escape(x) for x in (seen, p.note) if x)
        rows.append(
            f"<tr{attrs(class_='icp-abbr-row', data_abbr_province=p.id, data_abbreviations=' '.join(p.abbreviations))}>"
            f"<td>{tag('a', province_title(p), href=href)}</td>"
            f"<td{attrs(lang=ZH, class_='icp-abbr')}>{escape(' / '.join(p.abbreviations))}</td>"
            f"<td{attrs(lang=ZH)}><code>{escape(m('regions.number_pattern', prefix=p.abbreviations[0]))}</code></td>"
            f"<td>{note}</td></tr>"
        )
    return table("icp-abbreviations", (m(f"regions.abbr.{c}") for c in ("province", "prefix", "looks_like", "note")), rows)


def _province_link(province: Province, target: str, here: str) -> str:
    return tag("a", escape(province.name_en), href=urls.relative_href(target, here))


def render_conflicts(content: Content, here: str, m: Messages) -> str:
    """Every statement marked ``conflict``: regional caveats by topic, then the results' warnings."""
    parts = ['<div class="icp-conflicts">']
    for topic, label in content.topics.items():
        found = [(p, c) for p in content.provinces.values() for c in p.caveats if c.conflict and c.topic == topic]
        if not found:
            continue
        count = escape(m.plural("regions.conflicts_count", len(found)))
        parts.append(tag("p", f"<strong>{escape(label)}</strong> ({count})", class_="icp-group"))
        items = (
            labelled_statement(
                content, _province_link(p, urls.province(p.id), here), c, here, m,
                class_="icp-conflict-item", data_province=p.id, data_topic=c.topic,
            )
            for p, c in found
        )
        parts.append(tag("ul", "".join(items)))
    warnings = [(o, w) for o in content.outcomes.values() for w in o.warnings if w.conflict]
    if warnings:
        tree = urls.relative_href(urls.TREE_PAGE, here)
        parts.append(tag("p", f"<strong>{escape(m('regions.conflicts_in_results'))}</strong>", class_="icp-group"))
        items = (
            labelled_statement(
                content, tag("a", escape(o.title), href=tree + "#" + urls.outcome_anchor(o.id)), w, here, m,
                class_="icp-conflict-item", data_outcome=o.id,
            )
            for o, w in warnings
        )
        parts.append(tag("ul", "".join(items)))
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
            content, _province_link(p, urls.at(urls.REGIONS_PAGE, urls.caveat_anchor(p.id, c.id)), here), c, here, m,
            class_="icp-quoted-caveat", data_province=p.id, data_caveat=c.id,
        )
        for p, c in find_caveats(content, refs)
    )
    return tag("ul", "".join(items), class_="icp-quoted-caveats")
