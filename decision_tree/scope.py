"""Which of an outcome's warnings and a province's rules apply to this reader, and why the rest are folded.

A result shows the statements that apply to the answers given, and folds the others into one
section ("Other rules for Guangdong"), each with the reason it is there. Pure functions of a
statement's ``Scope`` (model) and the answers; who files (``applies_to``) is the engine's first
filter and is not repeated here.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from .model import Fold, SourcedStatement

S = TypeVar("S", bound=SourcedStatement)


class Reason(enum.StrEnum):
    """Why a statement is folded, in the order the folded section lists them; ``APPLIES``: it is not."""

    APPLIES = ""
    SITUATION = "situation"  # a situation the tree does not ask about ("if the filer is under 18")
    DETAIL = "detail"  # a detail the sources differ on, or an explanation: nothing to do
    DATED = "dated"  # older pages; newer sources say otherwise or no longer say it
    OTHER_ANSWERS = "other_answers"  # depends on an answer this reader did not give
    OTHER_PROCEDURE = "other_procedure"  # concerns another procedure than this result's


ORDER = tuple(Reason)


@dataclass(frozen=True)
class Folded:
    """A statement a result folds away, and why."""

    statement: SourcedStatement
    reason: Reason


def reason(statement: SourcedStatement, outcome: str, answers: Mapping[str, str]) -> Reason:
    """Why ``statement`` is folded in a result at ``outcome`` reached with ``answers`` (by question id)."""
    scope = statement.scope
    if scope.procedures and outcome not in scope.procedures:
        return Reason.OTHER_PROCEDURE
    if scope.when:
        # Answers that show the situation make it apply; without them it folds, led by the situation
        # when it has one (the answers did not rule it out: the tree did not ask).
        if not all(answers.get(question) in choices for question, choices in scope.when):
            return Reason.SITUATION if scope.situation else Reason.OTHER_ANSWERS
    elif scope.situation:
        return Reason.SITUATION
    if scope.fold is Fold.DATED:
        return Reason.DATED
    if scope.fold is Fold.DETAIL:
        return Reason.DETAIL
    return Reason.APPLIES


def split(
    statements: Iterable[S], outcome: str, answers: Mapping[str, str]
) -> tuple[tuple[S, ...], tuple[Folded, ...]]:
    """The statements that apply, in their order, and the folded ones, by reason (``ORDER``), then in order."""
    shown: list[S] = []
    folded: list[Folded] = []
    for statement in statements:
        why = reason(statement, outcome, answers)
        if why is Reason.APPLIES:
            shown.append(statement)
        else:
            folded.append(Folded(statement, why))
    folded.sort(key=lambda f: ORDER.index(f.reason))
    return tuple(shown), tuple(folded)
