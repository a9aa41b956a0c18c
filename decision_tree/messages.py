"""The words the guide's interfaces use, per language: one catalog per language, kept with the content.

``content/messages/<lang>.toml`` holds every user-facing string that is not content (buttons,
headings, notices, the disclaimer, the confidence scale, the CLI's prompts), as nested tables whose
dotted paths are the keys: ``m("tree.back")``, ``m("tree.question_number", n=3)``. A missing key
or a placeholder that does not fit raises ``MessageError`` instead of showing a half-made sentence.

``InputError``, the failure of anything a reader typed or pasted, is defined here, beside the
catalog that words it: it is a key of the catalog with its parameters, and its ``str()`` is the
catalog's English. Defined in ``errors``, it would need the catalog there, while the catalog needs
``errors`` for its own ``MessageError``: a circle.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from . import snapshot
from .errors import DecisionTreeError, MessageError

# Every language has a catalog with the same keys (tests/test_messages.py); the browser's snapshot holds them all.
LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"
_FORMATTER = string.Formatter()
# What a message shows of a reader's input: longer input is cut to this many characters, with its length.
PREVIEW = 60
# Characters a terminal acts on instead of showing (C0 and C1 controls, which start escape sequences),
# that reorder the text around them (bidi overrides and isolates are Cf), or that are no visible
# character at all: never shown as they are when input is echoed, but escaped as Python writes them.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _flatten(table: Mapping[str, Any], prefix: str, out: dict[str, str], problems: list[str]) -> None:
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, path + ".", out, problems)
        elif isinstance(value, str):
            out[path] = value
        else:
            problems.append(f"'{path}' must be a string or a table, got {type(value).__name__}")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(text) if name}


class Messages:
    """One language's catalog. Call it with a key (and the key's placeholders) to get the text."""

    def __init__(self, lang: str, texts: Mapping[str, str]) -> None:
        self.lang = lang
        self.texts = dict(texts)

    def template(self, key: str, given: set[str]) -> str:
        """The text of ``key``, unfilled, once its placeholders are known to be exactly ``given``."""
        try:
            text = self.texts[key]
        except KeyError:
            raise MessageError(f"messages/{self.lang}.toml has no text '{key}'") from None
        wanted = placeholders(text)
        if wanted != given:
            raise MessageError(
                f"messages/{self.lang}.toml: '{key}' takes {sorted(wanted) or 'no placeholders'}, "
                f"was given {sorted(given) or 'none'}"
            )
        return text

    def __call__(self, key: str, **params: object) -> str:
        text = self.template(key, set(params))
        return text.format_map(params)

    def plural(self, key: str, count: int, **params: object) -> str:
        """``key.one`` for 1, ``key.other`` otherwise; both get ``count``."""
        return self(f"{key}.{'one' if count == 1 else 'other'}", count=count, **params)

    def table(self, prefix: str) -> dict[str, str]:
        """Every text under ``prefix.``, by the rest of its key (e.g. for the browser's own strings)."""
        return {k[len(prefix) + 1 :]: v for k, v in self.texts.items() if k.startswith(prefix + ".")}


def _escape(ch: str) -> str:
    if unicodedata.category(ch) not in _HIDDEN:
        return ch
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if code < 0x100 or 0xDC80 <= code <= 0xDCFF:
        # A lone surrogate from U+DC80 is a byte that was not UTF-8 (surrogateescape): shown as that byte.
        return f"\\x{code & 0xFF:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def escaped(text: str) -> str:
    """``text`` with every control, format, surrogate, private or unassigned character written as
    an escape (``\\x1b``, ``\\u202e``), so that echoing it can neither drive nor reorder a terminal."""
    return "".join(map(_escape, text))


def echo(text: str, m: Messages, *, length: int | None = None, limit: int = PREVIEW) -> str:
    """What a reader typed, as a message shows it back: escaped, and cut past ``limit`` characters to
    a preview that gives the whole length (``length``: that of the input ``text`` is the start of)."""
    total = len(text) if length is None else length
    pieces: list[str] = []
    size = 0
    for ch in text:  # stops within limit + 1 characters: a long input is never escaped whole
        piece = _escape(ch)
        if size + len(piece) > limit:
            return m("input.preview", start="".join(pieces), length=total)
        pieces.append(piece)
        size += len(piece)
    if total > len(text):
        return m("input.preview", start="".join(pieces), length=total)
    return "".join(pieces)


def echoed(params: Mapping[str, object], m: Messages) -> dict[str, object]:
    """A message's parameters with each text among them echoed: the parameters of an ``InputError``
    or of a note about the input are what the reader gave, or parts of it."""
    return {name: echo(value, m) if isinstance(value, str) else value for name, value in params.items()}


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
        """The message in the language of catalog ``m``; what the reader gave is echoed (``echo``)."""
        return m(self.key, **echoed(self.params, m))

    def __str__(self) -> str:
        return self.message(messages("en"))


def parse(lang: str, text: str) -> Messages:
    problems: list[str] = []
    texts: dict[str, str] = {}
    import tomllib  # here, not above: with a snapshot (the browser's) no TOML is parsed at all
    try:
        _flatten(tomllib.loads(text), "", texts, problems)
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"not valid TOML: {exc}")
    if problems:
        raise MessageError(f"messages/{lang}.toml: " + "; ".join(problems))
    return Messages(lang, texts)


@cache
def messages(lang: str = DEFAULT_LANGUAGE) -> Messages:
    if lang not in LANGUAGES:
        raise MessageError(f"no message catalog for language '{lang}' (have: {', '.join(LANGUAGES)})")

    def read() -> Messages:
        resource = resources.files("decision_tree.content") / "messages" / f"{lang}.toml"
        return parse(lang, resource.read_text(encoding="utf-8"))

    return snapshot.get("messages", read, lang)
