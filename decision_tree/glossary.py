"""The bilingual glossary (content/glossary.toml): the terms of art both editions use, and the check
that the content's Chinese texts use them rather than a variant the glossary rules out.

Read at build and check time only (docs/glossary.md's tables, ``python -m decision_tree check``);
the browser's bundle leaves it out.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .errors import ContentError

FILE = "glossary.toml"
# The same form as a links.toml path: a docs/ page, with an anchor if the term has its own section.
_LINK = re.compile(r"^[a-z0-9][a-z0-9/-]*\.md(#[a-z0-9-]+)?$")
_GROUP_ID = re.compile(r"^[a-z][a-z0-9-]*$")
# Any CJK ideograph: a string with one is a Chinese text, whatever its key is called.
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Half-width , ; : ! ? ( ) touching Chinese (an ideograph or full-width punctuation, spaces between
# allowed): Chinese writes ，；：！？（）. Between Latin words, digits or in an address they stay.
_CHINESE_SIDE = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d]"
_HALF_WIDTH = re.compile(rf"(?<={_CHINESE_SIDE})[ ]*[,;:!?()]|[,;:!?()](?=[ ]*{_CHINESE_SIDE})")
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_TERM_KEYS = {
    "zh", "short", "also", "pinyin", "en", "definition", "definition_zh", "link", "link_title", "link_title_zh", "avoid",
}
_GROUP_KEYS = {"id", "title", "title_zh", "term"}


@dataclass(frozen=True)
class Term:
    zh: str
    pinyin: str
    en: str
    definition: str
    definition_zh: str
    link: str  # a docs/ path: "procedures/cancellation.md#cancel-subject"
    link_title: str
    link_title_zh: str
    short: str = ""  # 管局 for 通信管理局
    also: tuple[str, ...] = ()  # names just as right: 新增接入 beside 接入备案
    avoid: tuple[str, ...] = ()  # variants the Chinese texts must not use instead

    @property
    def names(self) -> tuple[str, ...]:
        """Every Chinese name of the term that the guide may use."""
        return (self.zh, *((self.short,) if self.short else ()), *self.also)


@dataclass(frozen=True)
class Group:
    id: str  # the anchor of the group's heading on docs/glossary.md
    title: str
    title_zh: str
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Glossary:
    groups: tuple[Group, ...]

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for g in self.groups for t in g.terms)

    def group(self, group_id: str) -> Group:
        for g in self.groups:
            if g.id == group_id:
                return g
        known = ", ".join(g.id for g in self.groups)
        raise KeyError(f"{FILE} has no group '{group_id}' (it has: {known})")


def _text(problems: list[str], where: str, table: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = table.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: '{key}' must be a non-empty string" if value is not None else f"{where}: missing '{key}'")
        return ""
    return value.strip()


def _texts(problems: list[str], where: str, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"{where}: '{key}' must be a list of non-empty strings")
        return ()
    return tuple(v.strip() for v in value)


def _unknown(problems: list[str], where: str, table: Mapping[str, Any], allowed: set[str]) -> None:
    for key in table:
        if key not in allowed:
            problems.append(f"{where}: unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")


def _term(problems: list[str], where: str, table: Mapping[str, Any]) -> Term:
    _unknown(problems, where, table, _TERM_KEYS)
    term = Term(
        zh=_text(problems, where, table, "zh"),
        pinyin=_text(problems, where, table, "pinyin"),
        en=_text(problems, where, table, "en"),
        definition=_text(problems, where, table, "definition"),
        definition_zh=_text(problems, where, table, "definition_zh"),
        link=_text(problems, where, table, "link"),
        link_title=_text(problems, where, table, "link_title"),
        link_title_zh=_text(problems, where, table, "link_title_zh"),
        short=_text(problems, where, table, "short", required=False),
        also=_texts(problems, where, table, "also"),
        avoid=_texts(problems, where, table, "avoid"),
    )
    if term.link and not _LINK.match(term.link):
        problems.append(f"{where}: 'link' must be a docs/ page such as 'procedures/new-filing.md#steps', got {term.link!r}")
    if term.definition_zh and not _CJK.search(term.definition_zh):
        problems.append(f"{where}: 'definition_zh' must be written in Chinese")
    return term


def parse(data: Mapping[str, Any]) -> Glossary:
    """The glossary from the parsed TOML, or ``ContentError`` naming file and key of every problem."""
    problems: list[str] = []
    groups: list[Group] = []
    raw_groups = data.get("group")
    if not isinstance(raw_groups, list) or not raw_groups or not all(isinstance(g, dict) for g in raw_groups):
        raise ContentError([f"{FILE}: needs at least one [[group]] of terms"])
    _unknown(problems, FILE, data, {"group"})
    for number, raw in enumerate(raw_groups, start=1):
        gid = raw.get("id")
        where = f"{FILE}: group '{gid}'" if isinstance(gid, str) else f"{FILE}: group {number}"
        _unknown(problems, where, raw, _GROUP_KEYS)
        group_id = _text(problems, where, raw, "id")
        if group_id and not _GROUP_ID.match(group_id):
            problems.append(f"{where}: 'id' is the heading's anchor: lower-case words joined by '-'")
        raw_terms = raw.get("term")
        if not isinstance(raw_terms, list) or not raw_terms or not all(isinstance(t, dict) for t in raw_terms):
            problems.append(f"{where}: needs at least one [[group.term]]")
            raw_terms = []
        terms = []
        for index, table in enumerate(raw_terms, start=1):
            zh = table.get("zh")
            terms.append(_term(problems, f"{where}, term '{zh}'" if isinstance(zh, str) else f"{where}, term {index}", table))
        groups.append(Group(id=group_id, title=_text(problems, where, raw, "title"),
                            title_zh=_text(problems, where, raw, "title_zh"), terms=tuple(terms)))
    glossary = Glossary(tuple(groups))
    problems += _consistency_problems(glossary)
    if problems:
        raise ContentError(problems)
    return glossary


def _consistency_problems(glossary: Glossary) -> list[str]:
    """No name listed twice, no group id twice, and no variant to avoid that a right name contains."""
    problems = []
    seen_groups: set[str] = set()
    for group in glossary.groups:
        if group.id in seen_groups:
            problems.append(f"{FILE}: group '{group.id}' is listed twice")
        seen_groups.add(group.id)
    owner: dict[str, str] = {}
    for term in glossary.terms:
        for name in term.names:
            if name in owner:
                problems.append(f"{FILE}: term '{term.zh}': the Chinese name '{name}' is already listed, under '{owner[name]}'")
            else:
                owner[name] = term.zh
    names = set(owner)
    for term in glossary.terms:
        for variant in term.avoid:
            # A variant that a right name contains would fail every correct use of that name.
            clash = sorted(n for n in names if variant in n)
            if clash:
                problems.append(
                    f"{FILE}: term '{term.zh}': 'avoid' lists '{variant}', which the glossary's own {', '.join(clash)} contains"
                )
    return problems


@cache
def load() -> Glossary:
    """The package's glossary, read and checked once per process."""
    text = (resources.files("decision_tree.content") / FILE).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError([f"{FILE}: not valid TOML: {exc}"]) from None
    return parse(data)


# --- the check of the Chinese texts ----------------------------------------------------------------


def chinese_texts(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every Chinese string in parsed content, with its dotted key: each ``*_zh`` field and any
    string with a CJK character (the English texts quote Chinese terms, and those must be right too).
    Arrays of tables count from 1, as the loader's messages do: ``questions.goal.choices.2.label_zh``."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from chinese_texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data, start=1):
            yield from chinese_texts(value, f"{path}.{index}")
    elif isinstance(data, str) and (path.endswith("_zh") or _CJK.search(data)):
        yield path, data


def term_problems(glossary: Glossary, file: str, data: Any) -> list[str]:
    """One line per avoided variant in the Chinese texts of one parsed file, naming file, key and the term to use."""
    problems = []
    for key, text in chinese_texts(data):
        for term in glossary.terms:
            for variant in term.avoid:
                if variant in text:
                    problems.append(f"{file}: '{key}' says '{variant}': write '{term.zh}' (glossary.toml)")
    return problems


# A Markdown link's target, ``[text](url)``: its parentheses are syntax, not punctuation.
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def half_width(text: str) -> list[str]:
    """The half-width marks of a Chinese text that touch Chinese, each with a few characters around it."""
    text = _LINK_TARGET.sub("]", text)
    return [text[max(m.start() - 4, 0) : m.end() + 4].strip() for m in _HALF_WIDTH.finditer(text)]


def _written_in_chinese(file: str, key: str) -> bool:
    """A Chinese text, as opposed to an English one quoting a Chinese term: the Chinese catalog's
    texts and every ``*_zh`` (or within a ``[*_zh]`` table)."""
    return file == "messages/zh.toml" or any(part.endswith("_zh") for part in key.split("."))


def punctuation_problems(file: str, data: Any, *, chinese: bool = False) -> list[str]:
    """One line per Chinese text of a parsed file with half-width punctuation beside Chinese, naming
    file, key, the marks to write and where. ``chinese``: every text of ``data`` is written in
    Chinese (a Chinese page's lines), not only its ``*_zh`` texts."""
    problems = []
    for key, text in chinese_texts(data):
        found = half_width(text) if chinese or _written_in_chinese(file, key) else []
        if found:
            marks = "".join(FULL_WIDTH[c] for c in FULL_WIDTH if any(c in f for f in found))
            where = " | ".join(found)
            problems.append(f"{file}: '{key}' has half-width punctuation beside Chinese: write {marks} ({where})")
    return problems


def _glossary_texts(glossary: Glossary) -> dict[str, Any]:
    """The glossary's own Chinese definitions, keyed as in its file (its names and 'avoid' lists are not prose)."""
    return {
        group.id: {term.zh: {"definition_zh": term.definition_zh} for term in group.terms}
        for group in glossary.groups
    }


def content_files() -> Iterator[tuple[str, Any]]:
    """Every content file with texts, parsed: the TOML files and the message catalogs."""
    root = resources.files("decision_tree.content")
    entries = [(e.name, e) for e in root.iterdir()]
    entries += [(f"messages/{e.name}", e) for e in (root / "messages").iterdir()]
    for name, entry in sorted(entries, key=lambda pair: pair[0]):
        if not name.endswith(".toml") or name == FILE:
            continue
        try:
            yield name, tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError:
            continue  # the loader and the message catalogs report a file that does not parse


def check_content(glossary: Glossary | None = None) -> list[str]:
    """The glossary check over the whole content: every file's Chinese texts, and the glossary's own;
    and their punctuation, full-width beside Chinese."""
    glossary = glossary or load()
    problems = term_problems(glossary, FILE, _glossary_texts(glossary))
    problems += punctuation_problems(FILE, _glossary_texts(glossary))
    for name, data in content_files():
        problems += term_problems(glossary, name, data) + punctuation_problems(name, data)
    return problems
