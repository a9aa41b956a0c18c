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
