"""The rules as data: the content exported as versioned JSON files, each with a JSON Schema.

Published under the site's ``data/`` by a step of scripts/build_site.py and written by
``python -m decision_tree export [--out DIR]``; docs/data.md says how to use them. One set of files
serves both languages: every text a reader sees is in English under its name and in Chinese beside
it under the same name + ``_zh``, as in the content files themselves (a tool picks its language by
the key, and ids, dates and sources are never written twice). ``index.json`` lists the files, their
schemas (``schemas/``, JSON Schema draft 2020-12, kept in this package beside this module), their
size and digest, the content's version and the export's own ``format``.

The same content gives the same bytes: nothing here reads a clock or the environment, every list
keeps the content's order, and the JSON is written the same way every time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import urls
from ..loader import load
from ..model import Caveat, Content, Material, OutcomeWarning, Scope, SourcedStatement
from ..tools import domain_check
from ..tools.suffixes import SuffixTable

# The shape of the files: raised when a file changes in a way a tool reading it must know about
# (a field renamed or removed, a meaning changed); adding a field does not raise it.
FORMAT = 1
# The licence the guide is published under (pyproject.toml's ``license``; a test holds them together).
LICENCE = "MIT"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
INDEX = "index.json"

Json = dict[str, Any]


@dataclass(frozen=True)
class Texts:
    """The same content in English and in Chinese (``loader.load``: same ids, same order)."""

    en: Content
    zh: Content
    suffixes_en: SuffixTable
    suffixes_zh: SuffixTable


def both(en: str | list[str], zh: str | list[str], name: str) -> Json:
    """A text as the export writes it: English under its name, Chinese beside it under the name + ``_zh``."""
    return {name: en, f"{name}_zh": zh}


def _scope(en: Scope, zh: Scope) -> Json:
    return {
        "procedures": list(en.procedures),
        "when": [{"question": question, "choices": list(choices)} for question, choices in en.when],
        **both(en.situation, zh.situation, "situation"),
        "fold": en.fold.value,
    }


def _statement(en: SourcedStatement, zh: SourcedStatement) -> Json:
    return {
        **both(en.text, zh.text, "text"),
        "applies_to": en.applies_to.value,
        "sources": list(en.sources),
        "as_of": en.as_of,
        "confidence": en.confidence.value,
        "conflict": en.conflict,
        "differs": en.differs,
    }


def _scoped(en: Caveat | OutcomeWarning, zh: Caveat | OutcomeWarning) -> Json:
    return {**_statement(en, zh), "scope": _scope(en.scope, zh.scope)}


def _material(en: Material, zh: Material) -> Json:
    return {**both(en.text, zh.text, "text"), "applies_to": en.applies_to.value, "sources": list(en.sources)}


def outcomes(t: Texts) -> Json:
    out = []
    for oid, en in t.en.outcomes.items():
        zh = t.zh.outcomes[oid]
        out.append({
            "id": oid,
            "kind": en.kind,
            **both(en.title, zh.title, "title"),
            **both(en.why, zh.why, "why"),
            **both(en.next_step, zh.next_step, "next_step"),
            **both(list(en.steps), list(zh.steps), "steps"),
            "materials": [_material(a, b) for a, b in zip(en.materials, zh.materials, strict=True)],
            "warnings": [_scoped(a, b) for a, b in zip(en.warnings, zh.warnings, strict=True)],
            "caveat_topics": list(en.caveat_topics),
            "pages": [
                {**both(t.en.links[key].title, t.zh.links[key].title, "title"), "url": urls.page_url(t.en.links[key].path)}
                for key in en.links
            ],
            "sources": list(en.sources),
            "then": list(en.then),
            **both(en.filing_for, zh.filing_for, "filing_for"),
        })
    kinds = {kind: both(label, t.zh.outcome_kinds[kind], "label") for kind, label in t.en.outcome_kinds.items()}
    return {"kinds": kinds, "outcomes": out}


def regions(t: Texts) -> Json:
    provinces = []
    for pid, en in t.en.provinces.items():
        zh = t.zh.provinces[pid]
        caveats = [
            {"id": a.id, "topic": a.topic, "decisive": a.decisive, **_scoped(a, b)}
            for a, b in zip(en.caveats, zh.caveats, strict=True)
        ]
        provinces.append({
            "id": pid,
            "name_en": en.name_en,
            "name_zh": en.name_zh,
            "abbreviations": list(en.abbreviations),
            **both(en.note, zh.note, "note"),
            "caveats": caveats,
        })
    topics = {topic: both(label, t.zh.topics[topic], "label") for topic, label in t.en.topics.items()}
    return {"topics": topics, "provinces": provinces}


def sources(t: Texts) -> Json:
    out = []
    for key, en in t.en.sources.items():
        zh = t.zh.sources[key]
        out.append({
            "key": key,
            **both(en.label, zh.label, "name"),
            **both(en.title, zh.title, "title"),
            "url": en.url,
            "date": en.date,
            **both(en.note, zh.note, "note"),
        })
    return {"sources": out}


def suffixes(t: Texts) -> Json:
    en, zh = t.suffixes_en, t.suffixes_zh
    entries = []
    for suffix, a in en.entries.items():
        b = zh.entries[suffix]
        claims = [
            {"source": x.source, "says": x.says.value, **both(x.text, y.text, "text")}
            for x, y in zip(a.claims, b.claims, strict=True)
        ]
        entries.append({"suffix": suffix, "verdict": a.verdict.value, **_statement(a, b), "claims": claims})
    return {
        "authority": {**_statement(en.authority, zh.authority), "url": en.authority.url},
        "explanations": {kind: _statement(s, zh.explanations[kind]) for kind, s in en.explanations.items()},
        "suffixes": entries,
    }


def divisions(t: Texts) -> Json:
    d = t.en.divisions
    return {"sources": list(d.sources), "as_of": d.as_of, "provinces": dict(d.provinces)}


@dataclass(frozen=True)
class DataFile:
    name: str  # also its schema's: <name>.json, schemas/<name>.schema.json
    make: Callable[[Texts], Json]

    @property
    def path(self) -> str:
        return f"{self.name}.json"

    @property
    def schema(self) -> str:
        return schema_path(self.name)


def schema_path(name: str) -> str:
    return f"schemas/{name}.schema.json"


FILES = (
    DataFile("outcomes", outcomes),
    DataFile("regions", regions),
    DataFile("sources", sources),
    DataFile("suffixes", suffixes),
    DataFile("divisions", divisions),
)


def encode(data: Json) -> bytes:
    """The one way every file is written: UTF-8, the Chinese as it is, keys in the order made."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def texts() -> Texts:
    """The package's content in both languages (each loaded and checked once per process)."""
    return Texts(load("en"), load("zh"), domain_check.suffix_table("en"), domain_check.suffix_table("zh"))


def export(t: Texts, schemas: Path = SCHEMAS) -> dict[str, bytes]:
    """Every file of the export by its path under ``data/``: the data files, their schemas, the index."""
    version = t.en.version
    files = {f.path: encode({"format": FORMAT, "content_version": version, **f.make(t)}) for f in FILES}
    names = [*(f.name for f in FILES), "index"]
    files |= {schema_path(name): (schemas / f"{name}.schema.json").read_bytes() for name in names}
    listed = [
        {"name": f.name, "path": f.path, "schema": f.schema, "bytes": len(files[f.path]),
         "sha256": hashlib.sha256(files[f.path]).hexdigest()}
        for f in FILES
    ]
    index = {
        "format": FORMAT,
        "content_version": version,
        "languages": ["en", "zh"],
        "licence": LICENCE,
        "schema": schema_path("index"),
        "files": listed,
    }
    files[INDEX] = encode(index)
    return files


def write(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """``files`` into ``folder`` (made if missing); returns the paths written, in order."""
    written = []
    for name, data in sorted(files.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
