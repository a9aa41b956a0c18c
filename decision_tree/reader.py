"""Reading the content's TOML, table by table: a field reader that records each problem, with its file
and key, instead of raising, so that one ``check`` run lists them all.

The tree's ``loader`` and the tools' ``suffixes`` (which reads its own file, and sources.toml, only
when a domain is checked) both read with these: they live in a module of their own so that neither
reaches into the other's private helpers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

from . import localize
from .model import AppliesTo, Confidence, QuestionKind, Source, Subject

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # YYYY, YYYY-MM or YYYY-MM-DD
E = TypeVar("E", AppliesTo, Confidence, QuestionKind, Subject)


class Reader:
    """Reads fields from one TOML table, recording problems instead of raising."""

    def __init__(self, problems: list[str], where: str, table: Mapping[str, Any]) -> None:
        self.problems = problems
        self.where = where
        self.table = table

    def problem(self, message: str) -> None:
        self.problems.append(f"{self.where}: {message}")

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self.table.get(key)
        if value is None:
            if required:
                self.problem(f"missing '{key}'")
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(f"'{key}' must be a non-empty string")
            return default
        return value.strip()

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.table.get(key)
        if value is None:
            if required:
                self.problem(f"missing '{key}'")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(f"'{key}' must be a list of non-empty strings")
            return ()
        if required and not value:
            self.problem(f"'{key}' must not be empty")
        return tuple(v.strip() for v in value)

    def flag(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"'{key}' must be true or false")
            return False
        return value

    def enum(self, key: str, cls: type[E], default: E | None = None) -> E:
        raw = self.table.get(key)
        if raw is None and default is not None:
            return default
        try:
            return cls(str(raw))
        except ValueError:
            allowed = ", ".join(m.value for m in cls)
            self.problem(f"'{key}' is {raw!r}; expected one of: {allowed}")
            return default if default is not None else next(iter(cls))

    def tables(self, key: str) -> list[tuple[int, Mapping[str, Any]]]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(f"'{key}' must be an array of tables ([[...{key}]])")
            return []
        return list(enumerate(value, start=1))

    def unknown_keys(self, allowed: set[str]) -> None:
        for key in self.table:
            # A text's Chinese version (``why_zh`` beside ``why``) was read by ``localize``.
            if key not in allowed and not (key.endswith(localize.SUFFIX) and key.removesuffix(localize.SUFFIX) in allowed):
                self.problem(f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")


def keyed(problems: list[str], file: str, data: Mapping[str, Any], key: str) -> dict[str, Mapping[str, Any]]:
    section = data.get(key)
    if not isinstance(section, dict) or not section:
        problems.append(f"{file}: missing section [{key}.<id>]")
        return {}
    out: dict[str, Mapping[str, Any]] = {}
    for item_id, table in section.items():
        if not isinstance(table, dict):
            problems.append(f"{file}: {key} '{item_id}' must be a table")
            continue
        out[item_id] = table
    return out


def read_sources(problems: list[str], data: Mapping[str, Any]) -> dict[str, Source]:
    out = {}
    for key, table in keyed(problems, "sources.toml", data, "sources").items():
        r = Reader(problems, f"sources.toml: source '{key}'", table)
        r.unknown_keys({"title", "url", "date", "note", "name"})
        date = r.text("date")
        if date and not DATE.match(date) and date != "undated":
            r.problem(f"'date' is {date!r}; expected YYYY, YYYY-MM, YYYY-MM-DD or 'undated'")
        url = r.text("url", required=False)
        if url and not url.startswith(("https://", "http://")):
            r.problem(f"'url' must start with https:// or http://, got {url!r}")
        out[key] = Source(
            key=key, title=r.text("title"), url=url, date=date, note=r.text("note", required=False), name=r.text("name")
        )
    return out
