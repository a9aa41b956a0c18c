"""The HTML vocabulary of the guide: every piece of markup the widget and the generated pages share.

Escaping, attributes, Chinese beside English, source citations, confidence badges, the "sources
disagree" mark, a sourced statement in each of its displays, and the body of a result. The widget
(``widget``, in the browser and at build time) and the page generators (``pages``) write HTML only
through these functions; the text and Markdown renderers (``render``) take the same parts from
``present``. A new kind of caveat display is a new function here.

Hrefs are made with ``urls`` relative to ``here``, the site URL of the page being written.
Everything taken from the content is escaped.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from . import urls
from .messages import Messages
from .model import Caveat, Confidence, Content, Freshness, Outcome, Province, Question, SourcedStatement
from .present import Cited, FollowOn, ResultView, freshness_note, source_dated_title

_FORMATTER = string.Formatter()
ZH = "zh-CN"  # the language of the Chinese terms shown beside English


def escape(text: str) -> str:
    # html.escape's module pulls in html.entities, a large table that costs ~50 ms to import under
    # Pyodide; this does the same job for the five characters that matter, the way it does: five
    # replaces are several times faster than one str.translate with a table, and a result calls
    # this some 250 times.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    )


def attrs(**values: str) -> str:
    """HTML attributes, escaped, in the order given; a trailing ``_`` is dropped and other ``_`` become ``-``."""
    return "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"' for name, value in values.items())


def tag(name: str, inner_html: str, **values: str) -> str:
    return f"<{name}{attrs(**values)}>{inner_html}</{name}>"


def zh(text: str) -> str:
    """A Chinese term beside English, marked as Chinese for screen readers and search ("" if none)."""
    return tag("span", escape(text), lang=ZH, class_="icp-zh") if text else ""


def with_zh(english: str, chinese: str) -> str:
    """``English 中文``: the usual pairing of a label and its Chinese term. In the Chinese edition the
    content's Chinese terms are emptied (``localize``), so the label stands alone."""
    return escape(english) + (" " + zh(chinese) if chinese else "")


def place(province: Province, m: Messages) -> str:
    """A province's name as the reader's language writes it: ``Zhejiang 浙江``, or ``浙江``."""
    return escape(province.name_zh) if m.lang == "zh" else with_zh(province.name_en, province.name_zh)


def fill(m: Messages, key: str, **html: str) -> str:
    """A catalog text as HTML: its own words escaped, the parameters (already HTML) put in as they are."""
    template = m.template(key, set(html))
    out = []
    for literal, name, _spec, _conv in _FORMATTER.parse(template):
        out.append(escape(literal))
        if name:
            out.append(html[name])
    return "".join(out)


def checklist(question: Question) -> str:
    """What a yes to the question must hold for, one item each (the tree and its walkthrough)."""
    return tag("ul", "".join(tag("li", escape(check)) for check in question.checks), class_="icp-checks")


def heading_link(anchor: str, m: Messages) -> str:
    """The ¶ link of a generated heading, as Python-Markdown's toc extension makes them."""
    return tag("a", "¶", class_="headerlink", href="#" + anchor, title=m("page.heading_link"))


def heading(level: int, anchor: str, inner_html: str, m: Messages, **values: str) -> str:
    return f"<h{level}{attrs(id=anchor, **values)}>{inner_html} {heading_link(anchor, m)}</h{level}>"


# --- where statements come from -------------------------------------------------------------------


def source_links(content: Cited, keys: Iterable[str], here: str, m: Messages) -> str:
    """Each source by its name, linked to its entry on the sources page, its full title and date on hover."""
    links = []
    for key in keys:
        source = content.sources[key]
        href = urls.relative_href(urls.source(key), here)
        title = source_dated_title(source, m)
        links.append(tag("a", escape(source.label), class_="icp-source", href=href, title=title))
    return m("join.names").join(links)


def as_of(content: Cited, statement: SourcedStatement, m: Messages, *, mark: bool = True) -> str:
    """The statement's date, with "last confirmed 2019" or "date unknown" marked where it is not current
    (unless ``mark`` is off because the mark is shown beside the statement already)."""
    note = freshness_note(statement, content, m) if mark else ""
    badge = tag("span", escape(note), class_=f"icp-dated icp-dated--{statement.freshness(content.dated_before).value}")
    if statement.freshness(content.dated_before) is Freshness.UNDATED:
        return badge if mark else escape(m("statement.undated"))
    return fill(m, "statement.as_of", date=escape(statement.as_of)) + (" " + badge if note else "")


def confidence_badge(confidence: Confidence, m: Messages) -> str:
    return tag(
        "span",
        escape(m(f"confidence.{confidence.value}.label")),
        class_=f"icp-confidence icp-confidence--{confidence.value}",
        title=m(f"confidence.{confidence.value}.help"),
    )


def conflict_mark(m: Messages) -> str:
    return tag("strong", escape(m("statement.conflict")), class_="icp-conflict", title=m("statement.conflict_help"))


def statement_text(statement: SourcedStatement, m: Messages, *, css: str = "") -> str:
    """What a statement says: its text (in a span of class ``css``, if given) and the conflict mark."""
    html = tag("span", escape(statement.text), class_=css) if css else escape(statement.text)
    if statement.conflict:
        html += " " + conflict_mark(m)
    elif statement.differs:
        # A disagreement on a detail: said, but quietly, so that the mark above keeps its weight.
        html += " " + tag("span", escape(m("statement.differs_sentence")), class_="icp-differs")
    return html


def attribution(content: Cited, statement: SourcedStatement, here: str, m: Messages, *, mark: bool = True) -> str:
    """Where it comes from, as of when, how sure: "Sources: A19, HW; as of 2019-09; confidence: medium"."""
    return fill(
        m,
        "statement.attribution",
        sources=source_links(content, statement.sources, here, m),
        as_of=as_of(content, statement, m, mark=mark),
        confidence=confidence_badge(statement.confidence, m),
    )


def statement_item(
    content: Content, statement: SourcedStatement, here: str, m: Messages, *, css: str, lead: str = ""
) -> str:
    """A statement as a list item: what it says first (after ``lead``, HTML, if given), a dated mark if it
    is old, and its sources, date and confidence one tap away (results: warnings, regional caveats)."""
    values = {"class_": css}
    if isinstance(statement, Caveat):
        values["data_topic"] = statement.topic
    values |= {"data_confidence": statement.confidence.value, "data_sources": " ".join(statement.sources)}
    note = freshness_note(statement, content, m)
    dated = " " + tag("span", escape(note), class_="icp-dated icp-dated--summary") if note else ""
    meta = tag(
        "details",
        tag("summary", escape(m("statement.details"))) + tag("span", attribution(content, statement, here, m, mark=False)),
        class_="icp-meta",
    )
    lead = lead + " " if lead else ""
    return tag("li", f"{lead}{statement_text(statement, m)}{dated} {meta}", **values)


def cite(content: Content, statement: SourcedStatement, here: str, m: Messages) -> str:
    """The attribution in brackets, with who it applies to: "(Everyone; A19; as of 2019-09; medium)"."""
    inner = fill(
        m,
        "statement.cite",
        applies_to=escape(m(f"applies_to.{statement.applies_to.value}")),
        sources=source_links(content, statement.sources, here, m),
        as_of=as_of(content, statement, m),
        confidence=confidence_badge(statement.confidence, m),
    )
    return tag("span", inner, class_="icp-cite")


def statement_cite(content: Content, statement: SourcedStatement, here: str, m: Messages, **values: str) -> str:
    """A statement as a list item with its bracketed attribution (the walkthrough, quoted caveats)."""
    values = {**values, "data_applies_to": statement.applies_to.value, "data_confidence": statement.confidence.value}
    return tag("li", f"{statement_text(statement, m)} {cite(content, statement, here, m)}", **values)


def labelled_statement(
    content: Content, label_html: str, statement: SourcedStatement, here: str, m: Messages, **values: str
) -> str:
    """``Where: statement (attribution)``, for lists that gather statements from several places."""
    said = f"{statement_text(statement, m)} {cite(content, statement, here, m)}"
    inner = fill(m, "join.label", label=tag("strong", label_html), value=said)
    return tag("li", inner, **values)


def table(css: str, headers: list[str], rows: Iterable[tuple[dict[str, str], list[str]]]) -> str:
    """A data table: plain-text ``headers``, and rows as (the row's attributes, its cells' HTML).

    Each cell carries its column's name (``data-label``), so that on a phone the rows stack into
    labelled cards instead of running off the screen.
    """
    head = "".join(tag("th", escape(h)) for h in headers)
    body = [
        f"<tr{attrs(**row)}>" + "".join(f"<td{attrs(data_label=h)}>{cell}</td>" for h, cell in zip(headers, cells, strict=True))
        + "</tr>"
        for row, cells in rows
    ]
    return "\n".join(
        [
            f'<div class="icp-table-wrap"><table{attrs(class_=css + " icp-stacked")}>',
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
            *body,
            "</tbody></table></div>",
        ]
    )


def caveat_entry(content: Content, province_id: str, caveat: Caveat, here: str, m: Messages) -> str:
    """A regional caveat on its province's page: who it applies to, what it says, how old and how sure."""
    fresh = caveat.freshness(content.dated_before)
    values = {
        "class_": "icp-caveat" + (" icp-caveat--conflict" if caveat.conflict else "")
        + ("" if fresh is Freshness.CURRENT else " icp-caveat--dated"),
        "data_province": province_id,
        "data_topic": caveat.topic,
        "data_applies_to": caveat.applies_to.value,
        "data_confidence": caveat.confidence.value,
        "data_conflict": "true" if caveat.conflict else "false",
        "data_sources": " ".join(caveat.sources),
    }
    if caveat.id:
        values["id"] = urls.caveat_anchor(province_id, caveat.id)
    applies = tag("span", escape(m(f"applies_to.{caveat.applies_to.value}")), class_="icp-applies")
    note = freshness_note(caveat, content, m)
    dated = " " + tag("span", escape(note), class_=f"icp-dated icp-dated--{fresh.value}") if note else ""
    meta = tag(
        "details",
        tag("summary", escape(m("statement.details"))) + tag("span", attribution(content, caveat, here, m, mark=False)),
        class_="icp-meta",
    )
    text = statement_text(caveat, m, css="icp-caveat-text")
    return tag("li", f"{applies} {text}{dated} {meta}", **values)


# --- a result -------------------------------------------------------------------------------------


def filing_anchor(outcome: Outcome) -> str:
    """The id of a filing's section in a result, for the jump links of the list of filings."""
    return f"icp-filing-{outcome.id}"


def follow_on(view: ResultView, follow: FollowOn, here: str) -> str:
    """A filing the answers added (in full), or what follows approval (its next step, the rest folded)."""
    m, content, outcome = view.m, view.content, follow.outcome
    title = tag("h3", fill(m, "result.then", title=with_zh(outcome.title, outcome.title_zh)), class_="icp-then__title")
    details = [
        tag("p", escape(outcome.why), class_="icp-why"),
        tag("ol", "".join(tag("li", escape(step)) for step in outcome.steps), class_="icp-steps"),
    ]
    if follow.warnings:
        items = "".join(statement_item(content, w, here, m, css="icp-caveat") for w in follow.warnings)
        details.append(tag("ul", items, class_="icp-warnings"))
    if follow.folded:
        summary = tag("summary", escape(m("result.then_details", count=len(outcome.steps) + len(follow.warnings))))
        details = [tag("details", summary + "".join(details), class_="icp-then__details")]
    parts = [title, tag("p", escape(outcome.next_step), class_="icp-next-step"), *details]
    css = "icp-then" + (" icp-then--after" if follow.folded else "")
    values = {} if follow.folded else {"id": filing_anchor(outcome)}
    return tag("section", "".join(parts), class_=css, data_outcome=outcome.id, **values)


def filings_list(view: ResultView) -> str:
    """"You need to file: 1. New filing … 2. App filing …", each a jump to its section."""
    items = []
    for filing in view.filings:
        href = f"#{urls.CURRENT_VIEW_ID}" if filing.outcome is view.result.outcome else f"#{filing_anchor(filing.outcome)}"
        link = tag("a", with_zh(filing.outcome.title, filing.outcome.title_zh), href=href)
        items.append(tag("li", link + (" " + escape(filing.purpose) if filing.purpose else "")))
    body = tag("p", escape(view.m("result.filings")), class_="icp-filings__title") + tag("ol", "".join(items))
    return tag("div", body, class_="icp-filings", role="note")


def other_rules(view: ResultView, here: str) -> str:
    """The statements that do not apply to these answers, folded, each led by why it is here."""
    m, content = view.m, view.content
    items = []
    for folded in view.result.other:
        label = tag("strong", escape(view.reason_label(folded)), class_="icp-reason")
        items.append(statement_item(content, folded.statement, here, m, css="icp-caveat", lead=label))
    summary = tag("summary", escape(view.other_title))
    body = tag("p", escape(m("result.other_intro"))) + tag("ul", "".join(items), class_="icp-other__list")
    return tag("details", summary + body, class_="icp-other")


def result_body(view: ResultView, here: str) -> str:
    """Kind, title, why and every section of a result up to "Read more": what every display of it shares."""
    m, content, result = view.m, view.content, view.result
    o = result.outcome
    parts = [
        tag("p", escape(view.kind), class_="icp-kind"),
        f'<h2 class="icp-heading" id="{urls.CURRENT_VIEW_ID}" tabindex="-1">{with_zh(o.title, o.title_zh)}</h2>',
    ]
    if view.listed:
        parts.append(filings_list(view))
    parts += [
        tag("p", escape(o.next_step), class_="icp-next-step"),
        tag("p", escape(o.why), class_="icp-why"),
    ]
    if view.decisive and result.province is not None:
        items = "".join(statement_item(content, c, here, m, css="icp-caveat") for c in view.decisive)
        title = fill(m, "result.decisive", province=place(result.province, m))
        block = tag("p", title, class_="icp-decisive__title") + tag("ul", items)
        parts.append(tag("div", block, class_="icp-decisive", role="note"))
    parts += [
        f"<h3>{escape(m('result.steps'))}</h3>",
        tag("ol", "".join(tag("li", escape(step)) for step in o.steps), class_="icp-steps"),
    ]
    if result.materials:
        parts.append(f"<h3>{escape(view.materials_title)}</h3>")
        parts.append(tag("ul", "".join(tag("li", escape(mat.text)) for mat in result.materials), class_="icp-materials"))
    parts += [follow_on(view, follow, here) for follow in view.follow_ons if not follow.folded]
    if result.warnings:
        parts.append(f"<h3>{escape(m('result.warnings'))}</h3>")
        items = "".join(statement_item(content, w, here, m, css="icp-caveat") for w in result.warnings)
        parts.append(tag("ul", items, class_="icp-warnings"))
    if view.regional_shown and result.province is not None:
        p = result.province
        parts.append(f"<h3>{fill(m, 'result.in_province', province=place(p, m))}</h3>")
        if view.regional:
            items = "".join(statement_item(content, c, here, m, css="icp-caveat") for c in view.regional)
            parts.append(tag("ul", items, class_="icp-regional", data_province=p.id))
        elif not view.decisive:
            parts.append(tag("p", escape(m("result.no_regional")), class_="icp-regional-none"))
        link = tag("a", escape(m("result.regions_link")), href=urls.relative_href(urls.province_page(p.id), here))
        name = escape(p.name_zh if m.lang == "zh" else p.name_en)
        parts.append(tag("p", fill(m, "result.all_caveats", province=name, link=link), class_="icp-regional-more"))
    parts += [follow_on(view, follow, here) for follow in view.follow_ons if follow.folded]
    if result.other:
        parts.append(other_rules(view, here))
    if result.links:
        parts.append(f"<h3>{escape(m('result.read_more'))}</h3>")
        items = "".join(
            tag("li", tag("a", escape(link.title), href=urls.relative_href(urls.page_url(link.path), here)))
            for link in result.links
        )
        parts.append(tag("ul", items, class_="icp-links"))
    return "".join(parts)
