"""What the sources say about filing a site on each domain suffix: ``content/suffixes.toml``, read and checked.

MIIT's list is the only authority and could not be retrieved, so every entry is a sourced, dated
statement like a regional caveat, with a verdict; where the sources disagree the entry says what
each one says. The table is read the first time a domain is checked, not with the tree's content:
the tree page never needs it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from .. import localize, snapshot
from ..errors import ContentError
from ..model import AppliesTo, Confidence, Source, SourcedStatement
from ..reader import Reader, read_sources
from ..validate import as_of_problems

FILE = "suffixes.toml"
EXPLANATIONS = ("registrable", "subdomain", "government_subdomain", "private_suffix")


class Verdict(enum.StrEnum):
    """Whether a site on a suffix can be filed, as far as the sources go."""

    FILEABLE = "fileable"
    NOT_FILEABLE = "not_fileable"
    DISPUTED = "disputed"
    GOVERNMENT = "government"  # for Party and government bodies only
    PUBLIC_INSTITUTION = "public_institution"  # for public (non-profit) institutions
    UNKNOWN = "unknown"  # no entry: never written in the file, only reported


class Claim(enum.StrEnum):
    """What one source says about a disputed suffix."""

    FILEABLE = "fileable"
    NOT_FILEABLE = "not_fileable"


@dataclass(frozen=True)
class SourceClaim:
    source: str
    says: Claim
    text: str


@dataclass(frozen=True, kw_only=True)
class SuffixEntry(SourcedStatement):
    """One suffix (Unicode form, no leading dot) and what its sources say about filing a site on it."""

    suffix: str
    verdict: Verdict
    claims: tuple[SourceClaim, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Authority(SourcedStatement):
    """MIIT's list is the authority, and where to look it up: said with every verdict."""

    url: str


@dataclass(frozen=True)
class SuffixTable:
    entries: Mapping[str, SuffixEntry]
    authority: Authority
    explanations: Mapping[str, SourcedStatement]
    sources: Mapping[str, Source] = field(repr=False)
    dated_before: str = "2022"

    def entry_for(self, suffix: str) -> SuffixEntry | None:
        """The entry for ``suffix`` or, failing that, for the nearest suffix above it (``cn`` for ``sh.cn``)."""
        labels = suffix.split(".")
        for start in range(len(labels)):
            entry = self.entries.get(".".join(labels[start:]))
            if entry is not None:
                return entry
        return None

    def longest_entry_ending(self, labels: tuple[str, ...]) -> str:
        """The longest entry that a name of these labels ends with, or is ("" if none)."""
        for start in range(len(labels)):
            suffix = ".".join(labels[start:])
            if suffix in self.entries:
                return suffix
        return ""


_STATEMENT = {"text", "sources", "as_of", "confidence"}


def _statement(r: Reader) -> dict[str, Any]:
    """The fields of a sourced statement that this file uses: every statement applies to everyone."""
    as_of = r.text("as_of")
    return {
        "text": r.text("text"),
        "applies_to": AppliesTo.ALL,
        "sources": r.texts("sources", required=True),
        "as_of": as_of,
        "confidence": r.enum("confidence", Confidence),
    }


V = TypeVar("V", Verdict, Claim)


def _choice(r: Reader, key: str, cls: type[V]) -> V | None:
    """One of an enumeration's values, or None with the problem recorded."""
    raw = r.table.get(key)
    try:
        return cls(str(raw))
    except ValueError:
        r.problem(f"'{key}' is {raw!r}; expected one of: {', '.join(v.value for v in cls if v is not Verdict.UNKNOWN)}")
        return None


def _claims(problems: list[str], where: str, r: Reader) -> tuple[SourceClaim, ...]:
    claims = []
    for n, table in r.tables("claims"):
        cr = Reader(problems, f"{where}, claim {n}", table)
        cr.unknown_keys({"source", "says", "text"})
        says = _choice(cr, "says", Claim)
        claims.append(SourceClaim(source=cr.text("source"), says=says or Claim.FILEABLE, text=cr.text("text")))
    return tuple(claims)


def _entry(problems: list[str], suffix: str, table: Mapping[str, Any]) -> SuffixEntry:
    where = f"{FILE}: suffix '{suffix}'"
    r = Reader(problems, where, table)
    r.unknown_keys(_STATEMENT | {"verdict", "claims"})
    verdict = _choice(r, "verdict", Verdict) or Verdict.UNKNOWN
    if verdict is Verdict.UNKNOWN and r.table.get("verdict") == Verdict.UNKNOWN.value:
        r.problem("'unknown' is what the check reports for a suffix without an entry: remove the entry instead")
    claims = _claims(problems, where, r)
    if verdict is Verdict.DISPUTED and len({c.says for c in claims}) < 2:
        r.problem("a disputed suffix lists [[claims]] on both sides: what each source says")
    if verdict is not Verdict.DISPUTED and claims:
        r.problem("only a disputed suffix lists [[claims]]")
    statement = _statement(r)
    for claim in claims:
        if claim.source and claim.source not in statement["sources"]:
            r.problem(f"claim by '{claim.source}', which is not among the entry's sources")
    return SuffixEntry(**statement, conflict=verdict is Verdict.DISPUTED, suffix=suffix, verdict=verdict, claims=claims)


def parse(document: Mapping[str, Any], sources: Mapping[str, Source], dated_before: str = "2022") -> SuffixTable:
    """Build and check the table from the parsed file; every problem names the file and the key."""
    problems: list[str] = []
    top = Reader(problems, FILE, document)
    top.unknown_keys({"authority", "explanations", "suffixes"})
    authority_table = document.get("authority")
    ar = Reader(problems, f"{FILE}: [authority]", authority_table if isinstance(authority_table, dict) else {})
    ar.unknown_keys(_STATEMENT | {"url"})
    url = ar.text("url")
    if url and not url.startswith("https://"):
        ar.problem(f"'url' must start with https://, got {url!r}")
    authority = Authority(**_statement(ar), url=url)

    explanations: dict[str, SourcedStatement] = {}
    raw_explanations = document.get("explanations")
    raw_explanations = raw_explanations if isinstance(raw_explanations, dict) else {}
    for key in EXPLANATIONS:
        if not isinstance(raw_explanations.get(key), dict):
            problems.append(f"{FILE}: missing [explanations.{key}]")
    for key, table in raw_explanations.items():
        er = Reader(problems, f"{FILE}: explanation '{key}'", table if isinstance(table, dict) else {})
        if key not in EXPLANATIONS:
            er.problem(f"unknown explanation (known: {', '.join(EXPLANATIONS)})")
        er.unknown_keys(_STATEMENT)
        explanations[key] = SourcedStatement(**_statement(er))

    entries: dict[str, SuffixEntry] = {}
    raw_entries = document.get("suffixes")
    if not isinstance(raw_entries, dict) or not raw_entries:
        problems.append(f"{FILE}: missing section [suffixes.<suffix>]")
        raw_entries = {}
    for suffix, table in raw_entries.items():
        if not isinstance(table, dict):
            problems.append(f"{FILE}: suffix '{suffix}' must be a table")
            continue
        entries[suffix] = _entry(problems, suffix, table)

    named: list[tuple[str, SourcedStatement]] = [(f"{FILE}: [authority]", authority)]
    named += [(f"{FILE}: explanation '{k}'", e) for k, e in explanations.items()]
    named += [(f"{FILE}: suffix '{k}'", e) for k, e in entries.items()]
    for where, statement in named:
        for key in statement.sources:
            if key not in sources:
                problems.append(f"{where}: unknown source '{key}' (add it to sources.toml)")
        problems += as_of_problems(where, statement, sources)
    if problems:
        raise ContentError(problems)
    cited = {k for _, s in named for k in s.sources}
    return SuffixTable(
        entries=entries,
        authority=authority,
        explanations=explanations,
        sources={k: v for k, v in sources.items() if k in cited},
        dated_before=dated_before,
    )


def _read(package: str, name: str) -> Any:
    resource = resources.files(package) / name
    import tomllib  # here, not above: with a snapshot (the browser's) no TOML is parsed at all
    try:
        return tomllib.loads(resource.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError([f"{name}: not valid TOML: {exc}"]) from None


@cache
def table(package: str = "decision_tree.content", lang: str = "en") -> SuffixTable:
    """The package's suffix table in ``lang``, read and checked once per process (with its sources and the
    date before which a statement is shown as dated, so that it needs nothing else of the content)."""
    if package == "decision_tree.content":
        return snapshot.get("suffixes", lambda: _table(package, lang), lang)
    return _table(package, lang)


def _table(package: str, lang: str) -> SuffixTable:
    documents, problems = localize.localize(
        {"sources.toml": _read(package, "sources.toml"), FILE: _read(package, FILE)}, lang
    )
    sources = read_sources(problems, documents["sources.toml"])
    if problems:
        raise ContentError(problems)
    dated_before = _read(package, "tree.toml").get("dated_before", "2022")
    return parse(documents[FILE], sources, str(dated_before))
