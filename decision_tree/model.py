"""The domain model: what the content files describe, as immutable values.

Nothing here reads files, walks the tree or renders anything; see ``loader``, ``engine`` and the
presentation modules (``present``, ``markup``, ``render``).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class Subject(enum.StrEnum):
    """Who files: the filing subject (备案主体)."""

    INDIVIDUAL = "individual"
    ENTERPRISE = "enterprise"


class AppliesTo(enum.StrEnum):
    INDIVIDUAL = "individual"
    ENTERPRISE = "enterprise"
    ALL = "all"

    def covers(self, subject: Subject | None) -> bool:
        # With no subject known yet, every statement is shown rather than hidden.
        return self is AppliesTo.ALL or subject is None or self.value == subject.value


class Confidence(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Fold(enum.StrEnum):
    """Why a statement that would apply is still folded away in a result (``""``: it is not).

    ``dated``: newer sources say otherwise or no longer say it, but it is kept for readers whose
    provider still works from the older pages. ``detail``: the sources disagree on a detail that
    does not change what to do, or it explains rather than asks for anything.
    """

    NONE = ""
    DATED = "dated"
    DETAIL = "detail"


class Freshness(enum.StrEnum):
    CURRENT = "current"
    DATED = "dated"
    UNDATED = "undated"


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
    """A document statements rest on. ``key`` is ours; readers see ``name`` (short) and ``title``."""

    key: str
    title: str
    url: str
    date: str
    note: str = ""
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.title


@dataclass(frozen=True)
class Scope:
    """When a statement applies to a reader, beyond who files (``applies_to``): tested by ``scope``.

    ``procedures``: the outcome ids whose results it concerns (empty: every outcome that shows it).
    ``when``: answers it depends on, each ``(question id, choice ids)``: it applies when every one of
    those questions was answered with one of its choices. ``situation``: a situation the tree does
    not ask about ("the filer is under 18"): the statement is folded, led by it, unless ``when`` is
    given and the answers meet it (a path that did reach the situation). ``fold``: a reason to fold
    it although it applies.
    """

    procedures: tuple[str, ...] = ()
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    situation: str = ""
    fold: Fold = Fold.NONE


@dataclass(frozen=True, kw_only=True)
class SourcedStatement:
    """Something the guide states, with who it applies to, where it comes from and how sure we are."""

    text: str
    applies_to: AppliesTo
    sources: tuple[str, ...]
    as_of: str
    confidence: Confidence
    # Sources disagree on what to do ("Sources disagree", shown as such); ``differs``: they differ on
    # a detail only (a quiet note).
    conflict: bool = False
    differs: bool = False
    scope: Scope = field(default_factory=lambda: Scope())

    def freshness(self, dated_before: str) -> Freshness:
        """Dated when its newest source is older than ``dated_before``; undated when no source is dated."""
        if self.as_of == "undated":
            return Freshness.UNDATED
        return Freshness.DATED if self.as_of < dated_before else Freshness.CURRENT


@dataclass(frozen=True, kw_only=True)
class Caveat(SourcedStatement):
    """A rule one province adds, on one topic of regions.toml; always dated.

    ``id`` (optional, unique within its province) lets a docs page quote this caveat by reference.
    ``decisive``: the rule changes what a reader in this province should do for the outcomes that
    show its topic (e.g. "this change is not allowed here"), so results show it before the steps.
    """

    topic: str
    id: str = ""
    decisive: bool = False


@dataclass(frozen=True, kw_only=True)
class OutcomeWarning(SourcedStatement):
    """A warning that comes with an outcome wherever the reader files; may rest on an undated source."""

    implements: tuple[str, ...] = ()  # ids of seed_rules.toml this warning states


@dataclass(frozen=True)
class Province:
    id: str
    name_zh: str
    name_en: str
    abbreviations: tuple[str, ...]
    caveats: tuple[Caveat, ...] = ()
    note: str = ""

    def local_name(self, lang: str) -> str:
        """The name a reader of ``lang`` knows the province by: 浙江 in Chinese, Zhejiang in English."""
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    next: str
    label_zh: str = ""
    hint: str = ""
    # Answers of earlier routings that mean this choice: "choice_id" (of this question or one it
    # replaces) or "question_id=choice_id". Read by ``resume`` so that old answer codes keep working.
    formerly: tuple[str, ...] = ()
    # A routing choice that also says who files (e.g. "Who holds the filing now?" leads individuals and
    # enterprises to different questions): the result's subject, as a subject question would set it.
    subject: Subject | None = None
    # Filings this answer adds to whatever result the walk reaches ("an app": the app filing, after
    # the filing of the domain its API uses), listed after the result in this order.
    adds: tuple[str, ...] = ()
    # What the result's own filing is for on this path, when the answer adds another ("for the domain
    # the app's API is served on"): said beside it where a result lists every filing.
    result_for: str = ""


@dataclass(frozen=True)
class Wording:
    """A question's words after one earlier answer: "In whose name will the app be filed?" once the
    reader said it is an app. Only the words change; the choices and where they lead stay the same."""

    question: str  # the earlier question's id
    choice: str  # the answer to it that brings these words
    text: str
    text_zh: str = ""
    help: str = ""  # "" keeps the question's own help

    @property
    def key(self) -> str:
        """``question=choice``: names the wording among the question's (templates, rows, tests)."""
        return f"{self.question}={self.choice}"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    choices: tuple[Choice, ...]
    kind: QuestionKind = QuestionKind.CHOICE
    help: str = ""
    text_zh: str = ""
    formerly: tuple[str, ...] = ()  # ids this question had in earlier routings
    implements: tuple[str, ...] = ()  # ids of seed_rules.toml this question checks
    # A developer's tool that can answer part of this question for the reader ("domain": the domain
    # check, offered beside the choices). The answer code still holds only the choice made.
    tool: str = ""
    # The answers a tool's finding gives, from this question on (the domain check's verdict
    # "not_fileable" answers "one_fails", then "suffix"); findings not listed leave the choice to the reader.
    tool_answers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # What a yes must hold for, one short line each, shown as a list under the help ("all five checks").
    checks: tuple[str, ...] = ()
    # Other words for the question after some earlier answers, the first that applies winning.
    wordings: tuple[Wording, ...] = ()
    # The key of the wording this question is asked in ("" for its own words): see ``asked``.
    wording: str = ""

    def asked(self, answers: Mapping[str, str]) -> Question:
        """The question as asked after ``answers`` (choice ids by question id): in the words of its
        first wording whose answer was given, or in its own."""
        for w in self.wordings:
            if answers.get(w.question) == w.choice:
                return dataclasses.replace(self, text=w.text, text_zh=w.text_zh, help=w.help or self.help, wording=w.key)
        return self

    @property
    def phrasings(self) -> tuple[Question, ...]:
        """The question in its own words, then in each of its wordings'."""
        return (self, *(self.asked({w.question: w.choice}) for w in self.wordings))

    def answers_for(self, finding: str) -> tuple[str, ...]:
        return dict(self.tool_answers).get(finding, ())

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
    implements: tuple[str, ...] = ()
    # Answers that make it needed, as a statement's ``Scope.when``: a document listed only for the
    # readers who need it ("pre-approval documents" once the site needs a pre-approval). Not a rule,
    # so a reader who does not need it is not shown it, folded or not.
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def needed(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(question) in choices for question, choices in self.when)


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
    next_step: str = ""  # one sentence: what to do now, shown first
    materials: tuple[Material, ...] = ()
    warnings: tuple[OutcomeWarning, ...] = ()
    links: tuple[str, ...] = ()
    caveat_topics: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    implements: tuple[str, ...] = ()  # ids of seed_rules.toml this outcome (its steps) carries out
    then: tuple[str, ...] = ()  # outcomes that come after this one (what to do once it is approved)
    filing_for: str = ""  # what this filing covers, where a result lists it among others ("for the app")


Node = Question | Outcome

# The outcomes of these kinds send the reader to find something out and answer the last question
# again: their results lead back to it, with every answer kept.
ASK_AGAIN_KINDS = frozenset({"find_out"})


def asks_again(outcome: Outcome) -> bool:
    return outcome.kind in ASK_AGAIN_KINDS


@dataclass(frozen=True)
class Router:
    """Where a walk goes next by an answer given earlier: "the answer to ``question`` decides".

    Plain data, not logic: ``routes`` maps each choice of that question to a node. It lets a question
    be asked early (is this your first filing?) and still decide the outcome at the end, without
    copying every question in between.
    """

    id: str
    question: str
    routes: Mapping[str, str]

    def target(self, answers: Mapping[str, str]) -> str:
        return self.routes[answers[self.question]]


@dataclass(frozen=True)
class SeedRule:
    """A rule of the developer's guide the project grew from, named so that tests can hold content to it."""

    id: str
    text: str


@dataclass(frozen=True)
class Change:
    """An entry of the "What changed" page: a content change that alters what a reader should do."""

    date: str
    title: str
    text: str
    sources: tuple[str, ...]
    outcomes: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoutedQuestion:
    """A question as routing sees it: its kind and, in order, each choice id with the node it leads to."""

    id: str
    kind: QuestionKind
    choices: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Routing:
    """Which answer leads where: all an answer code's positions mean. ``version`` is its fingerprint."""

    version: str
    start: str
    questions: Mapping[str, RoutedQuestion]
    recorded: str = ""  # the date it was recorded in routings.json ("" for the current one, until recorded)
    routers: Mapping[str, tuple[str, tuple[tuple[str, str], ...]]] = field(default_factory=dict)


@dataclass(frozen=True)
class RetiredAnswer:
    """An answer of an earlier routing that no longer means anything: a reader holding it is asked again."""

    question: str
    choice: str  # "" retires every answer to the question
    reason: str
    # "question" or "question=choice" of today's tree that implies this old answer: when a code's
    # replay uses it, the old answer is not reported as dropped.
    subsumed_by: str = ""


@dataclass(frozen=True)
class DivisionCodes:
    """The province-level administrative division codes (GB/T 2260) of the provinces, from divisions.toml.

    ``provinces`` maps a six-digit province code (``"110000"``) to a province id of regions.toml;
    ``sources`` and ``as_of`` say where the table comes from and how old it is.
    """

    provinces: Mapping[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    as_of: str = "undated"

    def province_of(self, code: str) -> str | None:
        """The province id whose code starts like ``code`` (its first two digits), if the table has one."""
        return self.provinces.get(code[:2] + "0000")


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
    # The current routing, and every routing a code was ever issued with, by version.
    routing: Routing | None = None
    routings: dict[str, Routing] = field(default_factory=dict)
    retired: tuple[RetiredAnswer, ...] = ()
    routers: dict[str, Router] = field(default_factory=dict)
    seed_rules: dict[str, SeedRule] = field(default_factory=dict)
    changes: tuple[Change, ...] = ()
    divisions: DivisionCodes = field(default_factory=DivisionCodes)
    # Statements whose newest source is older than this are shown as dated ("last confirmed 2019").
    dated_before: str = "2022"
    # The language every text is in (decision_tree.localize): "en", or "zh" for the Chinese edition.
    lang: str = "en"

    def node(self, node_id: str) -> Node:
        if node_id in self.questions:
            return self.questions[node_id]
        return self.outcomes[node_id]

    def resolve(self, node_id: str, answers: Mapping[str, str]) -> Node:
        """The node ``node_id`` stands for, given the answers so far by question id (follows routers)."""
        while node_id in self.routers:
            node_id = self.routers[node_id].target(answers)
        return self.node(node_id)
