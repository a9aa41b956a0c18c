"""One exception type per way things can go wrong, each with a message a person can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .messages import Messages


class DecisionTreeError(Exception):
    """Base class: catch this to handle anything the package raises on purpose."""


class ContentError(DecisionTreeError):
    """The content files are wrong. ``problems`` holds one line per problem, naming file and key."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the tree content"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))


class InputError(DecisionTreeError):
    """Something a person typed or pasted could not be used. Catch this for every such failure.

    The message is a key of the message catalog with its parameters, so each language can say it
    in its own words; ``str()`` gives the English.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, m: Messages) -> str:
        """The message in the language of catalog ``m``."""
        return m(self.key, **self.params)

    def __str__(self) -> str:
        from .messages import messages

        return self.message(messages("en"))


class TokenError(InputError):
    """An answer code (token) could not be read. Catch this for every way a code can fail.

    Every code this guide has issued stays readable (see ``resume``): these errors mean the code
    was never one of ours, or was damaged on its way (cut off, retyped, edited).
    """


class MalformedTokenError(TokenError):
    """The text does not have the shape of an answer code (length, separator, characters)."""


class UnknownVersionError(TokenError):
    """The code is well formed, but its routing version is not one this guide has ever issued."""


class InvalidTokenError(TokenError):
    """The version is known, but the answers do not fit it (too many, or a choice it never had)."""


class AnswerError(DecisionTreeError):
    """An answer that does not fit the current question (unknown choice, or the walk is over)."""


class MessageError(DecisionTreeError):
    """A user-facing text is missing from a language's message catalog, or its placeholders do not fit."""
