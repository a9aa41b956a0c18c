"""The routing: which answer leads where, its version (fingerprint), and every earlier routing.

An answer code stores positions (the n-th choice of each question on the walk), which only mean
something together with the routing they were made with. So every routing a code was ever issued
with is kept in ``content/routings.json``, keyed by version, and an old code is read with its own
routing and then replayed on today's tree by what each answer meant (see ``resume``).

Wording does not count: only question ids, kinds, choice ids, where each leads and the start.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .model import Content, QuestionKind, RoutedQuestion, Routing

HISTORY_FILE = "routings.json"
# The versions whose codes were issued before codes had a check character (answer_token): their codes
# are read without one, forever. Every later version's fingerprint is marked as a checked code's
# (``fingerprint``), so a routing recorded again for the new codes gets a version of its own.
UNCHECKED = frozenset({"xumh", "nd7j", "6xya", "rzri"})
_CHECKED_MARK = "codes:checked"


RoutedRouters = Mapping[str, tuple[str, tuple[tuple[str, str], ...]]]


def fingerprint(
    start: str, questions: Mapping[str, RoutedQuestion], routers: RoutedRouters | None = None, *, checked: bool = True
) -> str:
    """Four characters that change whenever the routing does (and never with wording). ``checked``:
    for codes with a check character; False only to verify the versions in ``UNCHECKED``."""
    parts = [_CHECKED_MARK, start] if checked else [start]
    for q in questions.values():
        parts.append(f"{q.id}:{q.kind.value}:" + ",".join(f"{cid}>{nxt}" for cid, nxt in q.choices))
    # Routers came later: a routing without them keeps the fingerprint it always had.
    for rid, (question, routes) in (routers or {}).items():
        parts.append(f"@{rid}:{question}:" + ",".join(f"{cid}>{nxt}" for cid, nxt in routes))
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii")[:4].lower()


def snapshot(content: Content) -> Routing:
    """The routing of ``content`` as it is now."""
    questions = {
        q.id: RoutedQuestion(q.id, q.kind, tuple((c.id, c.next) for c in q.choices)) for q in content.questions.values()
    }
    routers = {r.id: (r.question, tuple(r.routes.items())) for r in content.routers.values()}
    return Routing(fingerprint(content.start, questions, routers), content.start, questions, routers=routers)


def current(content: Content) -> Routing:
    """The routing the content was loaded with (or, for content built by hand, computed now)."""
    return content.routing if content.routing is not None else snapshot(content)


def routing_for(content: Content, version: str) -> Routing | None:
    """The routing a code of ``version`` was made with, if this guide ever issued that version."""
    now = current(content)
    if version == now.version:
        return now
    return content.routings.get(version)


# --- routings.json ------------------------------------------------------------------------------


def to_json(routing: Routing, recorded: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "recorded": recorded,
        "start": routing.start,
        "questions": {
            q.id: {"kind": q.kind.value, "choices": [[cid, nxt] for cid, nxt in q.choices]} for q in routing.questions.values()
        },
    }
    if routing.routers:
        data["routers"] = {
            rid: {"question": question, "routes": [[cid, nxt] for cid, nxt in routes]}
            for rid, (question, routes) in routing.routers.items()
        }
    return data


def from_json(version: str, data: Mapping[str, Any]) -> Routing:
    """One entry of routings.json; raises ValueError (with what is wrong) for a damaged entry."""
    try:
        questions = {
            qid: RoutedQuestion(qid, QuestionKind(q["kind"]), tuple((str(c), str(n)) for c, n in q["choices"]))
            for qid, q in data["questions"].items()
        }
        routers = {
            rid: (str(r["question"]), tuple((str(c), str(n)) for c, n in r["routes"]))
            for rid, r in data.get("routers", {}).items()
        }
        routing = Routing(version, str(data["start"]), questions, recorded=str(data["recorded"]), routers=routers)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"entry '{version}' is not a routing ({exc!r})") from exc
    actual = fingerprint(routing.start, routing.questions, routing.routers, checked=version not in UNCHECKED)
    if actual != version:
        raise ValueError(f"entry '{version}' has been edited: its routing's fingerprint is now '{actual}'")
    return routing


def parse_history(text: str) -> dict[str, Routing]:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("expected an object of routings by version")
    return {version: from_json(version, entry) for version, entry in data.items()}


def dump_history(routings: Mapping[str, Routing]) -> str:
    data = {version: to_json(r, r.recorded) for version, r in routings.items()}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# --- what an old answer means today ---------------------------------------------------------------


@dataclass(frozen=True)
class Walked:
    """What a code's indexes stand for in a routing: the answers, and the node they lead to."""

    answers: tuple[tuple[str, str], ...]
    node: str


@dataclass(frozen=True)
class Misfit:
    """Where a code's indexes stop fitting a routing: the 1-based position, and the question there
    ("" when the walk had already reached an outcome)."""

    position: int
    question: str
    answered: int


def walk(routing: Routing, indexes: list[int]) -> Walked | Misfit:
    node = routing.start
    answers: list[tuple[str, str]] = []
    for position, index in enumerate(indexes, start=1):
        question = routing.questions.get(node)
        if question is None or index >= len(question.choices):
            return Misfit(position, question.id if question else "", len(answers))
        choice_id, node = question.choices[index]
        answers.append((question.id, choice_id))
        by_question = dict(answers)
        while node in routing.routers:
            asked, routes = routing.routers[node]
            node = dict(routes)[by_question[asked]]
    return Walked(tuple(answers), node)


# An old answer's meaning today: (question, choice), and the one routing version it is limited to
# ("" for every version).
Meanings = Mapping[tuple[str, str], list[tuple[str, str, str]]]


def meanings(content: Content) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """Old (question, choice) pairs that today's choices declare as ``formerly`` theirs.

    One old answer may stand for several of today's choices (a question split in two, one per kind
    of subject): the walk then uses whichever of them it reaches. ``version:question=choice`` limits
    the meaning to the codes of one routing: the same answer may have meant more there than in a
    later routing that asked a question after it (xumh's "servers outside mainland China" was its
    last word on delivery; nd7j asked next whether mainland nodes deliver the domain).
    """
    table: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for q in content.questions.values():
        for c in q.choices:
            for old in c.formerly:
                version, _, old = old.rpartition(":")
                old_q, sep, old_c = old.partition("=")
                keys = [(old_q, old_c)] if sep else [(qid, old) for qid in (q.id, *q.formerly)]
                for key in keys:
                    table.setdefault(key, []).append((q.id, c.id, version))
    return table


def translate(
    content: Content, answer: tuple[str, str], table: Meanings | None = None, version: str = ""
) -> list[tuple[str, str]]:
    """Today's (question, choice) pairs for an old answer of a code of routing ``version`` ("": of
    any routing, for meanings not limited to one); empty when it means nothing today."""
    table = meanings(content) if table is None else table
    found = [(q, c) for q, c, only in table.get(answer, []) if not only or only == version]
    old_q, old_c = answer
    for q in content.questions.values():
        if (q.id == old_q or old_q in q.formerly) and q.choice(old_c) is not None and (q.id, old_c) not in found:
            found.append((q.id, old_c))
    return found


def is_retired(content: Content, answer: tuple[str, str]) -> bool:
    return any(r.question == answer[0] and r.choice in ("", answer[1]) for r in content.retired)


def subsumed(content: Content, answer: tuple[str, str], used: set[tuple[str, str]]) -> bool:
    """Whether a retired old answer is implied by an answer today's walk used (``subsumed_by``)."""
    for r in content.retired:
        if r.question == answer[0] and r.choice in ("", answer[1]) and r.subsumed_by:
            question, _, choice = r.subsumed_by.partition("=")
            if any(q == question and (not choice or c == choice) for q, c in used):
                return True
    return False


def old_answers(routing: Routing) -> Iterator[tuple[str, str]]:
    for q in routing.questions.values():
        for cid, _nxt in q.choices:
            yield q.id, cid


def stranded(content: Content) -> list[str]:
    """Answers of recorded routings that mean nothing today and are not retired on purpose.

    A code holding one would silently lose that answer; each must be mapped (``formerly`` on the
    choice that replaces it) or listed in ``[[retired]]`` in tree.toml with a reason.
    """
    table = meanings(content)
    problems = []
    for version, routing in content.routings.items():
        for answer in old_answers(routing):
            if not translate(content, answer, table, version) and not is_retired(content, answer):
                problems.append(
                    f"tree.toml: answer '{answer[0]}={answer[1]}' of routing {version} (recorded {routing.recorded}) "
                    "means nothing in today's tree: add it to 'formerly' of the choice that replaces it, "
                    "or retire it in [[retired]] with a reason"
                )
    for (question, choice), targets in table.items():
        for today_q, today_c, only in targets:
            old = content.routings.get(only)
            if only and (old is None or (question, choice) not in set(old_answers(old))):
                problems.append(
                    f"tree.toml: choice '{today_q}={today_c}' lists '{only}:{question}={choice}' in 'formerly', "
                    f"but routing '{only}' " + ("was never recorded" if old is None else "has no such answer")
                )
    return problems
