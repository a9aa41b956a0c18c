"""The answer code (token) as text: a routing version and one character per answer. Codec only.

Layout: ``<version>-<one character per answer>``, e.g. ``xumh-0a11b``. The version is the
fingerprint of the routing the code was made with (see ``routing``); each answer character is the
index of the chosen choice in its question (base 62), so a code is as short as the walk. What the
indexes mean, and how an old code is replayed on today's tree, is ``resume``'s job.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import MalformedTokenError

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_CHOICES = len(ALPHABET)
VERSION_LENGTH = 4
MAX_LENGTH = 200
_SEPARATOR = "-"
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}


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
