"""The tree page's walkthrough: every question and every result as linked sections, for readers
without JavaScript (each answer is a link to the section it leads to) and for search."""

from __future__ import annotations

from collections import deque

from .. import urls
from ..markup import attrs, checklist, escape, fill, heading, source_links, statement_cite, tag, with_zh, zh
from ..messages import Messages
from ..model import AppliesTo, Content, Material, Outcome, Question, QuestionKind, Wording


def _targets(content: Content, node_id: str) -> list[str]:
    """The nodes a choice leading to ``node_id`` can reach: itself, or each route of a router (and of
    a router one of its routes leads to)."""
    router = content.routers.get(node_id)
    if router is None:
        return [node_id]
    return list(dict.fromkeys(t for route in router.routes.values() for t in _targets(content, route)))


def walk_order(content: Content) -> list[str]:
    """Every question and outcome once, breadth-first from the start, in the order the content lists choices."""
    seen = {content.start}
    order = []
    queue = deque([content.start])
    while queue:
        node_id = queue.popleft()
        order.append(node_id)
        question = content.questions.get(node_id)
        for choice in question.choices if question else ():
            for target in _targets(content, choice.next):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
    order += [n for n in (*content.questions, *content.outcomes) if n not in seen]
    return order


def _predecessors(content: Content) -> dict[str, list[Question]]:
    preds: dict[str, list[Question]] = {}
    for q in content.questions.values():
        for nxt in dict.fromkeys(t for c in q.choices for t in _targets(content, c.next)):
            preds.setdefault(nxt, []).append(q)
    return preds


def _by_answer(content: Content, router_id: str, m: Messages) -> tuple[str, str]:
    """The question a router reads and where each of its answers leads, in words (a route that is a
    router in turn says which answer decides there)."""
    router = content.routers[router_id]
    question = content.questions[router.question]
    routes = []
    for choice in question.choices:
        target = router.routes[choice.id]
        if target in content.routers:
            inner, inner_routes = _by_answer(content, target, m)
            title = m("walkthrough.by_answer", question=inner, results=inner_routes)
        else:
            title = content.outcomes[target].title if target in content.outcomes else content.questions[target].text
        routes.append(m("walkthrough.route", choice=choice.label, title=title))
    return question.text, "; ".join(routes)


def _next_label(content: Content, node_id: str, m: Messages) -> str:
    if node_id in content.routers:
        question, routes = _by_answer(content, node_id, m)
        text = m("walkthrough.next_by_answer", question=question, results=routes)
        return tag("span", escape(text), class_="icp-next")
    if node_id in content.questions:
        text = m("walkthrough.next_question", title=content.questions[node_id].text)
    else:
        text = m("walkthrough.next_result", title=content.outcomes[node_id].title)
    return tag("span", escape(text), class_="icp-next")


def _node_heading(anchor: str, kind: str, english: str, chinese: str, m: Messages) -> str:
    return heading(3, anchor, f'{tag("span", escape(kind), class_="icp-node-kind")} {with_zh(english, chinese)}', m)


def _reached_from(node_id: str, preds: dict[str, list[Question]], m: Messages) -> str:
    sources = preds.get(node_id, [])
    if not sources:
        return ""
    links = m("join.names").join(tag("a", escape(q.text), href="#" + urls.question_anchor(q.id)) for q in sources)
    return tag("p", fill(m, "walkthrough.reached_from", links=links), class_="icp-reached-from")


def _wording(content: Content, q: Question, w: Wording, m: Messages) -> str:
    """The question's words after an earlier answer ("After “A mobile app”: In whose name …")."""
    asked = q.asked({w.question: w.choice})
    choice = content.questions[w.question].choice(w.choice)
    assert choice is not None  # the loader checked it
    answer = tag("a", escape(choice.label), href="#" + urls.question_anchor(w.question))
    text = with_zh(asked.text, asked.text_zh)
    return tag("p", fill(m, "walkthrough.wording", answer=answer, text=text), class_="icp-wording", data_after=w.key)


def _question_section(content: Content, q: Question, here: str, preds: dict[str, list[Question]], m: Messages) -> str:
    parts = [
        f"<section{attrs(class_=f'icp-node icp-question icp-question--{q.kind.value}', data_node=q.id)}>",
        _node_heading(urls.question_anchor(q.id), m("walkthrough.question"), q.text, q.text_zh, m),
    ]
    if q.help:
        parts.append(tag("p", escape(q.help), class_="icp-help"))
    if q.checks:
        parts.append(checklist(q))
    parts += [_wording(content, q, w, m) for w in q.wordings]
    if q.kind is QuestionKind.PROVINCE:
        nxt = q.choices[0].next if q.choices else ""
        provinces = m("join.names").join(
            tag("a", with_zh(c.label, c.label_zh), href=urls.relative_href(urls.province_page(c.id), here)) for c in q.choices
        )
        pick = fill(m, "walkthrough.pick_province", count=str(len(q.choices)), provinces=provinces)
        parts.append(tag("p", pick, class_="icp-province-list"))
        if nxt:
            link = tag("a", escape(m("walkthrough.continue")), href=urls.walkthrough_href(content, nxt, here), data_next=nxt)
            parts.append(tag("ul", tag("li", f"{link} {_next_label(content, nxt, m)}"), class_="icp-choices"))
    else:
        items = []
        for c in q.choices:
            hint = "<br>" + tag("span", escape(c.hint), class_="icp-hint") if c.hint else ""
            target = _targets(content, c.next)[0]
            link = tag("a", escape(c.label), href=urls.walkthrough_href(content, target, here), data_next=c.next)
            zh_label = " " + zh(c.label_zh) if c.label_zh else ""
            items.append(tag("li", f"{link}{zh_label} {_next_label(content, c.next, m)}{hint}", data_choice=c.id))
        parts.append(tag("ul", "".join(items), class_="icp-choices"))
    parts += [_reached_from(q.id, preds, m), "</section>"]
    return "\n".join(p for p in parts if p)


def _material_cite(content: Content, material: Material, here: str, m: Messages) -> str:
    sources = source_links(content, material.sources, here, m)
    return tag("span", fill(m, "statement.cite_sources", sources=sources), class_="icp-cite")


def _materials(content: Content, materials: tuple[Material, ...], here: str, m: Messages) -> list[str]:
    parts = []
    for applies in (AppliesTo.ALL, AppliesTo.INDIVIDUAL, AppliesTo.ENTERPRISE):
        group = [mat for mat in materials if mat.applies_to is applies]
        if not group:
            continue
        items = "".join(
            tag("li", f"{escape(mat.text)} {_material_cite(content, mat, here, m)}", data_applies_to=applies.value)
            for mat in group
        )
        parts.append(tag("p", escape(m(f"applies_to.{applies.value}")), class_="icp-group"))
        parts.append(tag("ul", items, class_="icp-materials"))
    return parts


def _outcome_section(content: Content, o: Outcome, here: str, preds: dict[str, list[Question]], m: Messages) -> str:
    parts = [
        f"<section{attrs(class_=f'icp-node icp-outcome icp-outcome--{o.kind}', data_node=o.id)}>",
        _node_heading(urls.outcome_anchor(o.id), m("walkthrough.result"), o.title, o.title_zh, m),
        tag("p", escape(content.outcome_kinds.get(o.kind, o.kind)), class_="icp-outcome-kind"),
        tag("p", escape(o.why), class_="icp-why"),
        tag("p", escape(m("result.steps")), class_="icp-group"),
        tag("ol", "".join(tag("li", escape(step)) for step in o.steps), class_="icp-steps"),
    ]
    if o.materials:
        parts.append(tag("div", "".join(_materials(content, o.materials, here, m)), class_="icp-materials-block"))
    if o.warnings:
        parts.append(tag("p", escape(m("result.warnings")), class_="icp-group"))
        warnings = "".join(statement_cite(content, w, here, m, class_="icp-warning") for w in o.warnings)
        parts.append(tag("ul", warnings, class_="icp-warnings"))
    if o.caveat_topics:
        topics = m("join.names").join(escape(content.topics.get(t, t)) for t in o.caveat_topics)
        table = urls.at(urls.REGIONS_PAGE, urls.REGIONS_TABLE_ANCHOR)
        link = tag("a", escape(m("walkthrough.regions_link")), href=urls.relative_href(table, here))
        parts.append(tag("p", fill(m, "walkthrough.province_topics", topics=topics, link=link), class_="icp-regional"))
    if o.links:
        links = m("join.names").join(
            tag("a", escape(link.title), href=urls.relative_href(urls.page_url(link.path), here), data_link=link.key)
            for link in (content.links[k] for k in o.links if k in content.links)
        )
        parts.append(tag("p", fill(m, "walkthrough.read_more", links=links), class_="icp-read-more"))
    based_on = fill(m, "walkthrough.based_on", sources=source_links(content, o.sources, here, m))
    parts.append(tag("p", based_on, class_="icp-based-on"))
    parts += [_reached_from(o.id, preds, m), "</section>"]
    return "\n".join(p for p in parts if p)


def render_walkthrough(content: Content, here: str, m: Messages) -> str:
    """Every question, then every result, as linked sections, starting at ``content.start``."""
    preds = _predecessors(content)
    order = walk_order(content)
    questions = [_question_section(content, content.questions[n], here, preds, m) for n in order if n in content.questions]
    outcomes = [_outcome_section(content, content.outcomes[n], here, preds, m) for n in order if n in content.outcomes]
    start = tag("a", escape(m("walkthrough.first_question")), href="#" + urls.question_anchor(content.start))
    intro = fill(
        m,
        "walkthrough.intro",
        first=start,
        questions=str(len(content.questions)),
        results=str(len(content.outcomes)),
        version=escape(content.version),
    )
    return "\n".join(
        [
            f"<div{attrs(class_='icp-walkthrough', data_start=content.start, data_version=content.version)}>",
            tag("p", intro, class_="icp-start"),
            '<div class="icp-questions">',
            *questions,
            "</div>",
            '<div class="icp-outcomes">',
            *outcomes,
            "</div>",
            "</div>",
        ]
    )
