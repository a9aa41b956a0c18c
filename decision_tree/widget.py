"""The tree widget's views: a question or a result as HTML, the same in the browser and at build time.

At build time the tree page gets the first question (``static=True``: every link leads to the
node's section in the walkthrough, so the page works without JavaScript). In the browser, Pyodide
renders each state with these same functions, and every link carries the answer code of the state
it leads to (``?a=CODE``), so Back, Change and Start again are plain links too. A question shown
again to change its answer (``?a=CODE&change=QUESTION``) marks the earlier answer, and each of its
choices leads to the state that keeps every later answer that still fits.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import answer_token, urls
from .engine import Answer, Result, State
from .markup import attrs, checklist, escape, fill, result_body, tag, with_zh
from .messages import Messages
from .model import Content, Outcome, Question, QuestionKind, asks_again
from .present import ResultView

# Placeholders of a prerendered view (``template``): boot.js puts the state's answer code, the code
# one answer back, the link to it, and the question's number in their place, and the view is then
# exactly what Python would render for that state (tests/test_prerender.py checks every state).
TOKEN, BACK, BACK_HREF, NUMBER = "{{token}}", "{{back}}", "{{back_href}}", "{{n}}"
# A state some answers on from the view's, as (start, end) around those answers' characters:
# ``{{token+3}}`` is the code of the view's answers and the answer '3' (its check character is not
# the view's, so walk.js makes the code).
ON = ("{{token+", "}}")


class _Links:
    """How the view's links are written: to states of the tree, or (before Python) to the walkthrough."""

    def __init__(self, here: str, *, static: bool) -> None:
        self.here = here
        self.static = static

    def token(self, state: State) -> str:
        return state.token if state.answers else ""

    def number(self, state: State) -> str:
        return str(len(state.answered) + 1)

    def href(self, state: State, change: str = "") -> str:
        if self.static:
            return urls.walkthrough_href(state.content, state.current.id, self.here)
        return urls.state_href(self.token(state), change)

    def link(self, state: State, label_html: str, css: str, *, change: str = "", **extra: str) -> str:
        if change:
            extra["data_change"] = change
        return f"<a{attrs(class_=css, href=self.href(state, change), data_token=self.token(state), **extra)}>{label_html}</a>"


class _TemplateLinks(_Links):
    """The links of a view of ``source`` written with placeholders for its code, so that one view
    serves every state at the same node: a state one answer on is ``{{token+<that answer's
    character>}}`` (``ON``), the state one answer back ``{{back}}``."""

    def __init__(self, here: str, source: State) -> None:
        super().__init__(here, static=False)
        self.source = source

    def token(self, state: State) -> str:
        own = self.source.answers
        # One answer back first: for a question after the first answer that is the start itself,
        # and the template must not write the start in, since other states at this node are deeper.
        if state.answers == own[:-1]:
            return BACK
        if not state.answers:
            return ""
        if state.answers == own:
            return TOKEN
        if state.answers[: len(own)] == own:
            more = answer_token.answer_characters([a.index for a in state.answered[len(own) :]])
            return ON[0] + more + ON[1]
        raise ValueError(f"a template of {self.source.current.id!r} links to a state it cannot name: {state.token}")

    def number(self, state: State) -> str:
        return NUMBER

    def href(self, state: State, change: str = "") -> str:
        token = self.token(state)
        return BACK_HREF if token == BACK else urls.state_href(token, change)


def _search_terms(content: Content, choice_id: str) -> str:
    """What a reader may type to find a province: its pinyin id, English name, Chinese name, prefixes."""
    p = content.provinces[choice_id]
    return " ".join([p.id, p.name_en.lower(), p.name_zh, *p.abbreviations])


def _province_filter(question: Question, m: Messages) -> str:
    """The type-ahead box over the province list: hidden until boot.js runs (the list works without it)."""
    box = f"icp-filter-{question.id}"
    return (
        f"<div{attrs(class_='icp-filter', hidden='')}>"
        f"<label{attrs(for_=box)}>{escape(m('tree.filter_label'))}</label>"
        f"<input{attrs(id=box, type='search', class_='icp-filter__input', autocomplete='off', spellcheck='false')}"
        f"{attrs(aria_describedby=box + '-hint')}>"
        f"{tag('span', escape(m('tree.filter_hint')), id=box + '-hint', class_='icp-filter__hint')}"
        f"{tag('span', '', class_='icp-filter__count', role='status', aria_live='polite')}"
        "</div>"
    )


def _domain_check(question: Question, m: Messages, links: _Links) -> str:
    """"Check my domain": a link to the Tools page that works anywhere, and a form that boot.js shows
    once Python runs. The form is never submitted: the domain stays in the page, out of the address."""
    box = f"icp-domain-check-{question.id}"
    tools = urls.relative_href(urls.TOOLS_PAGE, links.here) + "#" + urls.TOOL_ANCHORS["domain"]
    form = (
        f"<form{attrs(class_='icp-domain-check__form', hidden='', novalidate='')}>"
        f"<label{attrs(for_=box)}>{escape(m('tree.domain_check.label'))}</label>"
        f"<input{attrs(id=box, name='domain', type='text', inputmode='url', autocomplete='off', spellcheck='false')}"
        f"{attrs(autocapitalize='none', aria_describedby=box + '-error')}>"
        f"{tag('button', escape(m('tree.domain_check.button')), type='submit')}"
        "</form>"
    )
    return tag(
        "section",
        tag("h3", escape(m("tree.domain_check.title")))
        + tag("p", escape(m("tree.domain_check.intro")), class_="icp-domain-check__intro", hidden="")
        + form
        + tag("p", "", id=box + "-error", class_="icp-domain-check__error", role="alert", hidden="")
        + tag("div", "", class_="icp-domain-check__result", aria_live="polite")
        + tag("p", tag("a", escape(m("tree.domain_check.tools_link")), href=tools), class_="icp-domain-check__tools"),
        class_="icp-domain-check",
        data_icp_domain_check="",
        data_checking=m("tree.domain_check.checking"),
    )


def _question(
    state: State,
    question: Question,
    m: Messages,
    links: _Links,
    *,
    known: Mapping[str, str],
    selected: str,
    back_to: State | None,
) -> str:
    parts = [f"<div{attrs(class_='icp-q', data_question=question.id)}>"]
    back = back_to if back_to is not None else state.back()
    if state.answers or back_to is not None:
        parts.append(tag("p", links.link(back, escape(m("tree.back")), "icp-back"), class_="icp-nav"))
    parts.append(tag("p", escape(m("tree.question_number", n=links.number(state))), class_="icp-progress"))
    # elementtiming lets the benchmark time when the build-time question is painted.
    timing = ' elementtiming="icp-first-question"' if links.static else ""
    heading = with_zh(question.text, question.text_zh)
    parts.append(f'<h2 class="icp-heading" id="{urls.CURRENT_VIEW_ID}" tabindex="-1"{timing}>{heading}</h2>')
    if question.help:
        parts.append(tag("p", escape(question.help), class_="icp-help"))
    if question.checks:
        parts.append(checklist(question))
    if question.tool == "domain":
        # Above the choices: its finding answers the first check, before the reader picks.
        parts.append(_domain_check(question, m, links))
    province = question.kind is QuestionKind.PROVINCE
    if province:
        parts.append(_province_filter(question, m))
    grid = " icp-choices--grid" if province else ""
    parts.append(f"<ul{attrs(class_='icp-choices' + grid, aria_label=m('tree.choices'))}>")
    for choice in question.choices:
        label = tag("span", with_zh(choice.label, choice.label_zh), class_="icp-choice__label")
        if choice.id == selected:
            label += tag("span", escape(m("tree.your_answer")), class_="icp-choice__current")
        if choice.hint:
            label += tag("span", escape(choice.hint), class_="icp-choice__hint")
        extra = {"data_choice": choice.id}
        if province:
            extra["data_search"] = _search_terms(state.content, choice.id)
        if choice.id == selected:
            extra["aria_current"] = "true"
        css = "icp-choice" + (" icp-choice--selected" if choice.id == selected else "")
        parts.append(tag("li", links.link(state.answer_keeping(choice.id, known), label, css, **extra)))
    parts.append("</ul>")
    if state.answers:
        restart = links.link(State.start(state.content), escape(m("tree.start_again")), "icp-restart")
        parts.append(tag("p", restart, class_="icp-restart-line"))
    parts.append("</div>")
    return "".join(parts)


def _answer_row(state: State, answer: Answer, m: Messages, links: _Links) -> str:
    hidden = tag("span", fill(m, "tree.change_hidden", question=escape(answer.question.text)), class_="icp-visually-hidden")
    change = links.link(state, escape(m("tree.change")) + hidden, "icp-change", change=answer.question.id)
    label = with_zh(answer.choice.label, answer.choice.label_zh)
    return f"<div><dt>{escape(answer.question.text)}</dt><dd>{label} {change}</dd></div>"


def answer_rows(state: State, m: Messages, links: _Links) -> list[str]:
    """One row per answer of "Your answers": the question, the answer, a link to change it."""
    return [_answer_row(state, answer, m, links) for answer in state.answered]


def view_key(question: Question) -> str:
    """What names a question's prerendered views (its template, its rows): its id, and the key of
    the wording it is asked in, if any ("subject_type|what_online=app")."""
    return f"{question.id}|{question.wording}" if question.wording else question.id


def row_templates(content: Content, here: str, m: Messages) -> dict[str, list[str]]:
    """Every answer's row of "Your answers", by question (in each of its wordings: ``view_key``) and
    in the order of its choices, with the result's code as a placeholder (``TOKEN``): one row serves
    every result that has that answer."""
    first = content.questions[content.start]
    source = State.start(content).answer(first.choices[0].id)  # any state with an answer: it is TOKEN
    links = _TemplateLinks(here, source)
    return {
        view_key(q): [_answer_row(source, Answer(q, choice, index), m, links) for index, choice in enumerate(q.choices)]
        for question in content.questions.values()
        for q in question.phrasings
    }


def _answers(state: State, m: Messages, links: _Links, rows: list[str] | None = None) -> str:
    rows = answer_rows(state, m, links) if rows is None else rows
    return f"<h3>{escape(m('result.your_answers'))}</h3>" + tag("dl", "".join(rows), class_="icp-answers")


def _result(state: State, m: Messages, links: _Links, *, body: str | None = None, answers: str | None = None) -> str:
    here = links.here
    view = ResultView(state.content, state.result(), m)
    o = view.result.outcome
    actions = (
        f"<button{attrs(type='button', class_='md-button md-button--primary', data_action='copy-markdown')}>"
        f"{escape(m('tree.copy_markdown'))}</button> "
        f"<button{attrs(type='button', class_='md-button', data_action='print')}>{escape(m('tree.print'))}</button> "
        + links.link(State.start(state.content), escape(m("tree.start_again")), "icp-restart md-button")
        + tag("span", "", class_="icp-actions__status", role="status", aria_live="polite")
    )
    version = fill(m, "result.code_line", code=tag("code", escape(links.token(state))), version=escape(view.result.version))
    changes = urls.relative_href(urls.CHANGES_PAGE, here)
    version += " " + tag("a", escape(m("result.what_changed")), href=changes, class_="icp-changes-link")
    return "".join(
        [
            f"<article{attrs(class_=f'icp-result icp-result--{o.kind}', data_outcome=o.id)}>",
            tag("p", links.link(state.back(), escape(m("tree.back")), "icp-back"), class_="icp-nav"),
            result_body(view, here) if body is None else body,
            _back_to_question(state, m, links) if asks_again(o) else "",
            _answers(state, m, links) if answers is None else answers,
            tag("p", actions, class_="icp-actions"),
            tag("p", f"{version} {escape(m('disclaimer.short'))}", class_="icp-version"),
            "</article>",
        ]
    )


def _back_to_question(state: State, m: Messages, links: _Links) -> str:
    """After a "find out first" result: the question it came from, every answer kept (as Back does)."""
    link = links.link(state.back(), escape(m("tree.back_to_question")), "icp-back-to-question md-button")
    return tag("p", link, class_="icp-back-to-question-line")


def render_template(state: State, here: str, m: Messages) -> str:
    """The view of ``state``'s question written for every state at that question: the answer codes
    and the question's number are placeholders (``TOKEN``, ``BACK``, ``BACK_HREF``, ``NUMBER``)."""
    node = state.current
    if not isinstance(node, Question) or not state.answers:
        raise ValueError("a template is made of a question after the first answer")
    return _question(state, node, m, _TemplateLinks(here, state), known={}, selected="", back_to=None)


def result_body_key(result: Result) -> tuple[object, ...]:
    """What a result's body depends on: the outcome, the subject, the province, what follows, which
    statements apply to the answers (``scope``) and what the filings are for. Results with the same key
    have the same body, whatever the answers that led to them."""
    shown = tuple(s.text for s in (*result.warnings, *result.regional, *(w for ws in result.also_warnings for w in ws)))
    folded = tuple((f.reason, f.statement.text) for f in result.other)
    purpose = tuple(a.choice.result_for for a in result.answered if a.choice.result_for)
    materials = tuple(m.text for m in result.materials)  # a material may be listed only for some answers
    return (
        result.outcome.id, result.subject, result.province.id if result.province else "", tuple(o.id for o in result.also),
        shown, folded, purpose, materials,
    )


def result_template(state: State, here: str, m: Messages) -> tuple[str, str, list[str]]:
    """A result as (article, body, answer rows), its codes as placeholders."""
    links = _TemplateLinks(here, state)
    body = result_body(ResultView(state.content, state.result(), m), here)
    rows = answer_rows(state, m, links)
    return _result(state, m, links, body=body, answers=_answers(state, m, links, rows)), body, rows


def render_state(
    state: State,
    here: str,
    m: Messages,
    *,
    static: bool = False,
    known: Mapping[str, str] | None = None,
    selected: str = "",
    back_to: State | None = None,
) -> str:
    """The widget's view of ``state`` on the page at site URL ``here``.

    ``known``: answers the reader gave to later questions, kept for the choices of this one;
    ``selected``: the choice to mark as the earlier answer; ``back_to``: where Back leads instead
    of one question back (the result a Change link came from).
    """
    node = state.current
    links = _Links(here, static=static)
    if isinstance(node, Outcome):
        return _result(state, m, links)
    return _question(state, node, m, links, known=known or {}, selected=selected, back_to=back_to)


def announcement(state: State, m: Messages) -> str:
    """What a screen reader hears after each step (the heading already shows it)."""
    node = state.current
    if isinstance(node, Outcome):
        return m("tree.announce_result", title=node.title)
    return m("tree.announce_question", n=len(state.answered) + 1, text=node.text)


def title(state: State) -> str:
    node = state.current
    return node.title if isinstance(node, Outcome) else node.text
