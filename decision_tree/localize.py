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

Which texts need a Chinese version is not a list of the keys that do: every text (a string or a
list of strings) of a reader-facing file needs one, except the texts of the keys ``NOT_TRANSLATED``
lists and the tables ``ID_TABLES`` lists, each with the reason it is not something a reader reads
in one language (an id, a date, a source key) or is the same in both. So a key someone adds is
either translated or listed on purpose, and never reaches the Chinese edition in English unnoticed.

The documents are plain parsed TOML (dicts, lists, strings); the result is a new structure and the
input is left as it was.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

LANGUAGES = ("en", "zh")
# The keys whose texts (a string or a list of strings) need no ``<key>_zh``, and why; the same key
# holding a table is read like any other (changes.toml's ``outcomes`` lists ids, outcomes.toml's
# ``[outcomes]`` holds the outcomes).
NOT_TRANSLATED: Mapping[str, str] = {
    "abbreviations": "a province's abbreviations as filing numbers print them (京): the same in both",
    "adds": "outcome ids (the filings an answer adds)",
    "after": "the question=choice after which a question is asked in other words",
    "applies_to": "who a statement applies to, an enum the interface words (individual, enterprise, all)",
    "as_of": "a date, or 'undated'",
    "caveat_topics": "keys of [topics]",
    "choice": "a choice id (of a retired answer)",
    "confidence": "an enum the interface words (high, medium, low)",
    "date": "a date, or 'undated'",
    "dated_before": "a date",
    "fold": "an enum (dated, detail): why a statement is folded in a result",
    "formerly": "earlier question or choice ids",
    "id": "an id: anchors, answer codes and references use it",
    "implements": "ids of seed_rules.toml",
    "kind": "an enum (a question's kind, an outcome's kind: a key of [kinds])",
    "links": "keys of links.toml",
    "name_en": "a province's English name, beside its Chinese name name_zh: both are names, shown as such in both editions",
    "next": "a question or outcome id",
    "outcomes": "outcome ids",
    "path": "a docs page's path and anchor",
    "procedures": "outcome ids (the results a statement concerns)",
    "provinces": "province ids (the provinces a change concerns)",
    "question": "a question id (of a retired answer, of a router)",
    "says": "an enum the interface words (fileable, not_fileable)",
    "source": "a key of sources.toml",
    "sources": "keys of sources.toml",
    "start": "a question id",
    "subject": "an enum (individual, enterprise)",
    "subsumed_by": "the question=choice a retired answer became",
    "then": "outcome ids",
    "tool": "the name of a tool the question offers",
    "topic": "a key of [topics]",
    "url": "an address",
    "when": "question=choice conditions on the answers",
    "verdict": "an enum the interface words (fileable, not_fileable, disputed, ...)",
    "version": "the content's date",
}
# Tables whose values are ids, kept as they are whatever their keys.
ID_TABLES: Mapping[str, str] = {
    "routes": "a router's answers, each to the question or outcome it leads to",
    "tool_answers": "a tool's findings, each to the choices it answers",
}
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


def translated(table: Mapping[str, Any], key: str) -> bool:
    """Whether ``table[key]`` is a text that needs its Chinese version beside it, under ``<key>_zh``."""
    return not key.endswith(SUFFIX) and key not in NOT_TRANSLATED and _is_text(table.get(key))


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
        elif key.endswith(SUFFIX) and translated(value, key[: -len(SUFFIX)]):
            # A translation: the English edition keeps it (some are shown beside English, such as a
            # procedure's Chinese name); the Chinese edition has put it in its key's place, and empties it.
            out[key] = item if lang == "en" else ("" if isinstance(item, str) else [])
        elif translated(value, key):
            out[key] = item if lang == "en" else _chinese(value, key, item, path, problems)
        elif key in ID_TABLES and isinstance(item, dict):
            out[key] = item
        else:
            # A table or a list of tables, a listed key's text, or no text (a flag, an empty string, a number).
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


def pairs(document: Mapping[str, Any], where: str = "") -> Iterator[tuple[str, str, Any, Any]]:
    """(English's path, Chinese's path, English, Chinese) for each text of a parsed file written in both
    languages: ``("outcomes.x.why", "outcomes.x.why_zh", "Because.", "因为。")``, and for a string
    table's entries ``("kinds.help", "kinds_zh.help", …)``. A list's items are numbered from 1, as in
    ``localize``'s problems: ``questions.goal.choices[2].label``."""
    for key, item in document.items():
        path = f"{where}.{key}" if where else key
        if key in TABLES and not where and isinstance(item, dict):
            chinese = document.get(zh_key(key))
            if isinstance(chinese, dict):
                yield from (
                    (f"{key}.{k}", f"{zh_key(key)}.{k}", v, chinese[k]) for k, v in item.items() if _is_text(chinese.get(k))
                )
        elif translated(document, key):
            if _is_text(document.get(zh_key(key))):
                yield path, f"{where}.{zh_key(key)}" if where else zh_key(key), item, document[zh_key(key)]
        elif isinstance(item, dict) and key not in ID_TABLES:
            yield from pairs(item, path)
        elif isinstance(item, list):
            for n, element in enumerate(item, start=1):
                if isinstance(element, dict):
                    yield from pairs(element, f"{path}[{n}]")


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
