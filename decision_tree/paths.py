"""Every path through the tree, for review (tests/paths.md) and for comparing runtimes.

Subject and province questions do not change the route (the loader makes sure of it), so a path
records them once as "any" instead of multiplying every path by 2 × 31. A path also lists what
follows its outcome (``Result.also``: an app's or a mini-program's filing its answers added, what
comes after approval), so that a reviewer sees every filing the path ends in.
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine import State
from .messages import messages
from .model import Content, Outcome, Question, QuestionKind

ANY = "*"


@dataclass(frozen=True)
class TreePathStep:
    question_id: str
    question: str
    choice_id: str
    choice: str


@dataclass(frozen=True)
class TreePath:
    steps: tuple[TreePathStep, ...]
    outcome_id: str
    outcome: str
    then: tuple[Outcome, ...] = ()  # what follows the outcome on this path, in the result's order

    def as_dict(self) -> dict[str, object]:
        return {
            "answers": [
                {"question_id": s.question_id, "question": s.question, "choice_id": s.choice_id, "choice": s.choice}
                for s in self.steps
            ],
            "outcome_id": self.outcome_id,
            "outcome": self.outcome,
            "then": [{"outcome_id": o.id, "outcome": o.title} for o in self.then],
        }


def _routing_choices(question: Question, lang: str) -> list[tuple[str, str, str]]:
    if question.kind is QuestionKind.CHOICE:
        return [(c.id, c.label, c.next) for c in question.choices]
    m = messages(lang)
    label = m("paths.any_province") if question.kind is QuestionKind.PROVINCE else m("paths.any_subject")
    return [(ANY, label, question.choices[0].next)]


def states_along(content: Content, path: TreePath, subject: str, province: str) -> list[State]:
    """The states a walk of ``path`` passes through (after each answer), answering its "any" steps
    with ``subject`` and ``province``: a path made concrete, for tests and recorded codes."""
    state, states = State.start(content), []
    for step in path.steps:
        question = state.question
        assert question is not None and question.id == step.question_id, (question, step)
        choice = step.choice_id
        if choice == ANY:
            choice = subject if question.kind is QuestionKind.SUBJECT else province
        state = state.answer(choice)
        states.append(state)
    return states


def _follow_ons(content: Content, steps: tuple[TreePathStep, ...], outcome: Outcome) -> tuple[Outcome, ...]:
    """What the engine adds after ``outcome`` for these answers; an "any" step is answered with its
    question's first choice, since no subject or province choice adds a filing (the loader checks it)."""
    state = State.start(content)
    for step in steps:
        question = state.question
        assert question is not None and question.id == step.question_id, (question, step)
        state = state.answer(question.choices[0].id if step.choice_id == ANY else step.choice_id)
    return state.follow_ons(outcome)


def all_paths(content: Content) -> list[TreePath]:
    paths: list[TreePath] = []

    def walk(node_id: str, steps: tuple[TreePathStep, ...]) -> None:
        if node_id in content.routers:
            walk(content.routers[node_id].target({s.question_id: s.choice_id for s in steps}), steps)
            return
        node = content.node(node_id)
        if isinstance(node, Outcome):
            paths.append(TreePath(steps, node.id, node.title, _follow_ons(content, steps, node)))
            return
        asked = node.asked({s.question_id: s.choice_id for s in steps})
        for choice_id, label, nxt in _routing_choices(asked, content.lang):
            walk(nxt, (*steps, TreePathStep(node.id, asked.text, choice_id, label)))

    walk(content.start, ())
    return paths
