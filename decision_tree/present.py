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
    conflict = " " + m("statement.conflict_sentence") if statement.conflict else ""
    return f"{statement.text}{conflict} [{attribution}]"


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
    def source_numbers(self) -> dict[str, int]:
        """Every source the result cites, numbered in the order a reader meets them."""
        numbers: dict[str, int] = {}
        cited = [*self.decisive, *self.result.warnings, *self.regional]
        for follow in self.result.also:
            cited += self.follow_on_warnings(follow)
        outcomes = [self.result.outcome, *self.result.also]
        for keys in (*(s.sources for s in cited), *(o.sources for o in outcomes)):
            for key in keys:
                numbers.setdefault(key, len(numbers) + 1)
        return numbers

    def follow_on_warnings(self, outcome: Outcome) -> list[OutcomeWarning]:
        return [w for w in outcome.warnings if w.applies_to.covers(self.result.subject)]

    @property
    def numbered_sources(self) -> list[tuple[int, Source]]:
        return [(n, self.content.sources[key]) for key, n in self.source_numbers.items()]

    def markers(self, keys: tuple[str, ...]) -> str:
        """"1, 3" for the sources ``keys``, as numbered in this result."""
        return ", ".join(str(self.source_numbers[k]) for k in keys)

    def statement_plain(self, statement: SourcedStatement) -> str:
        """A statement as plain text with its numbered sources: "Text. Sources disagree. [1, 3; as of …]"."""
        m = self.m
        conflict = " " + m("statement.conflict_sentence") if statement.conflict else ""
        attribution = m(
            "statement.attribution_plain",
            sources=self.markers(statement.sources),
            as_of=as_of_plain(statement, self.content, m),
            confidence=m(f"confidence.{statement.confidence.value}.label"),
        )
        return f"{statement.text}{conflict} [{attribution}]"
