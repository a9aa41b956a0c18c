"""What a result shows, in the reader's language, before any format: the parts every display shares.

The widget and the Markdown, text and JSON renderers all start from a ``ResultView``, so the
order of the sections, their titles, which materials and caveats apply and what a missing caveat
reads like are decided once, here. How each part is written is the format's job (``markup`` for
HTML, ``render`` for text and Markdown).
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine import Result
from .messages import Messages
from .model import Content, SourcedStatement


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
        subject = self.result.subject
        return self.m(f"result.materials_for.{subject.value}") if subject else self.m("result.materials")

    @property
    def regional_shown(self) -> bool:
        """Whether a province section appears: the province is known and the outcome has caveat topics."""
        return self.result.province is not None and bool(self.result.outcome.caveat_topics)

    @property
    def subject_line(self) -> str:
        r, m = self.result, self.m
        subject = m(f"subject.{r.subject.value}") if r.subject else m("result.not_asked")
        province = f"{r.province.name_en} ({r.province.name_zh})" if r.province else m("result.not_asked")
        return m("result.subject_line", subject=subject, province=province)



def attribution_text(statement: SourcedStatement, m: Messages) -> str:
    """The attribution in plain words, for text and Markdown: "A19, HW; as of 2019-09; medium"."""
    return m(
        "statement.attribution_plain",
        sources=", ".join(statement.sources),
        as_of=statement.as_of,
        confidence=m(f"confidence.{statement.confidence.value}.label"),
    )


def statement_plain(statement: SourcedStatement, m: Messages) -> str:
    conflict = " " + m("statement.conflict_sentence") if statement.conflict else ""
    return f"{statement.text}{conflict} [{attribution_text(statement, m)}]"
