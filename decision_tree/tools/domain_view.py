"""A domain check's report as text, as data for JSON, and as HTML: rendering only (``domain_check`` checks).

Every display says the same things in the same order: the name and its parts, subdomain or
website, what the sources say about the suffix (with their names, dates and confidence, and what
each says where they disagree), that MIIT's list is the authority, what the name means for a
filing, and what was changed in the input. The words are the catalog's; what the sources say is
content (``suffixes.toml``).
"""

from __future__ import annotations

from .. import urls
from ..markup import attribution, escape, fill, source_links, statement_text, tag
from ..messages import Messages, echoed
from ..model import SourcedStatement
from ..present import statement_plain
from ..termwrap import wrap_line
from .domain_check import DomainReport, Name, Note
from .suffixes import SuffixTable, Verdict

# --- what every display shares --------------------------------------------------------------------


def _dotted(suffix: str) -> str:
    return "." + suffix


def _facts(report: DomainReport, m: Messages) -> list[tuple[str, str]]:
    """(label, value) rows: the name, its parts, and both forms of a Chinese name."""
    rows = [(m("domain.name"), report.name.unicode)]
    if report.name.is_idn:
        rows.append((m("domain.ascii"), report.name.ascii))
    rows.append((m("domain.registrable"), _both(report.registrable)))
    if report.subdomain is not None:
        rows.append((m("domain.subdomain"), _both(report.subdomain)))
    rows.append((m("domain.suffix"), _dotted(_both(report.suffix))))
    if report.private_suffix is not None:
        rows.append((m("domain.given_out_under"), report.private_suffix.unicode))
    return rows


def _both(name: Name) -> str:
    return f"{name.unicode} ({name.ascii})" if name.is_idn else name.unicode


def _note(note: Note, m: Messages) -> str:
    """A note quotes what was removed from the input: escaped, and cut to a preview if long (``messages.echo``)."""
    return m(note.key, **echoed(note.params, m))


def kind_line(report: DomainReport, m: Messages) -> str:
    if report.subdomain is not None:
        return m("domain.is_subdomain", name=report.name.unicode, registrable=report.registrable.unicode)
    if report.verdict is Verdict.NOT_FILEABLE:
        # Saying such a name "is filed as a website" would contradict the verdict printed under it.
        return m("domain.is_registrable_not_fileable", name=report.name.unicode)
    return m("domain.is_registrable", name=report.name.unicode)


def _verdict_heading(report: DomainReport, m: Messages) -> str:
    return m("domain.verdict_heading", suffix=_dotted(report.suffix.unicode), verdict=m(f"domain.verdict.{report.verdict.value}"))


# --- text -----------------------------------------------------------------------------------------


def text(report: DomainReport, m: Messages, width: int = 80) -> str:
    """The report as plain text, each paragraph wrapped to ``width`` columns."""
    table, entry = report.table, report.entry
    out: list[str] = []

    def para(line: str, indent: str = "", first: str | None = None) -> None:
        # The lines after the first hang under the text, after the indent or the list marker.
        out.extend(wrap_line((indent if first is None else first) + line, width))

    out.append(m("domain.title"))
    for label, value in _facts(report, m):
        para(m("join.label", label=label, value=value), "    ")
    out.append("")
    para(kind_line(report, m))
    if report.private_suffix is not None:
        para(m("domain.is_private", name=report.name.unicode, private=report.private_suffix.unicode))
    out.append("")
    para(_verdict_heading(report, m))
    if entry is not None:
        if report.inherited:
            para(m("domain.inherited", entry=_dotted(entry.suffix), suffix=_dotted(report.suffix.unicode)), "  ")
        para(statement_plain(entry, table, m), "  ")
        if entry.claims:
            para(m("domain.claims"), "  ")
            for claim in entry.claims:
                said = m("domain.claim", source=table.sources[claim.source].label, says=m(f"domain.says.{claim.says.value}"),
                         text=claim.text)
                para(said, "      ", "    - ")
    para(f"{statement_plain(table.authority, table, m)} {table.authority.url}", "  ")
    out += ["", m("domain.explanations")]
    for statement in report.explanations:
        para(statement_plain(statement, table, m), "    ", "  - ")
    para(m("domain.regional", link=m("join.aside", text=m("domain.regional_link"), aside=urls.REGIONS_PAGE)), "    ", "  - ")
    if report.notes:
        out += ["", m("domain.notes")]
        for note in report.notes:
            para(_note(note, m), "    ", "  - ")
    return "\n".join(out) + "\n"


# --- data -----------------------------------------------------------------------------------------


def _name(name: Name | None) -> dict[str, str] | None:
    return None if name is None else {"unicode": name.unicode, "ascii": name.ascii}


def _statement_data(statement: SourcedStatement, table: SuffixTable) -> dict[str, object]:
    return {
        "text": statement.text,
        "sources": [
            {"key": k, "name": table.sources[k].label, "title": table.sources[k].title, "date": table.sources[k].date,
             "url": table.sources[k].url or None}
            for k in statement.sources
        ],
        "as_of": statement.as_of,
        "freshness": statement.freshness(table.dated_before).value,
        "confidence": statement.confidence.value,
        "conflict": statement.conflict,
    }


def data(report: DomainReport) -> dict[str, object]:
    """The report as JSON-able data with stable keys (``--format json``); no words of the interface."""
    table, entry = report.table, report.entry
    verdict: dict[str, object] = {"verdict": report.verdict.value, "suffix": None, "inherited": report.inherited}
    if entry is not None:
        verdict |= {"suffix": entry.suffix, **_statement_data(entry, table)}
        verdict["claims"] = [{"source": c.source, "says": c.says.value, "text": c.text} for c in entry.claims]
    return {
        "input": report.input,
        "domain": _name(report.name),
        "registrable": _name(report.registrable),
        "suffix": _name(report.suffix),
        "subdomain": _name(report.subdomain),
        "private_suffix": _name(report.private_suffix),
        "verdict": verdict,
        "authority": {"url": table.authority.url, **_statement_data(table.authority, table)},
        "explanations": [_statement_data(s, table) for s in report.explanations],
        "notes": [{"kind": n.kind.value, "removed": n.removed} for n in report.notes],
    }


# --- HTML -----------------------------------------------------------------------------------------


def _attribution(statement: SourcedStatement, table: SuffixTable, here: str, m: Messages) -> str:
    return tag("span", attribution(table, statement, here, m), class_="icp-cite")


def _statement_html(statement: SourcedStatement, table: SuffixTable, here: str, m: Messages, element: str = "p") -> str:
    return tag(element, f"{statement_text(statement, m)} {_attribution(statement, table, here, m)}",
               data_confidence=statement.confidence.value)


def verdict_html(report: DomainReport, m: Messages, *, here: str = urls.TOOLS_PAGE, level: int = 3) -> str:
    """What the sources say about the report's suffix, with MIIT's list as the authority (a ``<section>``)."""
    table, entry = report.table, report.entry
    verdict = [tag(f"h{level}", escape(_verdict_heading(report, m)), class_="icp-domain-verdict__title")]
    if entry is not None:
        if report.inherited:
            inherited = m("domain.inherited", entry=_dotted(entry.suffix), suffix=_dotted(report.suffix.unicode))
            verdict.append(tag("p", escape(inherited), class_="icp-domain-inherited"))
        verdict.append(_statement_html(entry, table, here, m))
        if entry.claims:
            claims = "".join(
                tag("li", fill(m, "domain.claim", source=source_links(table, (c.source,), here, m),
                               says=escape(m(f"domain.says.{c.says.value}")), text=escape(c.text)), data_says=c.says.value)
                for c in entry.claims
            )
            verdict.append(tag("p", escape(m("domain.claims"))) + tag("ul", claims, class_="icp-domain-claims"))
    link = tag("a", escape(m("domain.authority_link")), href=table.authority.url, rel="external")
    verdict.append(tag("p", f"{escape(table.authority.text)} {link} {_attribution(table.authority, table, here, m)}",
                       class_="icp-domain-authority"))
    css = "icp-domain-verdict icp-domain-verdict--" + report.verdict.value.replace("_", "-")
    return tag("section", "".join(verdict), class_=css, data_verdict=report.verdict.value)


def html(report: DomainReport, m: Messages, *, here: str = urls.TOOLS_PAGE) -> str:
    """The report as an HTML fragment; links to sources are relative to the page at site URL ``here``."""
    table = report.table
    facts = "".join(tag("dt", escape(label)) + tag("dd", escape(value)) for label, value in _facts(report, m))
    parts = [tag("dl", facts, class_="icp-domain-facts"), tag("p", escape(kind_line(report, m)), class_="icp-domain-kind")]
    if report.private_suffix is not None:
        private = m("domain.is_private", name=report.name.unicode, private=report.private_suffix.unicode)
        parts.append(tag("p", escape(private), class_="icp-domain-private"))
    parts.append(verdict_html(report, m, here=here))
    explanations = "".join(_statement_html(s, table, here, m, "li") for s in report.explanations)
    regions = tag("a", escape(m("domain.regional_link")), href=urls.relative_href(urls.REGIONS_PAGE, here))
    explanations += tag("li", fill(m, "domain.regional", link=regions))
    parts.append(tag("h3", escape(m("domain.explanations"))) + tag("ul", explanations, class_="icp-domain-explanations"))
    if report.notes:
        notes = "".join(tag("li", escape(_note(n, m)), data_note=n.kind.value) for n in report.notes)
        parts.append(tag("p", escape(m("domain.notes"))) + tag("ul", notes, class_="icp-domain-notes"))
    return tag("section", "".join(parts), class_="icp-domain", aria_label=m("domain.title"),
               data_registrable=report.registrable.ascii)
