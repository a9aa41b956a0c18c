"""The domain model: what the content files describe, as immutable values.

Nothing here reads files or walks the tree; see ``loader`` and ``engine``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property


class Subject(enum.StrEnum):
    """Who files: the filing subject (备案主体)."""

    INDIVIDUAL = "individual"
    ENTERPRISE = "enterprise"


class AppliesTo(enum.StrEnum):
    INDIVIDUAL = "individual"
    ENTERPRISE = "enterprise"
    ALL = "all"

    def covers(self, subject: Subject | None) -> bool:
        # With no subject known yet, every caveat is shown rather than hidden.
        return self is AppliesTo.ALL or subject is None or self.value == subject.value


class Confidence(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class QuestionKind(enum.StrEnum):
    """How a question's choices are made.

    ``choice``: listed in the content. ``subject``: individual / enterprise, and the answer
    sets the result's subject. ``province``: one choice per province in regions.toml, and the
    answer sets the result's province. The two last kinds have one ``next`` for every choice,
    so they never change the route, only what the result shows.
    """

    CHOICE = "choice"
    SUBJECT = "subject"
    PROVINCE = "province"


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str
    date: str
    note: str = ""


@dataclass(frozen=True)
class Caveat:
    """A statement that applies in one province, or to one outcome, with where it comes from."""

    text: str
    applies_to: AppliesTo
    sources: tuple[str, ...]
    as_of: str
    confidence: Confidence
    topic: str = ""
    conflict: bool = False
    text_zh: str = ""


@dataclass(frozen=True)
class Province:
    id: str
    name_zh: str
    name_en: str
    abbreviations: tuple[str, ...]
    caveats: tuple[Caveat, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    next: str
    label_zh: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    choices: tuple[Choice, ...]
    kind: QuestionKind = QuestionKind.CHOICE
    help: str = ""
    text_zh: str = ""

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None


@dataclass(frozen=True)
class Material:
    text: str
    applies_to: AppliesTo = AppliesTo.ALL
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    key: str
    title: str
    path: str


@dataclass(frozen=True)
class Outcome:
    """A procedure (or a thing to fix first) that the tree recommends."""

    id: str
    title: str
    title_zh: str
    kind: str
    why: str
    steps: tuple[str, ...]
    materials: tuple[Material, ...] = ()
    warnings: tuple[Caveat, ...] = ()
    links: tuple[str, ...] = ()
    caveat_topics: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


Node = Question | Outcome


@dataclass(frozen=True)
class Content:
    """Everything the tree knows, loaded and validated."""

    start: str
    version: str
    questions: dict[str, Question]
    outcomes: dict[str, Outcome]
    provinces: dict[str, Province]
    sources: dict[str, Source]
    links: dict[str, Link]
    topics: dict[str, str] = field(default_factory=dict)
    outcome_kinds: dict[str, str] = field(default_factory=dict)

    @cached_property
    def fingerprint(self) -> str:
        """The routing's hash (see answer_token); computed once, as every link's token carries it."""
        from .answer_token import fingerprint

        return fingerprint(self)

    def node(self, node_id: str) -> Node:
        if node_id in self.questions:
            return self.questions[node_id]
        return self.outcomes[node_id]
