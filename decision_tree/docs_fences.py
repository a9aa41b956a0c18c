"""Site pages generated from the tree's content: pymdownx.superfences custom fences.

The documentation uses four fences, each with an empty body::

    ```icp-regions
    ```

``icp-regions`` (the regional-differences tables), ``icp-abbreviations`` (filing-number prefixes),
``icp-sources`` (the sources list) and ``icp-walkthrough`` (the whole decision tree as linked
sections, for readers without JavaScript). mkdocs.yml registers them with
``format: !!python/name:decision_tree.docs_fences.icp_regions`` and so on; the same mechanism works
under Zensical. The pages therefore show exactly the data the tree uses.

The ``render_*`` functions are pure: they take a ``Content`` and the site URL of the page the HTML
goes into (directory URLs, e.g. ``"regions/"``) and return HTML in which every string from the
content is escaped. Links between pages are relative, so the site works under any base path.
"""

from __future__ import annotations

import importlib
import posixpath
import re
from collections import deque
from collections.abc import Callable, Iterable
from html import escape, unescape
from typing import Any

from . import loader
from .model import AppliesTo, Caveat, Content, Material, Outcome, Province, Question, QuestionKind
from .render import page_url, source_anchor

REGIONS_PAGE = "regions/"
SOURCES_PAGE = "sources/"
TREE_PAGE = "tree/"

_APPLIES_TO = {
    AppliesTo.INDIVIDUAL: "Individuals",
    AppliesTo.ENTERPRISE: "Enterprises",
    AppliesTo.ALL: "Everyone",
}
_CONFIDENCE_HELP = {
    "high": "High: official text, consistent across sources or current",
    "medium": "Medium: official but dated, or a secondary or derived source",
    "low": "Low: a single secondary source, inferred, or contradicted",
}
_CONFLICT_HELP = "Sources disagree on this point: ask your provider"
_ID_ATTR = re.compile(r'\sid="([^"]*)"')


# --- anchors and URLs -------------------------------------------------------------------------


def province_anchor(province_id: str) -> str:
    return f"province-{province_id}"


def question_anchor(question_id: str) -> str:
    return f"q-{question_id}"


def outcome_anchor(outcome_id: str) -> str:
    return f"o-{outcome_id}"


def node_anchor(content: Content, node_id: str) -> str:
    return question_anchor(node_id) if node_id in content.questions else outcome_anchor(node_id)


def relative_href(target: str, page: str) -> str:
    """The href that leads from the page at site URL ``page`` to the site URL ``target``.

    Both are site-relative directory URLs (``""`` is the home page), optionally with ``#anchor``.
    """
    path, _, anchor = target.partition("#")
    fragment = f"#{anchor}" if anchor else ""
    if path == page and fragment:
        return fragment
    base = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
    rel = posixpath.relpath(path or ".", base or ".")
    if path.endswith("/") or not path:
        rel = "./" if rel == "." else rel + "/"
    return rel + fragment


# --- small HTML helpers -----------------------------------------------------------------------


def _attrs(**attrs: str) -> str:
    """HTML attributes, escaped; a trailing ``_`` is dropped and other ``_`` become ``-``."""
    return "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"' for name, value in attrs.items())


def _zh(text: str) -> str:
    return f'<span lang="zh"{_attrs(class_="icp-zh")}>{escape(text)}</span>' if text else ""


def _confidence(value: str) -> str:
    return (
        f"<span{_attrs(class_=f'icp-confidence icp-confidence--{value}', title=_CONFIDENCE_HELP.get(value, value))}>"
        f"{escape(value)}</span>"
    )


def _conflict_mark() -> str:
    return f"<span{_attrs(class_='icp-conflict', title=_CONFLICT_HELP)}>Sources disagree</span>"


def _source_links(content: Content, keys: Iterable[str], page: str) -> str:
    links = []
    for key in keys:
        source = content.sources.get(key)
        title = source.title if source else key
        href = relative_href(f"{SOURCES_PAGE}#{source_anchor(key)}", page)
        links.append(f"<a{_attrs(class_='icp-source', href=href, title=title)}>{escape(key)}</a>")
    return ", ".join(links)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


# --- regions ----------------------------------------------------------------------------------


def _caveat_row(content: Content, province: Province, caveat: Caveat, page: str) -> str:
    topic = content.topics.get(caveat.topic, caveat.topic)
    text = f'<span class="icp-topic">{escape(topic)}</span><br>'
    text += f'<span class="icp-caveat-text">{escape(caveat.text)}</span>'
    if caveat.text_zh:
        text += f'<br><span class="icp-caveat-text-zh" lang="zh">{escape(caveat.text_zh)}</span>'
    if caveat.conflict:
        text += " " + _conflict_mark()
    row_attrs = _attrs(
        class_="icp-caveat" + (" icp-caveat--conflict" if caveat.conflict else ""),
        data_province=province.id,
        data_topic=caveat.topic,
        data_applies_to=caveat.applies_to.value,
        data_confidence=caveat.confidence.value,
        data_conflict="true" if caveat.conflict else "false",
        data_sources=" ".join(caveat.sources),
    )
    cells = [
        f'<td class="icp-rule">{text}</td>',
        f'<td class="icp-applies">{escape(_APPLIES_TO[caveat.applies_to])}</td>',
        f'<td class="icp-sources">{_source_links(content, caveat.sources, page)}</td>',
        f'<td class="icp-as-of">{escape(caveat.as_of)}</td>',
        f'<td class="icp-conf">{_confidence(caveat.confidence.value)}</td>',
    ]
    return f"<tr{row_attrs}>{''.join(cells)}</tr>"


def _province_title(province: Province) -> str:
    return f"{_zh(province.name_zh)} {escape(province.name_en)}"


def _province_section(content: Content, province: Province, page: str) -> str:
    anchor = province_anchor(province.id)
    numbers = " or ".join(f'<span lang="zh">{escape(a)}ICP备…号</span>' for a in province.abbreviations)
    parts = [
        f"<section{_attrs(class_='icp-province', data_province=province.id)}>",
        f"<h3{_attrs(id=anchor)}>{_province_title(province)} "
        f"<a{_attrs(class_='headerlink', href='#' + anchor, title='Link to this section')}>¶</a></h3>",
        f'<p class="icp-province-meta">Filing numbers: {numbers} · id <code>{escape(province.id)}</code></p>',
    ]
    if province.note:
        parts.append(f'<p class="icp-province-note">{escape(province.note)}</p>')
    if province.caveats:
        parts += [
            '<div class="icp-table-wrap"><table class="icp-caveats">',
            "<thead><tr><th>Rule or caveat</th><th>Applies to</th><th>Sources</th>"
            "<th>As of</th><th>Confidence</th></tr></thead><tbody>",
            *(_caveat_row(content, province, c, page) for c in province.caveats),
            "</tbody></table></div>",
        ]
    else:
        parts.append('<p class="icp-empty">None of our sources states a rule specific to this province.</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _regions_index(content: Content) -> str:
    rows = []
    for p in content.provinces.values():
        conflicts = sum(1 for c in p.caveats if c.conflict)
        conflict_cell = f"{conflicts} {_conflict_mark()}" if conflicts else "0"
        rows.append(
            f"<tr{_attrs(class_='icp-index-row', data_index=p.id)}>"
            f"<td><a{_attrs(href='#' + province_anchor(p.id))}>{_province_title(p)}</a></td>"
            f'<td lang="zh">{escape(" / ".join(p.abbreviations))}</td>'
            f"<td>{len(p.caveats)}</td><td>{conflict_cell}</td></tr>"
        )
    return "\n".join(
        [
            '<div class="icp-table-wrap"><table class="icp-region-index">',
            "<thead><tr><th>Province</th><th>Prefix</th><th>Caveats</th><th>Sources disagree</th></tr></thead>",
            "<tbody>",
            *rows,
            "</tbody></table></div>",
        ]
    )


def render_regions(content: Content, page: str = REGIONS_PAGE) -> str:
    """The index of provinces, then one section per province with a row per caveat."""
    sections = (_province_section(content, p, page) for p in content.provinces.values())
    return "\n".join(['<div class="icp-regions">', _regions_index(content), *sections, "</div>"])


def render_abbreviations(content: Content, page: str = REGIONS_PAGE) -> str:
    """Provinces and the prefixes seen in their filing numbers (most recent first)."""
    rows = []
    for p in content.provinces.values():
        href = relative_href(f"{REGIONS_PAGE}#{province_anchor(p.id)}", page)
        seen = ""
        if len(p.abbreviations) > 1:
            seen = f"{len(p.abbreviations)} prefixes are seen in real numbers; the recent ones use {escape(p.abbreviations[0])}."
        note = " ".join(x for x in (seen, escape(p.note)) if x)
        rows.append(
            f"<tr{_attrs(class_='icp-abbr-row', data_abbr_province=p.id, data_abbreviations=' '.join(p.abbreviations))}>"
            f"<td><a{_attrs(href=href)}>{_province_title(p)}</a></td>"
            f'<td lang="zh" class="icp-abbr">{escape(" / ".join(p.abbreviations))}</td>'
            f'<td lang="zh"><code>{escape(p.abbreviations[0])}ICP备…号</code></td>'
            f"<td>{note}</td></tr>"
        )
    return "\n".join(
        [
            '<div class="icp-table-wrap"><table class="icp-abbreviations">',
            "<thead><tr><th>Province</th><th>Prefix</th><th>Number looks like</th><th>Note</th></tr></thead>",
            "<tbody>",
            *rows,
            "</tbody></table></div>",
        ]
    )


# --- sources ----------------------------------------------------------------------------------


def _citations(content: Content) -> dict[str, int]:
    counts: dict[str, int] = {}

    def cite(keys: Iterable[str]) -> None:
        for key in keys:
            counts[key] = counts.get(key, 0) + 1

    for p in content.provinces.values():
        for c in p.caveats:
            cite(c.sources)
    for o in content.outcomes.values():
        cite(o.sources)
        for m in o.materials:
            cite(m.sources)
        for w in o.warnings:
            cite(w.sources)
    return counts


def render_sources(content: Content) -> str:
    """One entry per source, with the id ``src-<key>`` that regional rows and results link to."""
    citations = _citations(content)
    items = []
    for s in content.sources.values():
        link = f"<a{_attrs(href=s.url, class_='icp-source-url')}>{escape(s.url)}</a>" if s.url else "No public URL."
        cited = citations.get(s.key, 0)
        items.append(
            f"<dt{_attrs(id=source_anchor(s.key), data_source=s.key)}><code>{escape(s.key)}</code> "
            f"{escape(s.title)}</dt>\n"
            f"<dd>{link}<br>"
            f'<span class="icp-source-date">Date: {escape(s.date)}</span>'
            + (f' · <span class="icp-source-note">{escape(s.note)}</span>' if s.note else "")
            + f' · <span class="icp-source-cited">cited {_count(cited, "time")} in the tree and regional data</span></dd>'
        )
    return "\n".join(['<dl class="icp-sources-list">', *items, "</dl>"])


# --- walkthrough ------------------------------------------------------------------------------


def walk_order(content: Content) -> list[str]:
    """Every node once, breadth-first from the start, in the order the content lists choices."""
    seen = {content.start}
    order = []
    queue = deque([content.start])
    while queue:
        node_id = queue.popleft()
        order.append(node_id)
        question = content.questions.get(node_id)
        for choice in question.choices if question else ():
            if choice.next not in seen:
                seen.add(choice.next)
                queue.append(choice.next)
    order += [n for n in (*content.questions, *content.outcomes) if n not in seen]
    return order


def _predecessors(content: Content) -> dict[str, list[Question]]:
    preds: dict[str, list[Question]] = {}
    for q in content.questions.values():
        for nxt in dict.fromkeys(c.next for c in q.choices):
            preds.setdefault(nxt, []).append(q)
    return preds


def _node_title(content: Content, node_id: str) -> str:
    if node_id in content.questions:
        return content.questions[node_id].text
    return content.outcomes[node_id].title


def _next_label(content: Content, node_id: str) -> str:
    kind = "question" if node_id in content.questions else "result"
    return f'<span class="icp-next">→ {kind}: {escape(_node_title(content, node_id))}</span>'


def _heading(anchor: str, inner: str) -> str:
    return (
        f"<h3{_attrs(id=anchor)}>{inner} "
        f"<a{_attrs(class_='headerlink', href='#' + anchor, title='Link to this section')}>¶</a></h3>"
    )


def _reached_from(content: Content, node_id: str, preds: dict[str, list[Question]]) -> str:
    sources = preds.get(node_id, [])
    if not sources:
        return ""
    links = ", ".join(f"<a{_attrs(href='#' + question_anchor(q.id))}>{escape(q.text)}</a>" for q in sources)
    return f'<p class="icp-reached-from">Reached from: {links}</p>'


def _question_section(content: Content, q: Question, page: str, preds: dict[str, list[Question]]) -> str:
    anchor = question_anchor(q.id)
    parts = [
        f"<section{_attrs(class_=f'icp-node icp-question icp-question--{q.kind.value}', data_node=q.id)}>",
        _heading(anchor, f'<span class="icp-node-kind">Question</span> {escape(q.text)} {_zh(q.text_zh)}'),
    ]
    if q.help:
        parts.append(f'<p class="icp-help">{escape(q.help)}</p>')
    if q.kind is QuestionKind.PROVINCE:
        nxt = q.choices[0].next if q.choices else ""
        provinces = ", ".join(
            f"<a{_attrs(href=relative_href(f'{REGIONS_PAGE}#{province_anchor(c.id)}', page))}>"
            f"{escape(c.label)} {_zh(c.label_zh)}</a>"
            for c in q.choices
        )
        parts.append(
            f'<p class="icp-province-list">Pick one of the {len(q.choices)} provinces: {provinces}. '
            "The answer does not change the route; it chooses which regional caveats a result shows.</p>"
        )
        if nxt:
            parts.append(
                f'<ul class="icp-choices"><li><a{_attrs(href="#" + node_anchor(content, nxt), data_next=nxt)}>'
                f"Continue</a> {_next_label(content, nxt)}</li></ul>"
            )
    else:
        items = []
        for c in q.choices:
            hint = f'<br><span class="icp-hint">{escape(c.hint)}</span>' if c.hint else ""
            items.append(
                f"<li{_attrs(data_choice=c.id)}><a{_attrs(href='#' + node_anchor(content, c.next), data_next=c.next)}>"
                f"{escape(c.label)}</a> {_zh(c.label_zh)} {_next_label(content, c.next)}{hint}</li>"
            )
        parts += ['<ul class="icp-choices">', *items, "</ul>"]
    parts += [_reached_from(content, q.id, preds), "</section>"]
    return "\n".join(p for p in parts if p)


def _materials(materials: tuple[Material, ...], content: Content, page: str) -> list[str]:
    parts = []
    for applies in (AppliesTo.ALL, AppliesTo.INDIVIDUAL, AppliesTo.ENTERPRISE):
        group = [m for m in materials if m.applies_to is applies]
        if not group:
            continue
        items = (
            f"<li{_attrs(data_applies_to=applies.value)}>{escape(m.text)} "
            f'<span class="icp-cite">({_source_links(content, m.sources, page)})</span></li>'
            for m in group
        )
        parts += [f'<p class="icp-group">{_APPLIES_TO[applies]}</p>', '<ul class="icp-materials">', *items, "</ul>"]
    return parts


def _warning(content: Content, w: Caveat, page: str) -> str:
    conflict = f" {_conflict_mark()}" if w.conflict else ""
    zh = f'<br><span lang="zh" class="icp-caveat-text-zh">{escape(w.text_zh)}</span>' if w.text_zh else ""
    return (
        f"<li{_attrs(class_='icp-warning', data_applies_to=w.applies_to.value, data_confidence=w.confidence.value)}>"
        f"{escape(w.text)}{zh}{conflict} "
        f'<span class="icp-cite">({_APPLIES_TO[w.applies_to]}; {_source_links(content, w.sources, page)}; '
        f"as of {escape(w.as_of)}; {_confidence(w.confidence.value)})</span></li>"
    )


def _outcome_section(content: Content, o: Outcome, page: str, preds: dict[str, list[Question]]) -> str:
    kind = content.outcome_kinds.get(o.kind, o.kind)
    parts = [
        f"<section{_attrs(class_=f'icp-node icp-outcome icp-outcome--{o.kind}', data_node=o.id)}>",
        _heading(outcome_anchor(o.id), f'<span class="icp-node-kind">Result</span> {escape(o.title)} {_zh(o.title_zh)}'),
        f'<p class="icp-outcome-kind">{escape(kind)}</p>',
        f'<p class="icp-why">{escape(o.why)}</p>',
        '<p class="icp-group">Steps</p>',
        '<ol class="icp-steps">',
        *(f"<li>{escape(step)}</li>" for step in o.steps),
        "</ol>",
    ]
    if o.materials:
        parts += ['<div class="icp-materials-block">', *_materials(o.materials, content, page), "</div>"]
    if o.warnings:
        parts += [
            '<p class="icp-group">Warnings</p>',
            '<ul class="icp-warnings">',
            *(_warning(content, w, page) for w in o.warnings),
            "</ul>",
        ]
    if o.caveat_topics:
        topics = "; ".join(escape(content.topics.get(t, t)) for t in o.caveat_topics)
        href = relative_href(f"{REGIONS_PAGE}#table", page)
        parts.append(
            f'<p class="icp-regional">Your province may add rules on: {topics}. '
            f"See <a{_attrs(href=href)}>Regional differences</a>.</p>"
        )
    if o.links:
        links = ", ".join(
            f"<a{_attrs(href=relative_href(page_url(content.links[k].path), page), data_link=k)}>"
            f"{escape(content.links[k].title)}</a>"
            for k in o.links
            if k in content.links
        )
        parts.append(f'<p class="icp-read-more">Read more: {links}</p>')
    parts.append(f'<p class="icp-based-on">Based on: {_source_links(content, o.sources, page)}</p>')
    parts += [_reached_from(content, o.id, preds), "</section>"]
    return "\n".join(p for p in parts if p)


def render_walkthrough(content: Content, page: str = TREE_PAGE) -> str:
    """Every question, then every result, as linked sections, starting at ``content.start``."""
    preds = _predecessors(content)
    order = walk_order(content)
    questions = [_question_section(content, content.questions[n], page, preds) for n in order if n in content.questions]
    outcomes = [_outcome_section(content, content.outcomes[n], page, preds) for n in order if n in content.outcomes]
    start = question_anchor(content.start)
    return "\n".join(
        [
            f"<div{_attrs(class_='icp-walkthrough', data_start=content.start, data_version=content.version)}>",
            f'<p class="icp-start">Start with <a{_attrs(href="#" + start)}>the first question</a>. '
            f"{len(content.questions)} questions and {len(content.outcomes)} results; "
            f"content of {escape(content.version)}.</p>",
            '<div class="icp-questions">',
            *questions,
            "</div>",
            '<div class="icp-outcomes">',
            *outcomes,
            "</div>",
            "</div>",
        ]
    )


# --- the fences -------------------------------------------------------------------------------


def _current_page(md: Any, default: str) -> str:
    """The site URL of the page being rendered: MkDocs' own path processor knows it; else ``default``."""
    try:
        url = md.treeprocessors["relpath"].file.url
    except Exception:
        return default
    if not isinstance(url, str):
        return default
    return url.removeprefix("./")


def _register_anchors(md: Any, html: str) -> None:
    """Tell MkDocs' anchor validation about the ids in our HTML.

    superfences stores a fence's HTML away before MkDocs collects the page's anchors, so without
    this a Markdown link such as ``[Shaanxi](regions.md#province-shaanxi)`` would be reported as
    broken. Outside MkDocs (no such processor) this does nothing.
    """
    try:
        present = md.treeprocessors["mkdocs_extract_anchors"].present_anchor_ids
    except Exception:
        return
    if isinstance(present, set):
        present.update(unescape(anchor) for anchor in _ID_ATTR.findall(html))


def _fail(language: str, exc: Exception) -> Exception:
    """superfences silently drops a fence whose formatter raises, unless it is its own exception."""
    message = f"the {language} fence failed: {exc}"
    try:
        cls = importlib.import_module("pymdownx.superfences").SuperFencesException
    except (ImportError, AttributeError):
        return RuntimeError(message)
    error: Exception = cls(message)
    return error


def run_fence(source: str, language: str, md: Any, default_page: str, render: Callable[[Content, str], str]) -> str:
    """Render a fence from the packaged content; any failure stops the build instead of vanishing."""
    try:
        if source.strip():
            raise ValueError("it takes no body: write the opening and closing fence lines only")
        html = render(loader.load(), _current_page(md, default_page))
    except Exception as exc:
        raise _fail(language, exc) from exc
    _register_anchors(md, html)
    return html


def icp_regions(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    return run_fence(source, language, md, REGIONS_PAGE, render_regions)


def icp_abbreviations(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    return run_fence(source, language, md, REGIONS_PAGE, render_abbreviations)


def icp_sources(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    return run_fence(source, language, md, SOURCES_PAGE, lambda content, _page: render_sources(content))


def icp_tree(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """The interactive widget, with its first question rendered now for first paint."""
    from . import web

    def widget(content: Content, page: str) -> str:
        return web.widget_html(content, root="../" * page.count("/"))

    return run_fence(source, language, md, TREE_PAGE, widget)


def icp_walkthrough(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    return run_fence(source, language, md, TREE_PAGE, render_walkthrough)
