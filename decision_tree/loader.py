"""Read the TOML content shipped with the package and turn it into a validated ``Content``.

Every problem is collected with its file and key, so one ``check`` run lists them all. Each file's
tables are read here (with ``reader``), checking what one table can say; the checks that need the
whole content (references between files, the routing's graph) are ``validate``'s.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any

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
    Fold,
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
    Scope,
    SeedRule,
    Subject,
    Wording,
)
from .reader import DATE, Reader, keyed, read_sources
from .validate import content_problems

FILES = ("tree.toml", "outcomes.toml", "regions.toml", "sources.toml", "links.toml")
HISTORY = routing.HISTORY_FILE  # optional: JSON, every routing an answer code was issued with
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LINK_KEY = re.compile(r"^[a-z][a-z0-9-]*$")
_CAVEAT_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_FORMERLY = re.compile(r"^([a-z2-7]{4}:[a-z][a-z0-9_]*=|[a-z][a-z0-9_]*=)?[a-z][a-z0-9_]*$")
_PROVINCE_CODE = re.compile(r"^[1-9]\d0000$")
OPTIONAL_FILES = ("seed_rules.toml", "changes.toml", "divisions.toml")
_STATEMENT_KEYS = {
    "text", "applies_to", "sources", "as_of", "confidence", "conflict", "differs", "procedures", "when", "situation",
    "fold",
}
_WHEN = re.compile(r"^([a-z][a-z0-9_]*)=([a-z][a-z0-9_]*(\|[a-z][a-z0-9_]*)*)$")


def _as_of(r: Reader, *, undated_ok: bool) -> str:
    as_of = r.text("as_of")
    if as_of and not DATE.match(as_of) and not (undated_ok and as_of == "undated"):
        expected = "YYYY, YYYY-MM or YYYY-MM-DD" + (", or 'undated'" if undated_ok else "")
        r.problem(f"'as_of' is {as_of!r}; expected {expected}")
    return as_of


def _statement(r: Reader, *, undated_ok: bool) -> dict[str, Any]:
    """The fields every sourced statement has (``_STATEMENT_KEYS``)."""
    return {
        "text": r.text("text"),
        "applies_to": r.enum("applies_to", AppliesTo, AppliesTo.ALL),
        "sources": r.texts("sources", required=True),
        "as_of": _as_of(r, undated_ok=undated_ok),
        "confidence": r.enum("confidence", Confidence),
        "conflict": r.flag("conflict"),
        "differs": r.flag("differs"),
        "scope": _scope(r),
    }


def _scope(r: Reader) -> Scope:
    """``procedures``, ``when`` ("question=choice|choice"), ``situation`` and ``fold`` (ids checked by validate)."""
    when = []
    for condition in r.texts("when"):
        match = _WHEN.match(condition)
        if match is None:
            r.problem(f"'when' entries are 'question_id=choice_id' or 'question_id=a|b', got {condition!r}")
        else:
            when.append((match.group(1), tuple(match.group(2).split("|"))))
    fold = r.text("fold", required=False)
    if fold and fold not in {f.value for f in Fold}:
        r.problem(f"'fold' is {fold!r}; expected one of: {', '.join(f.value for f in Fold if f.value)}")
        fold = ""
    if r.table.get("conflict") is True and r.table.get("differs") is True:
        r.problem("'conflict' (the sources disagree on what to do) and 'differs' (on a detail) exclude each other")
    return Scope(
        procedures=r.texts("procedures"),
        when=tuple(when),
        situation=r.text("situation", required=False),
        fold=Fold(fold),
    )


def _caveat(r: Reader, topics: Mapping[str, str], seen_ids: set[str]) -> Caveat:
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
    # "undated" only where every source is undated: checked with the sources (validate).
    return Caveat(**_statement(r, undated_ok=True), topic=topic, id=caveat_id, decisive=r.flag("decisive"))


def _warning(r: Reader) -> OutcomeWarning:
    """An outcome's warning: it may rest on an undated source alone (as_of = "undated")."""
    r.unknown_keys(_STATEMENT_KEYS | {"implements"})
    return OutcomeWarning(**_statement(r, undated_ok=True), implements=r.texts("implements"))


def _links(problems: list[str], data: Mapping[str, Any]) -> dict[str, Link]:
    out = {}
    for key, table in keyed(problems, "links.toml", data, "links").items():
        r = Reader(problems, f"links.toml: link '{key}'", table)
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
    for pid, table in keyed(problems, "regions.toml", data, "provinces").items():
        where = f"regions.toml: province '{pid}'"
        r = Reader(problems, where, table)
        r.unknown_keys({"name_zh", "name_en", "abbreviations", "caveats", "note"})
        if not _ID.match(pid):
            r.problem("province ids are lower-case pinyin")
        seen: set[str] = set()
        caveats = tuple(_caveat(Reader(problems, f"{where}, caveat {n}", t), topics, seen) for n, t in r.tables("caveats"))
        out[pid] = Province(
            id=pid,
            name_zh=r.text("name_zh"),
            name_en=r.text("name_en"),
            abbreviations=r.texts("abbreviations", required=True),
            caveats=caveats,
            note=r.text("note", required=False),
        )
    return out


def _subject_choices(r: Reader, qid: str) -> tuple[Choice, ...]:
    choices = _choices(r, qid)
    ids = {c.id for c in choices}
    if ids != {"individual", "enterprise"}:
        r.problem("a subject question has exactly the choices 'individual' and 'enterprise'")
    if len({c.next for c in choices}) > 1:
        r.problem("a subject question's choices all lead to the same node (it sets the subject, not the route)")
    if len({c.adds for c in choices}) > 1:
        r.problem("a subject question's choices all add the same filings (it sets the subject, not what is filed)")
    return choices


def _province_choices(r: Reader, provinces: Mapping[str, Province], lang: str) -> tuple[Choice, ...]:
    nxt = r.text("next")
    if "choices" in r.table:
        r.problem("a province question lists no choices: they come from regions.toml")
    # As for every other choice (localize): the English edition shows the Chinese name beside the
    # English one, the Chinese edition the Chinese name alone.
    return tuple(
        Choice(id=p.id, label=p.local_name(lang), label_zh=p.name_zh if lang == "en" else "", next=nxt)
        for p in provinces.values()
    )


def _choices(r: Reader, qid: str) -> tuple[Choice, ...]:
    out = []
    seen: set[str] = set()
    for n, table in r.tables("choices"):
        cr = Reader(r.problems, f"{r.where}, choice {n}", table)
        cid = cr.text("id")
        if cid:
            cr.where = f"{r.where}, choice '{cid}'"
        cr.unknown_keys({"id", "label", "label_zh", "hint", "next", "formerly", "subject", "adds", "result_for"})
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
                result_for=cr.text("result_for", required=False),
            )
        )
    if len(out) < 2:
        r.problem("a question needs at least two choices")
    return tuple(out)


def _formerly(r: Reader) -> tuple[str, ...]:
    ids = r.texts("formerly")
    for old in ids:
        if not _FORMERLY.match(old):
            r.problem(
                f"'formerly' entries are 'choice_id', 'question_id=choice_id' or 'version:question_id=choice_id', got {old!r}"
            )
    return ids


def _question_choices(
    r: Reader, qid: str, kind: QuestionKind, provinces: Mapping[str, Province], lang: str
) -> tuple[Choice, ...]:
    if kind is QuestionKind.SUBJECT:
        return _subject_choices(r, qid)
    if kind is QuestionKind.PROVINCE:
        return _province_choices(r, provinces, lang)
    return _choices(r, qid)


def _questions(
    problems: list[str], data: Mapping[str, Any], provinces: Mapping[str, Province], lang: str
) -> dict[str, Question]:
    out = {}
    for qid, table in keyed(problems, "tree.toml", data, "questions").items():
        r = Reader(problems, f"tree.toml: question '{qid}'", table)
        r.unknown_keys({"text", "text_zh", "help", "kind", "choices", "next", "formerly", "implements", "tool",
                        "tool_answers", "checks", "wordings"})
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
            choices=_question_choices(r, qid, kind, provinces, lang),
            formerly=r.texts("formerly"),
            implements=r.texts("implements"),
            tool=_tool(r),
            tool_answers=_tool_answers(r, table),
            checks=r.texts("checks"),
            wordings=tuple(_wording(Reader(problems, f"{r.where}, wording {n}", t)) for n, t in r.tables("wordings")),
        )
    return out


def _wording(r: Reader) -> Wording:
    """A question's other words after an earlier answer; which questions and choices exist is
    ``validate``'s to check, once every question is read."""
    r.unknown_keys({"after", "text", "text_zh", "help"})
    after = r.text("after")
    question, _, choice = after.partition("=")
    if after and not (_ID.match(question) and _ID.match(choice)):
        r.problem(f"'after' is 'question_id=choice_id', got {after!r}")
    return Wording(
        question=question,
        choice=choice,
        text=r.text("text"),
        text_zh=r.text("text_zh", required=False),
        help=r.text("help", required=False),
    )


def _tool_answers(r: Reader, table: Mapping[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
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


def _tool(r: Reader) -> str:
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
        "sources", "implements", "then", "filing_for",
    }
    for oid, table in keyed(problems, "outcomes.toml", data, "outcomes").items():
        where = f"outcomes.toml: outcome '{oid}'"
        r = Reader(problems, where, table)
        r.unknown_keys(allowed)
        if not _ID.match(oid):
            r.problem("outcome ids are lower-case words joined by '_'")
        kind = r.text("kind")
        if kind and kind not in kinds:
            r.problem(f"unknown kind '{kind}' (known: {', '.join(kinds)})")
        materials = []
        for n, t in r.tables("materials"):
            mr = Reader(problems, f"{where}, material {n}", t)
            mr.unknown_keys({"text", "applies_to", "sources", "implements"})
            materials.append(
                Material(
                    text=mr.text("text"),
                    applies_to=mr.enum("applies_to", AppliesTo, AppliesTo.ALL),
                    sources=mr.texts("sources", required=True),
                    implements=mr.texts("implements"),
                )
            )
        warnings = tuple(_warning(Reader(problems, f"{where}, warning {n}", t)) for n, t in r.tables("warnings"))
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
            filing_for=r.text("filing_for", required=False),
        )
    return out


def _str_map(problems: list[str], file: str, data: Mapping[str, Any], key: str) -> dict[str, str]:
    section = data.get(key)
    if not isinstance(section, dict) or not section or not all(isinstance(v, str) for v in section.values()):
        problems.append(f"{file}: [{key}] must be a table of names to descriptions")
        return {}
    return dict(section)


def _retired(problems: list[str], tree: Mapping[str, Any]) -> tuple[RetiredAnswer, ...]:
    out = []
    for n, table in Reader(problems, "tree.toml", tree).tables("retired"):
        r = Reader(problems, f"tree.toml: retired {n}", table)
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
        r = Reader(problems, f"tree.toml: router '{rid}'", table if isinstance(table, dict) else {})
        r.unknown_keys({"question", "routes"})
        if not _ID.match(rid):
            r.problem("router ids are lower-case words joined by '_'")
        routes = table.get("routes") if isinstance(table, dict) else None
        if not isinstance(routes, dict) or not routes or not all(isinstance(v, str) for v in routes.values()):
            r.problem("'routes' must be a table of choice ids to node ids")
            routes = {}
        out[rid] = Router(id=rid, question=r.text("question"), routes=dict(routes))
    return out


def _seed_rules(problems: list[str], data: Mapping[str, Any] | None) -> dict[str, SeedRule]:
    if data is None:
        return {}
    out = {}
    for rid, table in keyed(problems, "seed_rules.toml", data, "rules").items():
        r = Reader(problems, f"seed_rules.toml: rule '{rid}'", table)
        r.unknown_keys({"text"})
        if not _LINK_KEY.match(rid):
            r.problem("rule ids are lower-case words joined by '-'")
        out[rid] = SeedRule(id=rid, text=r.text("text"))
    return out


def _changes(problems: list[str], data: Mapping[str, Any] | None) -> tuple[Change, ...]:
    if data is None:
        return ()
    out = []
    for n, table in Reader(problems, "changes.toml", data).tables("changes"):
        r = Reader(problems, f"changes.toml: change {n}", table)
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
    r = Reader(problems, "divisions.toml", data)
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
    Reader(problems, "tree.toml", tree).unknown_keys(
        {"version", "start", "dated_before", "questions", "routers", "retired"}
    )
    topics = _str_map(problems, "regions.toml", documents["regions.toml"], "topics")
    kinds = _str_map(problems, "outcomes.toml", outcomes_doc, "kinds")
    provinces = _provinces(problems, documents["regions.toml"], topics)
    top = Reader(problems, "tree.toml", tree)
    content = Content(
        start=top.text("start"),
        version=top.text("version"),
        questions=_questions(problems, tree, provinces, lang),
        outcomes=_outcomes(problems, outcomes_doc, kinds, topics, lang),
        provinces=provinces,
        sources=read_sources(problems, documents["sources.toml"]),
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
    problems += content_problems(content)
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
