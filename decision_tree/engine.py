"""Walk the tree: an immutable state replayed from the answers, and the result it leads to.

As in GOV.UK Smart Answers, the answers are the state: every property is derived by replaying
them from the start, so a state made from a URL, from the CLI or by clicking is the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from . import answer_token
from .errors import AnswerError, TokenError
from .model import (
    Caveat,
    Choice,
    Content,
    Link,
    Material,
    Node,
    Outcome,
    Province,
    Question,
    QuestionKind,
    Subject,
)


@dataclass(frozen=True)
class Step:
    """One answered question."""

    question: Question
    choice: Choice
    index: int


@dataclass(frozen=True)
class Result:
    """What the reader gets at an outcome: the procedure, why, and what applies to them."""

    outcome: Outcome
    why: tuple[Step, ...]
    subject: Subject | None
    province: Province | None
    materials: tuple[Material, ...]
    warnings: tuple[Caveat, ...]
    regional: tuple[Caveat, ...]
    links: tuple[Link, ...]
    token: str
    version: str


@dataclass(frozen=True)
class State:
    content: Content
    answers: tuple[str, ...] = ()

    @classmethod
    def start(cls, content: Content) -> State:
        return cls(content)

    @classmethod
    def from_token(cls, content: Content, token: str) -> State:
        """Rebuild a state from a token; any token that does not fit raises ``TokenError``."""
        indexes = answer_token.decode(content, token)
        state = cls(content)
        for position, index in enumerate(indexes, start=1):
            node = state.current
            if isinstance(node, Outcome):
                raise TokenError(
                    "invalid",
                    f"The answer code has {len(indexes)} answers but the walk ends after {position - 1}. "
                    "Check that the whole link was copied, or start again.",
                )
            if index >= len(node.choices):
                raise TokenError(
                    "invalid",
                    f"Answer {position} of the answer code does not match any choice of the question "
                    f"'{node.text}'. Check that the whole link was copied, or start again.",
                )
            state = state.answer(node.choices[index].id)
        return state

    @cached_property
    def _replay(self) -> tuple[tuple[Step, ...], Node]:
        node: Node = self.content.questions[self.content.start]
        steps: list[Step] = []
        for position, choice_id in enumerate(self.answers, start=1):
            if isinstance(node, Outcome):
                raise AnswerError(f"answer {position} ('{choice_id}') comes after the walk ended at '{node.id}'")
            index = next((i for i, c in enumerate(node.choices) if c.id == choice_id), None)
            if index is None:
                known = ", ".join(c.id for c in node.choices)
                raise AnswerError(f"'{choice_id}' is not a choice of question '{node.id}' (choices: {known})")
            choice = node.choices[index]
            steps.append(Step(node, choice, index))
            node = self.content.node(choice.next)
        return tuple(steps), node

    @property
    def steps(self) -> tuple[Step, ...]:
        return self._replay[0]

    @property
    def current(self) -> Node:
        """The question to answer next, or the outcome reached."""
        return self._replay[1]

    @property
    def question(self) -> Question | None:
        node = self.current
        return node if isinstance(node, Question) else None

    @property
    def is_complete(self) -> bool:
        return isinstance(self.current, Outcome)

    @property
    def token(self) -> str:
        return answer_token.encode(self.content, [s.index for s in self.steps])

    @property
    def subject(self) -> Subject | None:
        for step in self.steps:
            if step.question.kind is QuestionKind.SUBJECT:
                return Subject(step.choice.id)
        return None

    @property
    def province(self) -> Province | None:
        for step in self.steps:
            if step.question.kind is QuestionKind.PROVINCE:
                return self.content.provinces[step.choice.id]
        return None

    def answer(self, choice_id: str) -> State:
        node = self.current
        if isinstance(node, Outcome):
            raise AnswerError(f"the walk has ended at '{node.id}'; go back or change an answer first")
        if node.choice(choice_id) is None:
            known = ", ".join(c.id for c in node.choices)
            raise AnswerError(f"'{choice_id}' is not a choice of question '{node.id}' (choices: {known})")
        return State(self.content, (*self.answers, choice_id))

    def back(self) -> State:
        """One question back; at the start, stay at the start."""
        return State(self.content, self.answers[:-1])

    def change(self, question_id: str) -> State:
        """Go back to an answered question, dropping it and every later answer."""
        for position, step in enumerate(self.steps):
            if step.question.id == question_id:
                return State(self.content, self.answers[:position])
        raise AnswerError(f"question '{question_id}' has not been answered, so it cannot be changed")

    def result(self) -> Result:
        node = self.current
        if not isinstance(node, Outcome):
            raise AnswerError(f"there is no result yet: question '{node.id}' is unanswered")
        subject, province = self.subject, self.province
        return Result(
            outcome=node,
            why=self.steps,
            subject=subject,
            province=province,
            materials=tuple(m for m in node.materials if m.applies_to.covers(subject)),
            warnings=tuple(w for w in node.warnings if w.applies_to.covers(subject)),
            regional=regional_caveats(node, province, subject),
            links=tuple(self.content.links[key] for key in node.links),
            token=self.token,
            version=self.content.version,
        )


def regional_caveats(outcome: Outcome, province: Province | None, subject: Subject | None) -> tuple[Caveat, ...]:
    """The province's caveats on the outcome's topics that apply to the subject, topic by topic."""
    if province is None:
        return ()
    order = {topic: n for n, topic in enumerate(outcome.caveat_topics)}
    chosen = [c for c in province.caveats if c.topic in order and c.applies_to.covers(subject)]
    return tuple(sorted(chosen, key=lambda c: order[c.topic]))
