"""Read the TOML content shipped with the package and turn it into a validated ``Content``.

Every problem is collected with its file and key, so one ``check`` run lists them all.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any, TypeVar

from . import localize, routing, snapshot
from .errors import ContentError
from .model import (
    AppliesTo,
    Caveat,
    Change,
    Choice,
    Confidence,
    Content,
    DivisionCodes,
    Link,
    Material,
    Outcome,
    OutcomeWarning,
    Province,
    Question,
    QuestionKind,
    RetiredAnswer,
    Router,
    Routing,
    SeedRule,
    Source,
    SourcedStatement,
    Subject,
)
from .validate import graph_problems, reachable_without

FILES = ("tree.toml", "outcomes.toml", "regions.toml", "sources.toml", "links.toml")
HISTORY = routing.HISTORY_FILE  # optional: JSON, every routing an answer code was issued with
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LINK_KEY = re.compile(r"^[a-z][a-z0-9-]*$")
_CAVEAT_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_FORMERLY = re.compile(r"^([a-z][a-z0-9_]*=)?[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PROVINCE_CODE = re.compile(r"^[1-9]\d0000$")
E = TypeVar("E", AppliesTo, Confidence, QuestionKind, Subject)
OPTIONAL_FILES = ("seed_rules.toml", "changes.toml", "divisions.toml")


class _Reader:
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


def _keyed(problems: list[str], file: str, data: Mapping[str, Any], key: str) -> dict[str, Mapping[str, Any]]:
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


_STATEMENT_KEYS = {"text", "applies_to", "sources", "as_of", "confidence", "conflict"}


def _as_of(r: _Reader, *, undated_ok: bool) -> str:
    as_of = r.text("as_of")
    if as_of and not _DATE.match(as_of) and not (undated_ok and as_of == "undated"):
        expected = "YYYY, YYYY-MM or YYYY-MM-DD" + (", or 'undated'" if undated_ok else "")
        r.problem(f"'as_of' is {as_of!r}; expected {expected}")
    return as_of


def _statement(r: _Reader, *, undated_ok: bool) -> dict[str, Any]:
    """The fields every sourced statement has (``_STATEMENT_KEYS``)."""
    return {
        "text": r.text("text"),
        "applies_to": r.enum("applies_to", AppliesTo, AppliesTo.ALL),
        "sources": r.texts("sources", required=True),
        "as_of": _as_of(r, undated_ok=undated_ok),
        "confidence": r.enum("confidence", Confidence),
        "conflict": r.flag("conflict"),
    }


def _caveat(r: _Reader, topics: Mapping[str, str], seen_ids: set[str]) -> Caveat:
    """A regional caveat: on a topic, always dated (a province's rule without a date cannot be weighed)."""
    r.unknown_keys(_STATEMENT_KEYS | {"topic", "id", "decisive"})
    topic = r.text("topic")
    if topic and topic not in topics:
        r.problem(f"unknown topic '{topic}' (known: {', '.join(topics)})")
    caveat_id = r.text("id", required=False)
    if caveat_id and not _CAVEAT_ID.match(caveat_id):
        r.problem("caveat ids are lower-case words joined by '-'")
    if caveat_id in seen_ids:
        r.problem(f"duplicate caveat id '{caveat_id}' in this province")
    if caveat_id:
        seen_ids.add(caveat_id)
    # "undated" only where every source is undated: checked with the sources (_reference_problems).
    return Caveat(**_statement(r, undated_ok=True), topic=topic, id=caveat_id, decisive=r.flag("decisive"))


def _warning(r: _Reader) -> OutcomeWarning:
    """An outcome's warning: it may rest on an undated source alone (as_of = "undated")."""
    r.unknown_keys(_STATEMENT_KEYS | {"implements"})
    return OutcomeWarning(**_statement(r, undated_ok=True), implements=r.texts("implements"))


def _sources(problems: list[str], data: Mapping[str, Any]) -> dict[str, Source]:
    out = {}
    for key, table in _keyed(problems, "sources.toml", data, "sources").items():
        r = _Reader(problems, f"sources.toml: source '{key}'", table)
        r.unknown_keys({"title", "url", "date", "note", "name"})
        date = r.text("date")
        if date and not _DATE.match(date) and date != "undated":
            r.problem(f"'date' is {date!r}; expected YYYY, YYYY-MM, YYYY-MM-DD or 'undated'")
        url = r.text("url", required=False)
        if url and not url.startswith(("https://", "http://")):
            r.problem(f"'url' must start with https:// or http://, got {url!r}")
        out[key] = Source(
            key=key, title=r.text("title"), url=url, date=date, note=r.text("note", required=False), name=r.text("name")
        )
    return out


def _links(problems: list[str], data: Mapping[str, Any]) -> dict[str, Link]:
    out = {}
    for key, table in _keyed(problems, "links.toml", data, "links").items():
        r = _Reader(problems, f"links.toml: link '{key}'", table)
        r.unknown_keys({"title", "path"})
        if not _LINK_KEY.match(key):
            r.problem("link keys are lower-case words joined by '-'")
        path = r.text("path")
        if path and (not re.match(r"^[a-z0-9][a-z0-9/-]*\.md(#[a-z0-9-]+)?$", path)):
            r.problem(f"'path' must be a docs/ page such as 'procedures/new-filing.md#steps', got {path!r}")
        out[key] = Link(key=key, title=r.text("title"), path=path)
    return out


def _provinces(problems: list[str], data: Mapping[str, Any], topics: Mapping[str, str]) -> dict[str, Province]:
    out = {}
    for pid, table in _keyed(problems, "regions.toml", data, "provinces").items():
        where = f"regions.toml: province '{pid}'"
        r = _Reader(problems, where, table)
        r.unknown_keys({"name_zh", "name_en", "abbreviations", "caveats", "note"})
        if not _ID.match(pid):
            r.problem("province ids are lower-case pinyin")
        seen: set[str] = set()
        caveats = tuple(_caveat(_Reader(problems, f"{where}, caveat {n}", t), topics, seen) for n, t in r.tables("caveats"))
        out[pid] = Province(
            id=pid,
            name_zh=r.text("name_zh"),
            name_en=r.text("name_en"),
            abbreviations=r.texts("abbreviations", required=True),
            caveats=caveats,
            note=r.text("note", required=False),
        )
    return out


def _subject_choices(r: _Reader, qid: str) -> tuple[Choice, ...]:
    choices = _choices(r, qid)
    ids = {c.id for c in choices}
    if ids != {"individual", "enterprise"}:
        r.problem("a subject question has exactly the choices 'individual' and 'enterprise'")
    if len({c.next for c in choices}) > 1:
        r.problem("a subject question's choices all lead to the same node (it sets the subject, not the route)")
    if len({c.adds for c in choices}) > 1:
        r.problem("a subject question's choices all add the same filings (it sets the subject, not what is filed)")
    return choices


def _province_choices(r: _Reader, provinces: Mapping[str, Province]) -> tuple[Choice, ...]:
    nxt = r.text("next")
    if "choices" in r.table:
        r.problem("a province question lists no choices: they come from regions.toml")
    return tuple(
        Choice(id=p.id, label=p.name_en, label_zh=p.name_zh, next=nxt) for p in provinces.values()
    )


def _choices(r: _Reader, qid: str) -> tuple[Choice, ...]:
    out = []
    seen: set[str] = set()
    for n, table in r.tables("choices"):
        cr = _Reader(r.problems, f"{r.where}, choice {n}", table)
        cid = cr.text("id")
        if cid:
            cr.where = f"{r.where}, choice '{cid}'"
        cr.unknown_keys({"id", "label", "label_zh", "hint", "next", "formerly", "subject", "adds"})
        if cid and not _ID.match(cid):
            cr.problem("choice ids are lower-case words joined by '_'")
        if cid in seen:
            cr.problem(f"duplicate choice id '{cid}' in question '{qid}'")
        seen.add(cid)
        out.append(
            Choice(
                id=cid,
                label=cr.text("label"),
                label_zh=cr.text("label_zh", required=False),
                hint=cr.text("hint", required=False),
                next=cr.text("next"),
                formerly=_formerly(cr),
                subject=cr.enum("subject", Subject) if "subject" in table else None,
                adds=cr.texts("adds"),
            )
        )
    if len(out) < 2:
        r.problem("a question needs at least two choices")
    return tuple(out)


def _formerly(r: _Reader) -> tuple[str, ...]:
    ids = r.texts("formerly")
    for old in ids:
        if not _FORMERLY.match(old):
            r.problem(f"'formerly' entries are 'choice_id' or 'question_id=choice_id', got {old!r}")
    return ids


def _question_choices(
    r: _Reader, qid: str, kind: QuestionKind, provinces: Mapping[str, Province]
) -> tuple[Choice, ...]:
    if kind is QuestionKind.SUBJECT:
        return _subject_choices(r, qid)
    if kind is QuestionKind.PROVINCE:
        return _province_choices(r, provinces)
    return _choices(r, qid)


def _questions(problems: list[str], data: Mapping[str, Any], provinces: Mapping[str, Province]) -> dict[str, Question]:
    out = {}
    for qid, table in _keyed(problems, "tree.toml", data, "questions").items():
        r = _Reader(problems, f"tree.toml: question '{qid}'", table)
        r.unknown_keys({"text", "text_zh", "help", "kind", "choices", "next", "formerly", "implements", "tool",
                        "tool_answers"})
        if not _ID.match(qid):
            r.problem("question ids are lower-case words joined by '_'")
        kind = r.enum("kind", QuestionKind, QuestionKind.CHOICE)
        if kind is not QuestionKind.PROVINCE and "next" in table:
            r.problem("'next' belongs on each choice (only a province question has one 'next')")
        out[qid] = Question(
            id=qid,
            text=r.text("text"),
            text_zh=r.text("text_zh", required=False),
            help=r.text("help", required=False),
            kind=kind,
            choices=_question_choices(r, qid, kind, provinces),
            formerly=r.texts("formerly"),
            implements=r.texts("implements"),
            tool=_tool(r),
            tool_answers=_tool_answers(r, table),
        )
    return out


def _tool_answers(r: _Reader, table: Mapping[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    given = table.get("tool_answers", {})
    if not isinstance(given, Mapping):
        r.problem("'tool_answers' is a table: finding = [choice ids, from this question on]")
        return ()
    if given and "tool" not in table:
        r.problem("'tool_answers' needs the 'tool' whose findings they are")
    out = []
    choices = {c.get("id") for c in table.get("choices", []) if isinstance(c, Mapping)}
    for finding, answers in given.items():
        if not (isinstance(answers, list) and answers and all(isinstance(a, str) for a in answers)):
            r.problem(f"'tool_answers.{finding}' is a list of choice ids")
        elif answers[0] not in choices:
            r.problem(f"'tool_answers.{finding}' starts with {answers[0]!r}, not a choice of this question")
        else:
            out.append((finding, tuple(answers)))
    return tuple(out)


QUESTION_TOOLS = ("domain",)


def _tool(r: _Reader) -> str:
    tool = r.text("tool", required=False)
    if tool and tool not in QUESTION_TOOLS:
        r.problem(f"'tool' is one of {', '.join(QUESTION_TOOLS)}, got {tool!r}")
    return tool


def _outcomes(
    problems: list[str],
    data: Mapping[str, Any],
    kinds: Mapping[str, str],
    topics: Mapping[str, str],
    lang: str,
) -> dict[str, Outcome]:
    out = {}
    allowed = {
        "title", "title_zh", "kind", "why", "next_step", "steps", "materials", "warnings", "links", "caveat_topics",
        "sources", "implements", "then",
    }
    for oid, table in _keyed(problems, "outcomes.toml", data, "outcomes").items():
        where = f"outcomes.toml: outcome '{oid}'"
        r = _Reader(problems, where, table)
        r.unknown_keys(allowed)
        if not _ID.match(oid):
            r.problem("outcome ids are lower-case words joined by '_'")
        kind = r.text("kind")
        if kind and kind not in kinds:
            r.problem(f"unknown kind '{kind}' (known: {', '.join(kinds)})")
        materials = []
        for n, t in r.tables("materials"):
            mr = _Reader(problems, f"{where}, material {n}", t)
            mr.unknown_keys({"text", "applies_to", "sources", "implements"})
            materials.append(
                Material(
                    text=mr.text("text"),
                    applies_to=mr.enum("applies_to", AppliesTo, AppliesTo.ALL),
                    sources=mr.texts("sources", required=True),
                    implements=mr.texts("implements"),
                )
            )
        warnings = tuple(_warning(_Reader(problems, f"{where}, warning {n}", t)) for n, t in r.tables("warnings"))
        caveat_topics = r.texts("caveat_topics")
        for topic in caveat_topics:
            if topic not in topics:
                r.problem(f"unknown caveat topic '{topic}' (known: {', '.join(topics)})")
        out[oid] = Outcome(
            id=oid,
            title=r.text("title"),
            title_zh=r.text("title_zh", required=(lang == "en")),
            kind=kind,
            why=r.text("why"),
            next_step=r.text("next_step"),
            steps=r.texts("steps", required=True),
            materials=tuple(materials),
            warnings=warnings,
            links=r.texts("links"),
            caveat_topics=caveat_topics,
            sources=r.texts("sources", required=True),
            implements=r.texts("implements"),
            then=r.texts("then"),
        )
    return out


def _str_map(problems: list[str], file: str, data: Mapping[str, Any], key: str) -> dict[str, str]:
    section = data.get(key)
    if not isinstance(section, dict) or not section or not all(isinstance(v, str) for v in section.values()):
        problems.append(f"{file}: [{key}] must be a table of names to descriptions")
        return {}
    return dict(section)


def _reference_problems(content: Content) -> list[str]:
    """Cross-file references: sources and links that must exist."""
    problems = []

    def need_sources(where: str, keys: tuple[str, ...]) -> None:
        for key in keys:
            if key not in content.sources:
                problems.append(f"{where}: unknown source '{key}' (add it to sources.toml)")

    for p in content.provinces.values():
        for n, cav in enumerate(p.caveats, start=1):
            where = f"regions.toml: province '{p.id}', caveat {n}"
            need_sources(where, cav.sources)
            problems.extend(_as_of_problems(where, cav, content.sources))
    for o in content.outcomes.values():
        where = f"outcomes.toml: outcome '{o.id}'"
        need_sources(where, o.sources)
        for n, m in enumerate(o.materials, start=1):
            need_sources(f"{where}, material {n}", m.sources)
        for n, w in enumerate(o.warnings, start=1):
            need_sources(f"{where}, warning {n}", w.sources)
            problems.extend(_as_of_problems(f"{where}, warning {n}", w, content.sources))
        for key in o.links:
            if key not in content.links:
                problems.append(f"{where}: unknown link '{key}' (add it to links.toml)")
    return problems


def _retired(problems: list[str], tree: Mapping[str, Any]) -> tuple[RetiredAnswer, ...]:
    out = []
    for n, table in _Reader(problems, "tree.toml", tree).tables("retired"):
        r = _Reader(problems, f"tree.toml: retired {n}", table)
        r.unknown_keys({"question", "choice", "reason", "subsumed_by"})
        subsumed = r.text("subsumed_by", required=False)
        if subsumed and not _FORMERLY.match(subsumed):
            r.problem(f"'subsumed_by' is 'question' or 'question=choice', got {subsumed!r}")
        out.append(
            RetiredAnswer(
                question=r.text("question"),
                choice=r.text("choice", required=False),
                reason=r.text("reason"),
                subsumed_by=subsumed,
            )
        )
    return tuple(out)


def _routers(problems: list[str], tree: Mapping[str, Any]) -> dict[str, Router]:
    out = {}
    for rid, table in (tree.get("routers") or {}).items():
        r = _Reader(problems, f"tree.toml: router '{rid}'", table if isinstance(table, dict) else {})
        r.unknown_keys({"question", "routes"})
        if not _ID.match(rid):
            r.problem("router ids are lower-case words joined by '_'")
        routes = table.get("routes") if isinstance(table, dict) else None
        if not isinstance(routes, dict) or not routes or not all(isinstance(v, str) for v in routes.values()):
            r.problem("'routes' must be a table of choice ids to node ids")
            routes = {}
        out[rid] = Router(id=rid, question=r.text("question"), routes=dict(routes))
    return out


def _router_problems(content: Content) -> list[str]:
    """A router's question exists, its routes cover exactly that question's choices, and every walk
    that reaches the router has answered the question."""
    problems = []
    for router in content.routers.values():
        where = f"tree.toml: router '{router.id}'"
        question = content.questions.get(router.question)
        if question is None:
            problems.append(f"{where}: unknown question '{router.question}'")
            continue
        if question.kind is not QuestionKind.CHOICE:
            problems.append(f"{where}: '{question.id}' is a {question.kind.value} question; a router reads a choice question")
        choices = {c.id for c in question.choices}
        if set(router.routes) != choices:
            problems.append(f"{where}: routes must name exactly the choices of '{question.id}': {', '.join(sorted(choices))}")
        if reachable_without(content, router.id, question.id):
            problems.append(f"{where}: some walk reaches it without answering '{question.id}'")
    return problems


def _seed_rules(problems: list[str], data: Mapping[str, Any] | None) -> dict[str, SeedRule]:
    if data is None:
        return {}
    out = {}
    for rid, table in _keyed(problems, "seed_rules.toml", data, "rules").items():
        r = _Reader(problems, f"seed_rules.toml: rule '{rid}'", table)
        r.unknown_keys({"text"})
        if not _LINK_KEY.match(rid):
            r.problem("rule ids are lower-case words joined by '-'")
        out[rid] = SeedRule(id=rid, text=r.text("text"))
    return out


def _changes(problems: list[str], data: Mapping[str, Any] | None) -> tuple[Change, ...]:
    if data is None:
        return ()
    out = []
    for n, table in _Reader(problems, "changes.toml", data).tables("changes"):
        r = _Reader(problems, f"changes.toml: change {n}", table)
        r.unknown_keys({"date", "title", "text", "sources", "outcomes", "provinces"})
        date = r.text("date")
        if date and not re.match(r"^\d{4}-\d{2}-\d{2}$", date):
            r.problem(f"'date' is {date!r}; expected YYYY-MM-DD")
        out.append(
            Change(
                date=date,
                title=r.text("title"),
                text=r.text("text"),
                sources=r.texts("sources", required=True),
                outcomes=r.texts("outcomes"),
                provinces=r.texts("provinces"),
            )
        )
    return tuple(out)


def _divisions(problems: list[str], data: Mapping[str, Any] | None, provinces: Mapping[str, Province]) -> DivisionCodes:
    """divisions.toml: every province of regions.toml has exactly one six-digit province code."""
    if data is None:
        return DivisionCodes()
    r = _Reader(problems, "divisions.toml", data)
    r.unknown_keys({"sources", "as_of", "provinces"})
    table = data.get("provinces")
    if not isinstance(table, dict) or not table:
        r.problem("missing table [provinces] (code = province id)")
        table = {}
    codes: dict[str, str] = {}
    for code, pid in table.items():
        if not _PROVINCE_CODE.match(code):
            r.problem(f"'{code}' is not a province code (six digits ending in 0000, e.g. 110000)")
        elif not isinstance(pid, str) or pid not in provinces:
            r.problem(f"code {code} names {pid!r}, not a province of regions.toml")
        elif pid in codes.values():
            r.problem(f"province '{pid}' has two codes")
        else:
            codes[code] = pid
    missing = [pid for pid in provinces if pid not in codes.values()]
    if missing:
        r.problem(f"no code for the provinces {', '.join(missing)}")
    return DivisionCodes(provinces=codes, sources=r.texts("sources", required=True), as_of=_as_of(r, undated_ok=True))


def _division_problems(content: Content) -> list[str]:
    table = content.divisions
    problems = [f"divisions.toml: unknown source '{key}' (add it to sources.toml)" for key in table.sources
                if key not in content.sources]
    dates = [content.sources[k].date for k in table.sources if k in content.sources and content.sources[k].date != "undated"]
    newest = max(dates, default="undated")
    if table.provinces and not problems and table.as_of != newest:
        problems.append(f"divisions.toml: 'as_of' is {table.as_of!r}; the newest of its sources is dated {newest}")
    return problems


def _follow_on_problems(content: Content) -> list[str]:
    """Filings added by an answer or following an outcome exist, and none follows itself."""
    problems = []
    for q in content.questions.values():
        for c in q.choices:
            problems += [
                f"tree.toml: question '{q.id}', choice '{c.id}': 'adds' names unknown outcome '{o}'"
                for o in c.adds
                if o not in content.outcomes
            ]
    for o in content.outcomes.values():
        where = f"outcomes.toml: outcome '{o.id}'"
        problems += [f"{where}: 'then' names unknown outcome '{t}'" for t in o.then if t not in content.outcomes]
        if o.id in o.then:
            problems.append(f"outcomes.toml: outcome '{o.id}' follows itself in 'then'")
    return problems


def _rule_and_change_problems(content: Content) -> list[str]:
    """Seed-rule ids used exist, every seed rule is implemented somewhere, and changes name real things."""
    problems = []
    used: set[str] = set()

    def need(where: str, ids: tuple[str, ...]) -> None:
        for rid in ids:
            used.add(rid)
            if rid not in content.seed_rules:
                problems.append(f"{where}: unknown seed rule '{rid}' (add it to seed_rules.toml)")

    for q in content.questions.values():
        need(f"tree.toml: question '{q.id}'", q.implements)
    for o in content.outcomes.values():
        where = f"outcomes.toml: outcome '{o.id}'"
        need(where, o.implements)
        for n, m in enumerate(o.materials, start=1):
            need(f"{where}, material {n}", m.implements)
        for n, w in enumerate(o.warnings, start=1):
            need(f"{where}, warning {n}", w.implements)
    for rid in content.seed_rules.keys() - used:
        problems.append(f"seed_rules.toml: rule '{rid}' is implemented nowhere (name it in 'implements')")
    for n, change in enumerate(content.changes, start=1):
        where = f"changes.toml: change {n}"
        problems += [f"{where}: unknown source '{k}'" for k in change.sources if k not in content.sources]
        problems += [f"{where}: unknown outcome '{k}'" for k in change.outcomes if k not in content.outcomes]
        problems += [f"{where}: unknown province '{k}'" for k in change.provinces if k not in content.provinces]
    return problems


def _history(problems: list[str], data: Any) -> dict[str, Routing]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(f"{HISTORY}: expected an object of routings by version")
        return {}
    out = {}
    for version, entry in data.items():
        try:
            out[version] = routing.from_json(version, entry)
        except ValueError as exc:
            problems.append(f"{HISTORY}: {exc}")
    return out


def _formerly_problems(content: Content) -> list[str]:
    """A former id must not be a question id of today's tree: the answer would mean two things."""
    problems = []
    for q in content.questions.values():
        for old in q.formerly:
            if old in content.questions:
                problems.append(f"tree.toml: question '{q.id}' lists '{old}' in 'formerly', but '{old}' is a question today")
    return problems


def _as_of_problems(where: str, statement: SourcedStatement, sources: Mapping[str, Source]) -> list[str]:
    """``as_of`` is the date of the newest dated source stating it, or "undated" when none is dated."""
    dates = [sources[k].date for k in statement.sources if k in sources and sources[k].date != "undated"]
    if len(dates) != sum(1 for k in statement.sources if k in sources and sources[k].date != "undated"):
        return []
    if not dates:
        if statement.as_of == "undated":
            return []
        return [f"{where}: 'as_of' is {statement.as_of!r} but none of its sources is dated: write 'undated'"]
    newest = max(dates)
    if statement.as_of == "undated":
        return [f"{where}: 'as_of' is 'undated' but its newest dated source is of {newest}"]
    if statement.as_of != newest:
        return [f"{where}: 'as_of' is {statement.as_of!r}; the newest of its sources is dated {newest}"]
    return []


def parse(documents: Mapping[str, Any], lang: str = "en") -> Content:
    """Build and validate ``Content`` in ``lang`` from parsed documents keyed by file name
    (routings.json optional); a text without its version in ``lang`` is a problem (``localize``)."""
    problems: list[str] = []
    for name in FILES:
        if name not in documents:
            problems.append(f"{name}: file is missing")
    if problems:
        raise ContentError(problems)
    documents, problems = localize.localize(documents, lang)
    tree, outcomes_doc = documents["tree.toml"], documents["outcomes.toml"]
    _Reader(problems, "tree.toml", tree).unknown_keys(
        {"version", "start", "dated_before", "questions", "routers", "retired"}
    )
    topics = _str_map(problems, "regions.toml", documents["regions.toml"], "topics")
    kinds = _str_map(problems, "outcomes.toml", outcomes_doc, "kinds")
    provinces = _provinces(problems, documents["regions.toml"], topics)
    top = _Reader(problems, "tree.toml", tree)
    content = Content(
        start=top.text("start"),
        version=top.text("version"),
        questions=_questions(problems, tree, provinces),
        outcomes=_outcomes(problems, outcomes_doc, kinds, topics, lang),
        provinces=provinces,
        sources=_sources(problems, documents["sources.toml"]),
        links=_links(problems, documents["links.toml"]),
        topics=topics,
        outcome_kinds=kinds,
        routers=_routers(problems, tree),
        routings=_history(problems, documents.get(HISTORY)),
        retired=_retired(problems, tree),
        dated_before=top.text("dated_before", required=False, default="2022"),
        seed_rules=_seed_rules(problems, documents.get("seed_rules.toml")),
        changes=_changes(problems, documents.get("changes.toml")),
        divisions=_divisions(problems, documents.get("divisions.toml"), provinces),
        lang=lang,
    )
    problems += _reference_problems(content)
    problems += graph_problems(content)
    problems += _router_problems(content)
    problems += _follow_on_problems(content)
    problems += _formerly_problems(content)
    problems += _rule_and_change_problems(content)
    problems += _division_problems(content)
    if problems:
        raise ContentError(problems)
    return dataclasses.replace(content, routing=routing.snapshot(content))


def read_documents(package: str = "decision_tree.content") -> dict[str, Any]:
    """Parse the package's files; a syntax error is reported like any other content problem."""
    import tomllib  # here, not above: with a snapshot (the browser's) no TOML is parsed at all

    documents: dict[str, Any] = {}
    problems = []
    root = resources.files(package)
    for name in (*FILES, *OPTIONAL_FILES):
        resource = root / name
        if not resource.is_file():
            continue
        try:
            documents[name] = tomllib.loads(resource.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{name}: not valid TOML: {exc}")
    history = root / HISTORY
    if history.is_file():
        try:
            documents[HISTORY] = json.loads(history.read_text(encoding="utf-8"))
        except ValueError as exc:
            problems.append(f"{HISTORY}: not valid JSON: {exc}")
    if problems:
        raise ContentError(problems)
    return documents


@cache
def load(lang: str = "en") -> Content:
    """The package's own content in ``lang`` ("en" or "zh"), validated once per process (in the
    browser, from the snapshot the build made of it: see ``snapshot``)."""
    if lang not in localize.LANGUAGES:
        raise ContentError([f"no content language '{lang}' (have: {', '.join(localize.LANGUAGES)})"])
    return snapshot.get("content", lambda: parse(_documents(), lang), lang)


@lru_cache(maxsize=1)
def _documents() -> dict[str, Any]:
    return read_documents()
