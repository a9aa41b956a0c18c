"""The answer code (token) as text: a routing version and one character per answer. Codec only,
with the ways a code can fail to be read (``TokenError`` and its kinds, raised here and by ``resume``).

Layout: ``<version>-<one character per answer>``, e.g. ``xumh-0a11b``. The version is the
fingerprint of the routing the code was made with (see ``routing``); each answer character is the
index of the chosen choice in its question (base 62), so a code is as short as the walk. What the
indexes mean, and how an old code is replayed on today's tree, is ``resume``'s job.
"""

from __future__ import annotations

from collections.abc import Sequence

from .messages import InputError

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_CHOICES = len(ALPHABET)
VERSION_LENGTH = 4
MAX_LENGTH = 200
_SEPARATOR = "-"
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}


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


def encode(version: str, indexes: Sequence[int]) -> str:
    return version + _SEPARATOR + "".join(ALPHABET[i] for i in indexes)


def decode(token: object) -> tuple[str, list[int]]:
    """The version and the choice indexes of a code; ``MalformedTokenError`` if it has not a code's shape."""
    if not isinstance(token, str):
        raise MalformedTokenError("code.not_text")
    token = token.strip()
    if len(token) > MAX_LENGTH:
        raise MalformedTokenError("code.too_long")
    head, sep, body = token.partition(_SEPARATOR)
    if not sep or len(head) != VERSION_LENGTH or not head.isascii() or not head.isalnum():
        raise MalformedTokenError("code.not_a_code", code=shorten(token))
    indexes = []
    for position, ch in enumerate(body, start=1):
        if ch not in _INDEX:
            raise MalformedTokenError("code.bad_character", character=repr(ch), position=position)
        indexes.append(_INDEX[ch])
    return head.lower(), indexes


def shorten(text: str, limit: int = 40) -> str:
    printable = "".join(ch if ch.isprintable() else "?" for ch in text)
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"
