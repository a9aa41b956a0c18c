"""The answer code (token) as text: a routing version, one character per answer and a check
character. Codec only, with the ways a code can fail to be read (``TokenError`` and its kinds,
raised here and by ``resume``).

Layout: ``<version>-<one character per answer><check>``, e.g. ``agwe-00o`` (``EXAMPLE``). The version is the
fingerprint of the routing the code was made with (see ``routing``); each answer character is the
index of the chosen choice in its question (base 36: digits, then letters), so a code is as short as
the walk. What the indexes mean, and how an old code is replayed on today's tree, is ``resume``'s job.

The check character makes a typing mistake visible: any one character changed, or two neighbours
swapped, gives a code whose check fails, which is reported as mistyped instead of being opened as
someone else's answers. It is Damm's check over the 36 characters (``check_character``). Codes
issued before it existed have none: the caller names their versions (``decode``'s ``unchecked``),
and they are read as they always were. Codes are read case-blind: a code read aloud or retyped in
capitals is the same code, since the alphabet has no capitals of its own.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from .messages import InputError

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
MAX_CHOICES = len(ALPHABET)
VERSION_LENGTH = 4
MAX_LENGTH = 200
SEPARATOR = "-"
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}


def _quasigroup() -> tuple[tuple[int, ...], ...]:
    """Damm's operation on the 36 characters: x*y = r·x + y in GF(4) × GF(9), with r = (ω, i).

    Each factor is a field and r is neither 0 nor 1 in it, so (s*a)*b = (s*b)*a only when a = b
    (r²s + ra + b = r²s + rb + a gives (r-1)(a-b) = 0): the quasigroup is totally anti-symmetric,
    which is what catches every swap of two neighbours; x*y is a Latin square, which catches every
    single change. Z/36 has no such r (r and r-1 cannot both be odd), hence the two fields.
    A character's value v is 9·a + b: a in GF(4) as two bits, b = b0 + 3·b1 standing for b0 + b1·i in
    GF(3)[i]/(i² + 1).
    """

    def times_r(v: int) -> tuple[int, int, int]:
        a, b = divmod(v, 9)
        b1, b0 = divmod(b, 3)
        high, low = divmod(a, 2)
        return ((high ^ low) << 1) | high, (-b1) % 3, b0  # ω·a, and i·(b0 + b1·i) = -b1 + b0·i

    def plus(x: tuple[int, int, int], y: int) -> int:
        a, b = divmod(y, 9)
        b1, b0 = divmod(b, 3)
        return 9 * (x[0] ^ a) + (x[1] + b0) % 3 + 3 * ((x[2] + b1) % 3)

    return tuple(tuple(plus(times_r(x), y) for y in range(MAX_CHOICES)) for x in range(MAX_CHOICES))


QUASIGROUP = _quasigroup()


def _fold(version: str, answers: str) -> int:
    """Damm's fold of a code's version and answers (with or without its check character). It starts
    from the number of answers, so that a character added at the end (which Damm's check alone lets
    through when it is the one that keeps the fold where it was) is caught too, 35 times in 36."""
    state = len(answers) % MAX_CHOICES
    for ch in version + answers:
        state = QUASIGROUP[state][_INDEX[ch]]
    return state


def check_character(version: str, answers: str) -> str:
    """The character that makes the fold of a code (version, answers and it) end at 0."""
    state = _fold(version, answers)
    return ALPHABET[QUASIGROUP[state].index(0)]


class TokenError(InputError):
    """An answer code (token) could not be read. Catch this for every way a code can fail.

    Every code this guide has issued stays readable (see ``resume``): these errors mean the code
    was never one of ours, or was damaged on its way (cut off, retyped, edited).
    """


class MalformedTokenError(TokenError):
    """The text does not have the shape of an answer code (length, separator, characters)."""


class MistypedTokenError(TokenError):
    """The code has a code's shape, but its check character does not fit: a character was changed
    or two were swapped on the way (or it was never one of ours)."""


class UnknownVersionError(TokenError):
    """The code is well formed, but its routing version is not one this guide has ever issued."""


class InvalidTokenError(TokenError):
    """The version is known, but the answers do not fit it (too many, or a choice it never had)."""


def answer_characters(indexes: Sequence[int]) -> str:
    """The answers' part of a code, without version or check (what prerendered results are keyed by)."""
    return "".join(ALPHABET[i] for i in indexes)


def encode(version: str, indexes: Sequence[int]) -> str:
    answers = answer_characters(indexes)
    return version + SEPARATOR + answers + check_character(version, answers)


def decode(token: object, unchecked: Container[str] = ()) -> tuple[str, list[int]]:
    """The version and the choice indexes of a code.

    ``unchecked``: the versions whose codes were issued without a check character, read as they
    were. Raises ``MalformedTokenError`` if the text has not a code's shape and
    ``MistypedTokenError`` if its check character does not fit.
    """
    if not isinstance(token, str):
        raise MalformedTokenError("code.not_text")
    token = token.strip()
    if len(token) > MAX_LENGTH:
        raise MalformedTokenError("code.too_long")
    head, sep, body = token.lower().partition(SEPARATOR)
    if not sep or len(head) != VERSION_LENGTH or any(ch not in _INDEX for ch in head):
        raise MalformedTokenError("code.not_a_code", code=shorten(token), example=EXAMPLE)
    for position, ch in enumerate(body, start=1):
        if ch not in _INDEX:
            raise MalformedTokenError("code.bad_character", character=repr(ch), position=position)
    if head not in unchecked:
        if not body or check_character(head, body[:-1]) != body[-1]:
            raise MistypedTokenError("code.mistyped", code=shorten(token))
        body = body[:-1]
    return head, [_INDEX[ch] for ch in body]


def shorten(text: str, limit: int = 40) -> str:
    printable = "".join(ch if ch.isprintable() else "?" for ch in text)
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"


# A real code (today's tree: "Put something online", then "A website"), for messages that show what
# codes look like; tests/test_answer_codes.py opens it, so it can never be a made-up one.
EXAMPLE = "agwe-00o"
