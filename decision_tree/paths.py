"""Every path through the tree, for review (tests/paths.md) and for comparing runtimes.

Subject and province questions do not change the route (the loader makes sure of it), so a path
records them once as "any" instead of multiplying every path by 2 × 31.
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

    def as_dict(self) -> dict[str, object]:
        return {
            "answers": [
                {"question_id": s.question_id, "question": s.question, "choice_id": s.choice_id, "choice": s.choice}
                for s in self.steps
            ],
            "outcome_id": self.outcome_id,
            "outcome": self.outcome,
        }


def _routing_choices(question: Question) -> list[tuple[str, str, str]]:
    if question.kind is QuestionKind.CHOICE:
        return [(c.id, c.label, c.next) for c in question.choices]
    m = messages()
    label = m("paths.any_province") if question.kind is QuestionKind.PROVINCE else m("paths.any_subject")
    return [(ANY, f"({label})", question.choices[0].next)]


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


def all_paths(content: Content) -> list[TreePath]:
    paths: list[TreePath] = []

    def walk(node_id: str, steps: tuple[TreePathStep, ...]) -> None:
        if node_id in content.routers:
            walk(content.routers[node_id].target({s.question_id: s.choice_id for s in steps}), steps)
            return
        node = content.node(node_id)
        if isinstance(node, Outcome):
            paths.append(TreePath(steps, node.id, node.title))
            return
        for choice_id, label, nxt in _routing_choices(node):
            walk(nxt, (*steps, TreePathStep(node.id, node.text, choice_id, label)))

    walk(content.start, ())
    return paths
