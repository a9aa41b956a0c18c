"""Walk the tree: an immutable state replayed from the answers, and the result it leads to.

As in GOV.UK Smart Answers, the answers are the state: every property is derived by replaying
them from the start, so a state made from a URL, from the CLI or by clicking is the same thing.
A state makes its answer code (``State.token``); opening one is ``resume``'s (``resume.from_token``),
which replays the code's answers on this engine, so the engine never imports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from . import answer_token, routing, scope
from .errors import AnswerError
from .model import (
    Caveat,
    Choice,
    Content,
    Link,
    Material,
    Node,
    Outcome,
    OutcomeWarning,
    Province,
    Question,
    QuestionKind,
    Subject,
)

# The kind of outcome that is a filing to make (outcomes.toml [kinds]); a result lists these first.
FILING_KIND = "procedure"


@dataclass(frozen=True)
class Answer:
    """One answered question: the question, the choice made, and the choice's position in it."""

    question: Question
    choice: Choice
    index: int


@dataclass(frozen=True)
class Result:
    """What the reader gets at an outcome: the procedure, the answers that led to it, what applies to them."""

    outcome: Outcome
    answered: tuple[Answer, ...]
    subject: Subject | None
    province: Province | None
    materials: tuple[Material, ...]
    warnings: tuple[OutcomeWarning, ...]
    regional: tuple[Caveat, ...]
    links: tuple[Link, ...]
    token: str
    version: str
    # What comes after the outcome, in order: filings the answers added (an app's, a mini-program's)
    # and what each of them is followed by (show the number, the public security filing ...).
    also: tuple[Outcome, ...] = ()
    # The warnings of each of ``also`` that apply to these answers, in the same order.
    also_warnings: tuple[tuple[OutcomeWarning, ...], ...] = ()
    # The statements on this result's topics that do not apply to these answers, or apply only in a
    # situation the tree does not ask about, or are dated or a detail: folded, never dropped (``scope``).
    other: tuple[scope.Folded, ...] = ()

    @property
    def filings(self) -> tuple[Outcome, ...]:
        """Every filing this reader must make, in order: the outcome if it is one, then those the answers add."""
        return tuple(o for o in (self.outcome, *self.also) if o.kind == FILING_KIND)


@dataclass(frozen=True)
class State:
    content: Content
    answers: tuple[str, ...] = ()  # the choice ids, in the order answered: the whole state

    @classmethod
    def start(cls, content: Content) -> State:
        return cls(content)

    @cached_property
    def _replay(self) -> tuple[tuple[Answer, ...], Node]:
        node: Node = self.content.questions[self.content.start].asked({})
        answered: list[Answer] = []
        by_question: dict[str, str] = {}
        for position, choice_id in enumerate(self.answers, start=1):
            if isinstance(node, Outcome):
                raise AnswerError(f"answer {position} ('{choice_id}') comes after the walk ended at '{node.id}'")
            index = next((i for i, c in enumerate(node.choices) if c.id == choice_id), None)
            if index is None:
                known = ", ".join(c.id for c in node.choices)
                raise AnswerError(f"'{choice_id}' is not a choice of question '{node.id}' (choices: {known})")
            choice = node.choices[index]
            answered.append(Answer(node, choice, index))
            by_question[node.id] = choice.id
            node = self.content.resolve(choice.next, by_question)
            if isinstance(node, Question):
                # In the words that fit the answers so far ("the app", not "the website").
                node = node.asked(by_question)
        return tuple(answered), node

    @property
    def answered(self) -> tuple[Answer, ...]:
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
        return token_of(self.content, self.answered)

    @property
    def subject(self) -> Subject | None:
        """Who files: set by a subject question, or by a routing choice that says so."""
        for answer in self.answered:
            if answer.question.kind is QuestionKind.SUBJECT:
                return Subject(answer.choice.id)
            if answer.choice.subject is not None:
                return answer.choice.subject
        return None

    @property
    def province(self) -> Province | None:
        """The province whose rules apply: the last one answered (moving province asks for the new one)."""
        found = None
        for answer in self.answered:
            if answer.question.kind is QuestionKind.PROVINCE:
                found = self.content.provinces[answer.choice.id]
        return found

    def answer(self, choice_id: str) -> State:
        node = self.current
        if isinstance(node, Outcome):
            raise AnswerError(f"the walk has ended at '{node.id}'; go back or change an answer first")
        if node.choice(choice_id) is None:
            known = ", ".join(c.id for c in node.choices)
            raise AnswerError(f"'{choice_id}' is not a choice of question '{node.id}' (choices: {known})")
        return State(self.content, (*self.answers, choice_id))

    def answer_keeping(self, choice_id: str, known: Mapping[str, str]) -> State:
        """Answer the current question, then replay every known later answer that still fits.

        ``known`` holds answers by question id that the reader gave before (the answers after one
        they are changing, or those of an old code): the walk picks them up again where they fit
        and stops at the first question they do not answer.
        """
        after = self.answer(choice_id)
        if not known:
            return after
        return replay(self.content, {**known, **after.by_question})

    @property
    def by_question(self) -> dict[str, str]:
        return {a.question.id: a.choice.id for a in self.answered}

    def back(self) -> State:
        """One question back; at the start, stay at the start."""
        return State(self.content, self.answers[:-1])

    def change(self, question_id: str) -> State:
        """Go back to an answered question, dropping it and every later answer."""
        for position, answer in enumerate(self.answered):
            if answer.question.id == question_id:
                return State(self.content, self.answers[:position])
        raise AnswerError(f"question '{question_id}' has not been answered, so it cannot be changed")

    def result(self) -> Result:
        node = self.current
        if not isinstance(node, Outcome):
            raise AnswerError(f"there is no result yet: question '{node.id}' is unanswered")
        subject, province, answers = self.subject, self.province, self.by_question
        warnings, other_warnings = scope.split(
            (w for w in node.warnings if w.applies_to.covers(subject)), node.id, answers
        )
        regional, other_regional = scope.split(regional_caveats(node, province, subject), node.id, answers)
        also = self.follow_ons(node)
        also_warnings = []
        other: list[scope.Folded] = [*other_warnings]
        for follow in also:
            shown, folded = scope.split((w for w in follow.warnings if w.applies_to.covers(subject)), node.id, answers)
            also_warnings.append(shown)
            other += folded
        other += other_regional
        return Result(
            outcome=node,
            answered=self.answered,
            subject=subject,
            province=province,
            materials=tuple(m for m in node.materials if m.applies_to.covers(subject) and m.needed(answers)),
            warnings=warnings,
            regional=regional,
            links=tuple(self.content.links[key] for key in node.links),
            token=self.token,
            version=self.content.version,
            also=also,
            also_warnings=tuple(also_warnings),
            other=tuple(sorted(other, key=lambda f: scope.ORDER.index(f.reason))),
        )

    def follow_ons(self, outcome: Outcome) -> tuple[Outcome, ...]:
        """The outcomes that follow ``outcome`` for these answers, each once, in order."""
        order: list[str] = []

        def add(outcome_id: str) -> None:
            if outcome_id != outcome.id and outcome_id not in order:
                order.append(outcome_id)
                for nxt in self.content.outcomes[outcome_id].then:
                    add(nxt)

        added = [o for a in self.answered for o in a.choice.adds]
        for outcome_id in added:
            add(outcome_id)
        for nxt in outcome.then:
            add(nxt)
        # What follows the outcome itself (showing its number …) comes after the filings added.
        tail = [o for o in order if o in outcome.then]
        order = [o for o in order if o not in tail] + tail
        return tuple(self.content.outcomes[o] for o in order)


def token_of(content: Content, answered: tuple[Answer, ...]) -> str:
    """The answer code of these answers (of a state, or of a result's answers but the last)."""
    return answer_token.encode(routing.current(content).version, [a.index for a in answered])


def replay(content: Content, answers: dict[str, str]) -> State:
    """Walk from the start answering each question from ``answers`` (by question id) while they fit.

    Stops at the first question that has no answer there, or whose answer is no longer one of its
    choices: that is where the reader picks up.
    """
    state = State.start(content)
    while (question := state.question) is not None:
        choice_id = answers.get(question.id)
        if choice_id is None or question.choice(choice_id) is None:
            break
        state = state.answer(choice_id)
    return state


def regional_caveats(outcome: Outcome, province: Province | None, subject: Subject | None) -> tuple[Caveat, ...]:
    """The province's caveats on the outcome's topics that apply to the subject, topic by topic."""
    if province is None:
        return ()
    order = {topic: n for n, topic in enumerate(outcome.caveat_topics)}
    chosen = [c for c in province.caveats if c.topic in order and c.applies_to.covers(subject)]
    return tuple(sorted(chosen, key=lambda c: order[c.topic]))
