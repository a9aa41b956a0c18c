"""One exception type per way things can go wrong, each with a message a person can act on."""

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


class TokenError(DecisionTreeError):
    """An answer token could not be used. ``reason`` is one of: malformed, outdated, invalid."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


class AnswerError(DecisionTreeError):
    """An answer that does not fit the current question (unknown choice, or the walk is over)."""
