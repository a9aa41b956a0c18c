"""The answer token: a short, URL-safe string that carries the answers and the routing version.

Layout: ``<fingerprint>-<one character per answer>``, e.g. ``k3fq-0a11b``. Each answer character is
the index of the chosen choice in its question (base 62), so the token is as short as the walk.
The fingerprint is a hash of the routing (question ids, choice ids, where each leads, province
order). Wording fixes keep old links working; a change of routing makes old tokens "outdated"
instead of silently landing on a different answer.
"""

from __future__ import annotations

import base64
import hashlib

from .errors import TokenError
from .model import Content

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_CHOICES = len(ALPHABET)
_SEPARATOR = "-"
_MAX_LENGTH = 200
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}


def fingerprint(content: Content) -> str:
    parts = [content.start]
    for q in content.questions.values():
        parts.append(f"{q.id}:{q.kind.value}:" + ",".join(f"{c.id}>{c.next}" for c in q.choices))
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii")[:4].lower()


def encode(content: Content, answer_indexes: list[int]) -> str:
    return content.fingerprint + _SEPARATOR + "".join(ALPHABET[i] for i in answer_indexes)


def decode(content: Content, token: str) -> list[int]:
    """Return the choice indexes in a token; raise ``TokenError`` for anything unusable.

    Only the shape and version are checked here; whether each index fits its question is the
    engine's job, since that needs the walk.
    """
    if not isinstance(token, str):
        raise TokenError("malformed", "The answer code must be text.")
    token = token.strip()
    if len(token) > _MAX_LENGTH:
        raise TokenError("malformed", "The answer code is far too long to be one of ours. Start again.")
    head, sep, body = token.partition(_SEPARATOR)
    if not sep or len(head) != 4 or not head.isascii() or not head.isalnum():
        raise TokenError(
            "malformed",
            f"'{_shorten(token)}' is not an answer code from this guide (expected something like "
            f"'{content.fingerprint}-01a'). Check that the whole link was copied, or start again.",
        )
    if head.lower() != content.fingerprint:
        raise TokenError(
            "outdated",
            "This answer code was made for an earlier version of the decision tree, whose questions "
            "have changed since. Start again to get an answer that reflects the current rules.",
        )
    indexes = []
    for position, ch in enumerate(body, start=1):
        if ch not in _INDEX:
            raise TokenError(
                "malformed",
                f"The answer code has an unexpected character {ch!r} at answer {position}. "
                "Check that the whole link was copied, or start again.",
            )
        indexes.append(_INDEX[ch])
    return indexes


def _shorten(text: str, limit: int = 40) -> str:
    printable = "".join(ch if ch.isprintable() else "?" for ch in text)
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"
