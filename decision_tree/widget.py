"""The tree widget's views: a question or a result as HTML, the same in the browser and at build time.

At build time the tree page gets the first question (``static=True``: every link leads to the
node's section in the walkthrough, so the page works without JavaScript). In the browser, Pyodide
renders each state with these same functions, and every link carries the answer code of the state
it leads to (``?a=CODE``), so Back, Change and Start again are plain links too.
"""

from __future__ import annotations

from . import urls
from .engine import State
from .markup import attrs, escape, fill, result_body, tag, with_zh
from .messages import Messages
from .model import Outcome, Question, QuestionKind
from .present import ResultView


def _href(state: State, *, static: bool) -> str:
    if static:
        return urls.walkthrough_href(state.content, state.current.id)
    return urls.state_href(state.token if state.answers else "")


def _link(state: State, label_html: str, css: str, *, static: bool, **extra: str) -> str:
    token = state.token if state.answers else ""
    return f"<a{attrs(class_=css, href=_href(state, static=static), data_token=token, **extra)}>{label_html}</a>"


def _question(state: State, question: Question, m: Messages, *, static: bool) -> str:
    parts = [f"<div{attrs(class_='icp-q', data_question=question.id)}>"]
    if state.answers:
        parts.append(tag("p", _link(state.back(), escape(m("tree.back")), "icp-back", static=static), class_="icp-nav"))
    parts.append(tag("p", escape(m("tree.question_number", n=len(state.answered) + 1)), class_="icp-progress"))
    # elementtiming lets the benchmark time when the build-time question is painted.
    timing = ' elementtiming="icp-first-question"' if static else ""
    heading = with_zh(question.text, question.text_zh)
    parts.append(f'<h2 class="icp-heading" id="{urls.CURRENT_VIEW_ID}" tabindex="-1"{timing}>{heading}</h2>')
    if question.help:
        parts.append(tag("p", escape(question.help), class_="icp-help"))
    grid = " icp-choices--grid" if question.kind is QuestionKind.PROVINCE else ""
    parts.append(f"<ul{attrs(class_='icp-choices' + grid, aria_label=m('tree.choices'))}>")
    for choice in question.choices:
        label = tag("span", with_zh(choice.label, choice.label_zh), class_="icp-choice__label")
        if choice.hint:
            label += tag("span", escape(choice.hint), class_="icp-choice__hint")
        parts.append(tag("li", _link(state.answer(choice.id), label, "icp-choice", static=static, data_choice=choice.id)))
    parts.append("</ul>")
    if state.answers:
        restart = _link(State.start(state.content), escape(m("tree.start_again")), "icp-restart", static=static)
        parts.append(tag("p", restart, class_="icp-restart-line"))
    parts.append("</div>")
    return "".join(parts)


def _answers(state: State, m: Messages, *, static: bool) -> str:
    rows = []
    for answer in state.answered:
        hidden = tag("span", fill(m, "tree.change_hidden", question=escape(answer.question.text)), class_="icp-visually-hidden")
        change = _link(state.change(answer.question.id), escape(m("tree.change")) + hidden, "icp-change", static=static)
        label = with_zh(answer.choice.label, answer.choice.label_zh)
        rows.append(f"<div><dt>{escape(answer.question.text)}</dt><dd>{label} {change}</dd></div>")
    return f"<h3>{escape(m('result.your_answers'))}</h3>" + tag("dl", "".join(rows), class_="icp-answers")


def _result(state: State, here: str, m: Messages, *, static: bool) -> str:
    view = ResultView(state.content, state.result(), m)
    o = view.result.outcome
    actions = (
        f"<button{attrs(type='button', class_='md-button md-button--primary', data_action='copy-markdown')}>"
        f"{escape(m('tree.copy_markdown'))}</button> "
        f"<button{attrs(type='button', class_='md-button', data_action='print')}>{escape(m('tree.print'))}</button> "
        + _link(State.start(state.content), escape(m("tree.start_again")), "icp-restart md-button", static=static)
    )
    version = fill(m, "result.code_line", code=tag("code", escape(view.result.token)), version=escape(view.result.version))
    changes = urls.relative_href(urls.CHANGES_PAGE, here)
    version += " " + tag("a", escape(m("result.what_changed")), href=changes, class_="icp-changes-link")
    return "".join(
        [
            f"<article{attrs(class_=f'icp-result icp-result--{o.kind}', data_outcome=o.id)}>",
            tag("p", _link(state.back(), escape(m("tree.back")), "icp-back", static=static), class_="icp-nav"),
            result_body(view, here),
            _answers(state, m, static=static),
            tag("p", actions, class_="icp-actions"),
            tag("p", f"{version} {escape(m('disclaimer.short'))}", class_="icp-version"),
            "</article>",
        ]
    )


def render_state(state: State, here: str, m: Messages, *, static: bool = False) -> str:
    """The widget's view of ``state`` on the page at site URL ``here``."""
    node = state.current
    if isinstance(node, Outcome):
        return _result(state, here, m, static=static)
    return _question(state, node, m, static=static)


def announcement(state: State, m: Messages) -> str:
    """What a screen reader hears after each step (the heading already shows it)."""
    node = state.current
    if isinstance(node, Outcome):
        return m("tree.announce_result", title=node.title)
    return m("tree.announce_question", n=len(state.answered) + 1, text=node.text)


def title(state: State) -> str:
    node = state.current
    return node.title if isinstance(node, Outcome) else node.text
