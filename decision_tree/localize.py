"""The content in one language: each text's Chinese version written beside it, picked before loading.

The content files hold every reader-facing text in English under its key (``why``, ``steps``,
``text``) and in Chinese under the same key + ``_zh`` (``why_zh``, ``steps_zh``), next to each
other so that a reviewer reads both at once. The string tables ``[kinds]`` and ``[topics]`` have
a ``[kinds_zh]`` / ``[topics_zh]`` twin with the same keys.

``localize(documents, "zh")`` returns the documents with each Chinese text in its key's place, so the
loader, the engine and every renderer work on one language and never choose. A text without its
Chinese version is a problem, not a silent fallback to English. The English edition keeps the few
``_zh`` keys that are shown beside English (a procedure's Chinese name, a question in Chinese);
in the Chinese edition those are emptied, since the text itself is Chinese.

The documents are plain parsed TOML (dicts, lists, strings); the result is a new structure and the
input is left as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LANGUAGES = ("en", "zh")
# Keys whose text a reader sees: each needs its ``<key>_zh``.
TRANSLATED = frozenset({"text", "help", "hint", "why", "next_step", "steps", "title", "note", "name", "reason", "label"})
# Top-level tables of names to descriptions, translated as a whole table.
TABLES = frozenset({"kinds", "topics"})
SUFFIX = "_zh"
# The files whose texts readers see (seed_rules.toml is for tests, divisions.toml holds codes only).
FILES = ("tree.toml", "outcomes.toml", "regions.toml", "sources.toml", "links.toml", "changes.toml", "suffixes.toml")


def zh_key(key: str) -> str:
    return key + SUFFIX


def _is_text(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _pick(value: Any, lang: str, where: str, problems: list[str]) -> Any:
    if isinstance(value, list):
        return [_pick(v, lang, f"{where}[{n}]", problems) for n, v in enumerate(value, start=1)]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        path = f"{where}.{key}" if where else key
        if key in TABLES and not where and isinstance(item, dict):
            out[key] = _table(value, key, lang, problems)
        elif key.endswith(SUFFIX) and key[: -len(SUFFIX)] in TABLES and not where:
            continue  # read with its English table
        elif key.endswith(SUFFIX) and key[: -len(SUFFIX)] in TRANSLATED and _is_text(value.get(key[: -len(SUFFIX)])):
            # A translation: the English edition keeps it (some are shown beside English, such as a
            # procedure's Chinese name); the Chinese edition has put it in its key's place, and empties it.
            out[key] = item if lang == "en" else ("" if isinstance(item, str) else [])
        elif key in TRANSLATED and _is_text(item):
            out[key] = item if lang == "en" else _chinese(value, key, item, path, problems)
        else:
            out[key] = _pick(item, lang, path, problems)
    return out


def _chinese(table: Mapping[str, Any], key: str, english: Any, path: str, problems: list[str]) -> Any:
    chinese: Any = table.get(zh_key(key))
    if not _is_text(chinese):
        problems.append(f"{path}: no Chinese text ('{zh_key(key)}' is missing or empty)")
        return english
    if isinstance(english, list) != isinstance(chinese, list) or (
        isinstance(english, list) and len(english) != len(chinese)
    ):
        shape = f"a list of {len(english)} texts" if isinstance(english, list) else "a text"
        problems.append(f"{path}: '{zh_key(key)}' must be {shape}, like '{key}'")
        return english
    return chinese


def _table(document: Mapping[str, Any], key: str, lang: str, problems: list[str]) -> Any:
    english = document[key]
    if lang == "en":
        return english
    chinese = document.get(zh_key(key))
    if not isinstance(chinese, dict):
        problems.append(f"[{key}]: no Chinese table [{zh_key(key)}]")
        return english
    missing = [k for k in english if not _is_text(chinese.get(k))]
    extra = [k for k in chinese if k not in english]
    if missing:
        problems.append(f"[{zh_key(key)}]: no Chinese text for {', '.join(missing)}")
    if extra:
        problems.append(f"[{zh_key(key)}]: {', '.join(extra)} not in [{key}]")
    return {k: chinese.get(k) if _is_text(chinese.get(k)) else v for k, v in english.items()}


def localize(documents: Mapping[str, Any], lang: str) -> tuple[dict[str, Any], list[str]]:
    """The documents with every text in ``lang``, and the problems found (texts with no translation),
    each named by file and key: ``outcomes.toml: outcomes.new_filing.why: no Chinese text (…)``."""
    if lang not in LANGUAGES:
        raise ValueError(f"no content language '{lang}' (have: {', '.join(LANGUAGES)})")
    out: dict[str, Any] = {}
    problems: list[str] = []
    for name, document in documents.items():
        if name not in FILES:
            out[name] = document
            continue
        found: list[str] = []
        out[name] = _pick(document, lang, "", found)
        problems += [f"{name}: {p}" for p in found]
    return out, problems
