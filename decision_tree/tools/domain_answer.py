"""The domain check inside the tree: a reader's domain, checked, and the answer it gives to the question.

The name tells only the first of the domain question's checks (is the suffix on MIIT's list); the
verdict says what the sources say, and where it settles the question (``tool_answers`` in
tree.toml) a link gives those answers. The domain itself goes nowhere: the link carries the answer
code of the state it leads to, which holds only the choices.
"""

from __future__ import annotations

from ..engine import State
from ..errors import AnswerError
from ..markup import attrs, escape, tag, with_zh
from ..messages import Messages
from ..model import Question
from ..urls import state_href
from . import domain_view
from .domain_check import DomainReport


def answers(question: Question, report: DomainReport) -> tuple[str, ...]:
    """The choices the report's verdict makes, from this question on; () when the reader must choose."""
    return question.answers_for(report.verdict.value)


def html(state: State, report: DomainReport, m: Messages, here: str) -> str:
    """The verdict, then what it means for the question: the answers it gives, or what is left to check."""
    question = state.current
    if not isinstance(question, Question):
        raise AnswerError(f"the domain check answers a question; the walk is at the result {question.id!r}")
    parts = [tag("p", escape(domain_view.kind_line(report, m)), class_="icp-domain-kind")]
    parts.append(domain_view.verdict_html(report, m, here=here, level=4))
    given = answers(question, report)
    if given:
        target = state
        labels = []
        for choice_id in given:
            node = target.current
            assert isinstance(node, Question)
            choice = node.choice(choice_id)
            assert choice is not None
            labels.append(with_zh(choice.label, choice.label_zh))
            target = target.answer(choice_id)
        link = f"<a{attrs(class_='icp-choice icp-domain-answer__go', href=state_href(target.token), data_token=target.token)}>"
        link += escape(m("tree.domain_check.give_answers")) + "</a>"
        chosen = "".join(tag("li", label) for label in labels)
        parts.append(tag("p", escape(m("tree.domain_check.answers"))) + tag("ol", chosen) + tag("p", link))
    else:
        parts.append(tag("p", escape(m(f"tree.domain_check.{report.verdict.value}")), class_="icp-domain-answer__left"))
    return tag("div", "".join(parts), class_="icp-domain-answer", data_verdict=report.verdict.value)
