"""One exception type per way things can go wrong, each with a message a person can act on.

This module holds the base class and the failures whose words are for the people who write the
guide and its code, in English: the content, the message catalog, an answer that does not fit the
walk. It imports nothing of the package, so that every layer can raise them.

A failure of what a reader typed or pasted is an ``InputError``, which the message catalog words
in the reader's language (its ``str()`` is the English). It is defined in ``messages``, beside the
catalog, as pypa/packaging keeps ``InvalidVersion`` in ``version``: defined here, it would have to
import the catalog, which imports this module for its ``MessageError``. Each kind of input has its
failures beside the module that reads it: the answer code's in ``answer_token``, the tools' in
theirs. Everything a program catches is importable from ``decision_tree``.
"""

from __future__ import annotations


class DecisionTreeError(Exception):
    """Base class: catch this to handle anything the package raises on purpose."""


class ContentError(DecisionTreeError):
    """The content files are wrong. ``problems`` holds one line per problem, naming file and key."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the tree content"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))


class AnswerError(DecisionTreeError):
    """An answer that does not fit the current question (unknown choice, or the walk is over)."""


class MessageError(DecisionTreeError):
    """A user-facing text is missing from a language's message catalog, or its placeholders do not fit."""
