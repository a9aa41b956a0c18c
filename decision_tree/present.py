"""What a result shows, in the reader's language, before any format: the parts every display shares.

The widget and the Markdown, text and JSON renderers all start from a ``ResultView``, so the
order of the sections, their titles, which materials and caveats apply, which regional rules come
first, how sources are numbered and how a dated statement is marked are decided once, here. How
each part is written is the format's job (``markup`` for HTML, ``render`` for text and Markdown).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from .engine import Result
from .messages import Messages
from .model import AppliesTo, Caveat, Content, Freshness, Outcome, OutcomeWarning, Province, Source, SourcedStatement
from .scope import Folded, Reason


class Cited(Protocol):
    """What a statement's attribution needs: the sources it may cite, and the date before which a
    statement counts as dated. The tree's ``Content`` and the tools' suffix table both have them."""

    @property
    def sources(self) -> Mapping[str, Source]: ...

    @property
    def dated_before(self) -> str: ...


def province_name(province: Province, lang: str) -> str:
    """A province's name in plain text: ``Zhejiang (浙江)`` in English, ``浙江`` in Chinese."""
    return province.name_zh if lang == "zh" else f"{province.name_en} ({province.name_zh})"


def freshness_note(statement: SourcedStatement, content: Cited, m: Messages) -> str:
    """"" for a current statement; "last confirmed 2019" or "date unknown" otherwise."""
    state = statement.freshness(content.dated_before)
    if state is Freshness.DATED:
        # An undated page may be newer than the dated ones: say so rather than call the rule old.
        if any(content.sources[k].date == "undated" for k in statement.sources):
            return m("statement.dated_and_undated", year=statement.as_of[:4])
        return m("statement.dated", year=statement.as_of[:4])
    if state is Freshness.UNDATED:
        return m("statement.undated")
    return ""


def source_date(source: Source, m: Messages) -> str:
    """A source's date as readers read it: ``2019-09``, or "date unknown" (日期不详), never the key's
    ``undated``."""
    return m("statement.undated") if source.date == "undated" else source.date


def source_dated_title(source: Source, m: Messages) -> str:
    """A source's full title and its date: "Title (2019-09)", "标题（日期不详）"."""
    return m("statement.source_dated", title=source.title, date=source_date(source, m))


def as_of_plain(statement: SourcedStatement, content: Cited, m: Messages) -> str:
    """When the statement was last confirmed, in words: "as of 2019-06, last confirmed 2019", or
    "date unknown" alone (no "as of" without a date)."""
    note = freshness_note(statement, content, m)
    if statement.freshness(content.dated_before) is Freshness.UNDATED:
        return note
    if note:
        return m("statement.as_of_noted", date=statement.as_of, note=note)
    return m("statement.as_of", date=statement.as_of)


def statement_plain(statement: SourcedStatement, content: Cited, m: Messages) -> str:
    """A statement as plain text, its sources by name: "Text. [Name | Other name; as of 2019-06, last
    confirmed 2019; medium]" (a bar between the names: they have commas of their own)."""
    attribution = m(
        "statement.attribution_plain",
        sources=" | ".join(content.sources[k].label for k in statement.sources),
        as_of=as_of_plain(statement, content, m),
        confidence=m(f"confidence.{statement.confidence.value}.label"),
    )
    return f"{statement.text}{disagreement(statement, m)} [{attribution}]"


def disagreement(statement: SourcedStatement, m: Messages) -> str:
    """" Sources disagree." where they do on what to do; a quieter sentence where they differ on a detail."""
    if statement.conflict:
        return " " + m("statement.conflict_sentence")
    if statement.differs:
        return " " + m("statement.differs_sentence")
    return ""


def titled(title: str, title_zh: str) -> str:
    """``New filing (首次备案)``; in the Chinese content the title is the Chinese name, and stands alone."""
    return f"{title} ({title_zh})" if title_zh else title


@dataclass(frozen=True)
class Filing:
    """One filing a result asks for, with what it covers on this path ("" when it is the only one)."""

    outcome: Outcome
    purpose: str


@dataclass(frozen=True)
class FollowOn:
    """What comes after the result: a filing the answers added, or what follows approval. ``folded``:
    its steps fold away under its next step (what follows approval), rather than show in full."""

    outcome: Outcome
    warnings: tuple[OutcomeWarning, ...]
    folded: bool


@dataclass(frozen=True)
class ResultView:
    content: Content
    result: Result
    m: Messages

    @property
    def kind(self) -> str:
        """The outcome's kind in words ("A filing procedure to carry out")."""
        kind = self.result.outcome.kind
        return self.content.outcome_kinds.get(kind, kind)

    @property
    def materials_title(self) -> str:
        """"Materials for an individual" when the list was chosen for the subject; plain "Materials" otherwise."""
        subject = self.result.subject
        chosen = any(mat.applies_to is not AppliesTo.ALL for mat in self.result.materials)
        return self.m(f"result.materials_for.{subject.value}") if subject and chosen else self.m("result.materials")

    @property
    def regional_shown(self) -> bool:
        """Whether a province section appears: the province is known and the outcome has caveat topics."""
        return self.result.province is not None and bool(self.result.outcome.caveat_topics)

    @cached_property
    def decisive(self) -> tuple[Caveat, ...]:
        """The province's rules that change what to do: shown before the steps, not again after them."""
        return tuple(c for c in self.result.regional if c.decisive)

    @cached_property
    def regional(self) -> tuple[Caveat, ...]:
        return tuple(c for c in self.result.regional if not c.decisive)

    @property
    def subject_line(self) -> str:
        r, m = self.result, self.m
        subject = m(f"subject.{r.subject.value}") if r.subject else m("result.not_asked")
        province = province_name(r.province, m.lang) if r.province else m("result.not_asked")
        return m("result.subject_line", subject=subject, province=province)

    @cached_property
    def filings(self) -> tuple[Filing, ...]:
        """Every filing to make, listed first when there is more than the result's own (``listed``)."""
        r = self.result
        purpose = next((a.choice.result_for for a in r.answered if a.choice.result_for), "")
        return tuple(
            Filing(o, purpose if o is r.outcome else o.filing_for) for o in r.filings
        )

    @property
    def listed(self) -> bool:
        """Whether the result opens with its list of filings: unless its title already names the only one."""
        return bool(self.filings) and tuple(f.outcome for f in self.filings) != (self.result.outcome,)

    def filing_line(self, filing: Filing) -> str:
        title = titled(filing.outcome.title, filing.outcome.title_zh)
        return self.m("result.filing_item", title=title, purpose=filing.purpose) if filing.purpose else title

    @cached_property
    def follow_ons(self) -> tuple[FollowOn, ...]:
        """The filings the answers added first (they are what the reader came for), then what follows approval."""
        r = self.result
        pairs = list(zip(r.also, r.also_warnings, strict=True))
        filings = [FollowOn(o, w, False) for o, w in pairs if o in r.filings]
        after = [FollowOn(o, w, True) for o, w in pairs if o not in r.filings]
        return (*filings, *after)

    @property
    def other_title(self) -> str:
        r, m = self.result, self.m
        if r.province is not None and self.regional_shown:
            return m.plural("result.other_in_province", len(r.other), province=province_name(r.province, m.lang))
        return m.plural("result.other", len(r.other))

    def reason_label(self, folded: Folded) -> str:
        """What leads a folded statement: the situation it needs, or why it does not apply here."""
        m, scope = self.m, folded.statement.scope
        if folded.reason is Reason.SITUATION:
            return m("result.reason.situation", situation=scope.situation)
        if folded.reason is Reason.OTHER_PROCEDURE:
            names = [self.content.outcomes[o].title for o in scope.procedures]
            return m("result.reason.other_procedure", procedures=m("result.join_or").join(names))
        return m(f"result.reason.{folded.reason.value}")

    @cached_property
    def source_numbers(self) -> dict[str, int]:
        """Every source the result cites, numbered in the order a reader meets them (folded ones last)."""
        numbers: dict[str, int] = {}
        cited: list[SourcedStatement] = [*self.decisive, *self.result.warnings]
        for follow in self.follow_ons:
            if not follow.folded:
                cited += follow.warnings
        cited += self.regional
        for follow in self.follow_ons:
            if follow.folded:
                cited += follow.warnings
        cited += [f.statement for f in self.result.other]
        outcomes = [self.result.outcome, *self.result.also]
        for keys in (*(s.sources for s in cited), *(o.sources for o in outcomes)):
            for key in keys:
                numbers.setdefault(key, len(numbers) + 1)
        return numbers

    @property
    def numbered_sources(self) -> list[tuple[int, Source]]:
        return [(n, self.content.sources[key]) for key, n in self.source_numbers.items()]

    def markers(self, keys: tuple[str, ...]) -> str:
        """"1, 3" for the sources ``keys``, as numbered in this result."""
        return ", ".join(str(self.source_numbers[k]) for k in keys)

    def statement_plain(self, statement: SourcedStatement) -> str:
        """A statement as plain text with its numbered sources: "Text. Sources disagree. [1, 3; as of …]"."""
        m = self.m
        conflict = disagreement(statement, m)
        attribution = m(
            "statement.attribution_plain",
            sources=self.markers(statement.sources),
            as_of=as_of_plain(statement, self.content, m),
            confidence=m(f"confidence.{statement.confidence.value}.label"),
        )
        return f"{statement.text}{conflict} [{attribution}]"
