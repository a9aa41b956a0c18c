"""The tree's views rendered at build time, so that a reader gets the next view at once, before Python
has arrived (or when it never does).

Five things, all made by the same widget code that renders in the browser:

- a **template of every question**: its view, with placeholders for the state's answer code, the
  codes one answer on and one back and the question's number (``widget.TOKEN`` …), which walk.js
  fills in (making each code's check character with the table's ``check``);
- the **routing table**: for each question its choices in order (a code's characters are their
  indexes), where each leads and which question a router reads; with it, every name walk.js uses
  (the query's parameters, the placeholders, the results' files). walk.js follows the ids
  written here and decides nothing itself;
- each answer's **row** of a result's "Your answers" (``widget.row_templates``), which walk.js
  takes by the steps of the walk;
- the **results**, cut at block tags into parts, each part stored once, where it belongs: a file
  per outcome (the article's frame, the parts every province's results share, and the outcome's
  bodies made of them), a file per province (its own parts: its caveats, its headings) and, per
  outcome and province, a small file that says for each answer code which body it shows and which
  of the province's parts go where in it. A result reached before Python needs those three files,
  fetched side by side.

Filled in or assembled, each is exactly what Python renders for that state (tests/test_walk.py runs
walk.js over every state). What a view needs that is not here (a code made by an earlier version
of the tree, a changed answer, the Markdown of a result) waits for Python.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import answer_token, urls, widget
from ..engine import State
from ..messages import Messages
from ..model import Content, Outcome, Question, QuestionKind

# Where a result's frame takes its body and its rows.
BODY, ROWS = "{{body}}", "{{rows}}"
# The results' files, under the bundle, by language (``results_files``): the outcome's, the
# province's, and the codes' of an outcome in a province (NO_PROVINCE: reached without a province
# question).
RESULTS_DIR = "results/"
OUTCOME, PROVINCE = "{outcome}", "{province}"
NO_PROVINCE = "_"
# Where a result's body is cut into parts: before each block tag, and before the end of a list or a
# section (a caveat's item is one part, its list's start and end are others).
_CUT = re.compile(r"(?=<(?:p|h[1-6]|ul|ol|li|div|section|dl)[\s>])|(?=</(?:ul|ol|div|section|dl)>)")


def states(content: Content) -> Iterator[State]:
    """Every state of the tree, depth first: each question and result for every path of answers."""
    stack = [State.start(content)]
    while stack:
        state = stack.pop()
        yield state
        node = state.current
        if isinstance(node, Question):
            stack.extend(state.answer(choice.id) for choice in reversed(node.choices))


def question_templates(content: Content, m: Messages, here: str) -> dict[str, str]:
    """Each question's view with placeholders, in each of its wordings (by ``widget.view_key``), from
    the first state found at it (all give the same)."""
    out: dict[str, str] = {}
    for state in states(content):
        node = state.current
        if isinstance(node, Question) and state.answers and widget.view_key(node) not in out:
            out[widget.view_key(node)] = widget.render_template(state, here, m)
    return out


def _named(question: Question, m: Messages) -> dict[str, str]:
    """What a view of the question is called: its title, what a screen reader hears, its views' key."""
    return {
        "title": question.text,
        "announce": m("tree.announce_question", n=widget.NUMBER, text=question.text),
        "view": widget.view_key(question),
    }


def _next(content: Content, target: str) -> object:
    """Where a choice leads: a node id, or a router as {"route": question, "routes": {answer: next}}."""
    router = content.routers.get(target)
    if router is None:
        return target
    return {"route": router.question, "routes": {answer: _next(content, t) for answer, t in router.routes.items()}}


def _version(content: Content) -> str:
    assert content.routing is not None
    return content.routing.version


def _prefix(content: Content) -> str:
    """What every answer code of today's tree starts with: its routing version and the separator."""
    return _version(content) + answer_token.SEPARATOR


def check_rows() -> list[str]:
    """The check character's table (``answer_token.QUASIGROUP``), a row of characters per character:
    walk.js checks and makes codes with it, as Python does."""
    return ["".join(answer_token.ALPHABET[v] for v in row) for row in answer_token.QUASIGROUP]


def province_parts(outcome: Outcome) -> bool:
    """Whether the outcome's results show parts of their province: its caveats on the outcome's
    topics and their headings. Without topics a result is the same in every province."""
    return bool(outcome.caveat_topics)


def routing_table(content: Content, m: Messages) -> dict[str, Any]:
    """What walk.js needs to follow a code from node to node, to fill a view in, to name the files
    of a result and to assemble it, and what to call each node: every name it uses is spelled here."""
    nodes: dict[str, Any] = {}
    for question in content.questions.values():
        nodes[question.id] = {
            "choices": [c.id for c in question.choices],
            "next": [_next(content, c.next) for c in question.choices],
            "province": question.kind is QuestionKind.PROVINCE,
            # Its section of the walkthrough, which a view the page cannot show links to.
            "anchor": urls.question_anchor(question.id),
            **_named(question, m),
            # Its other words after earlier answers, the first whose answer was given winning.
            "wordings": [
                {"after": [w.question, w.choice], **_named(question.asked({w.question: w.choice}), m)}
                for w in question.wordings
            ],
        }
    for outcome in content.outcomes.values():
        nodes[outcome.id] = {
            "result": True,
            "title": outcome.title,
            "announce": m("tree.announce_result", title=outcome.title),
            "province_parts": province_parts(outcome),
            "anchor": urls.outcome_anchor(outcome.id),
        }
    return {
        "version": _version(content),
        "prefix": _prefix(content),
        "alphabet": answer_token.ALPHABET,
        "check": check_rows(),
        "start": content.start,
        "nodes": nodes,
        "parameters": {"code": urls.CODE_PARAMETER, "change": urls.CHANGE_PARAMETER},
        "start_href": urls.state_href(""),
        "placeholders": {
            "token": widget.TOKEN, "on": list(widget.ON), "back": widget.BACK, "back_href": widget.BACK_HREF,
            "number": widget.NUMBER,
            "body": BODY, "rows": ROWS, "outcome": OUTCOME, "province": PROVINCE,
        },
        "results": {**results_files(m.lang), "no_province": NO_PROVINCE},
    }


def results_files(lang: str, outcome: str = OUTCOME, province: str = PROVINCE) -> dict[str, str]:
    """The names, under the bundle, of the files of the results at an outcome in a province."""
    folder = f"{RESULTS_DIR}{lang}/"
    return {
        "codes": f"{folder}codes/{outcome}/{province or NO_PROVINCE}.json",
        "outcome": f"{folder}outcomes/{outcome}.json",
        "province": f"{folder}provinces/{province}.json",
    }


def result_parts(state: State, m: Messages, here: str) -> tuple[str, str]:
    """A result's article as (frame, body): the frame holds ``BODY`` and ``ROWS``."""
    article, body, rows = widget.result_template(state, here, m)
    for part, name, placeholder in ((body, "body", BODY), ("".join(rows), "rows", ROWS)):
        if article.count(part) != 1:
            raise ValueError(f"the {name} of {state.token} is not found once in its article")
        article = article.replace(part, placeholder)
    return article, body


@dataclass
class _Parts:
    """A file's parts, each once, by number."""

    parts: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    def number(self, part: str) -> int:
        if part not in self.index:
            self.index[part] = len(self.parts)
            self.parts.append(part)
        return self.index[part]


def result_files(content: Content, m: Messages, here: str) -> dict[str, dict[str, Any]]:
    """Every result's files (``results_files``), by name under the bundle: what walk.js assembles a
    result reached before Python from.

    A part is stored with the outcome when the outcome's results show it in every province (or
    without one); otherwise with each province whose results show it. A body is then the outcome's
    parts in order (an outcome's ``bodies``), with runs of the province's parts put in before some
    of them: in the codes' file, a body is ``[outcome body, at, [province parts], at, …]``, ``at``
    counting the outcome's parts before the run.
    """
    frames: dict[str, str] = {}
    bodies: dict[tuple[object, ...], list[str]] = {}  # every result with the same key has the same body
    results: list[tuple[str, str, str, tuple[object, ...]]] = []  # outcome, province, answers, body key
    for state in states(content):
        node = state.current
        if not isinstance(node, Outcome):
            continue
        key = widget.result_body_key(state.result())
        if key not in bodies:
            frame, body = result_parts(state, m, here)
            if frames.setdefault(node.id, frame) != frame:
                raise ValueError(f"two frames for the results of {node.id} (at {state.token})")
            bodies[key] = [part for part in _CUT.split(body) if part]
        answers = answer_token.answer_characters([a.index for a in state.answered])
        results.append((node.id, state.province.id if state.province else "", answers, key))

    provinces: dict[str, set[str]] = {}  # by outcome: the provinces of its results ("" for none)
    shown: dict[tuple[str, str], set[str]] = {}  # by outcome and part: the provinces whose results show it
    for outcome, province, key in {(o, p, k) for o, p, _, k in results}:
        provinces.setdefault(outcome, set()).add(province)
        for part in bodies[key]:
            shown.setdefault((outcome, part), set()).add(province)

    def of_outcome(outcome: str, part: str) -> bool:
        where = shown[(outcome, part)]
        return "" in where or where >= provinces[outcome] - {""}

    outcome_parts: dict[str, _Parts] = {}
    outcome_bodies: dict[str, _Parts] = {}  # an outcome's bodies, each as the JSON of its parts' numbers
    province_files: dict[str, _Parts] = {}
    codes: dict[tuple[str, str], dict[str, Any]] = {}
    made: dict[tuple[str, str, tuple[object, ...]], int] = {}
    for outcome, province, answers, key in results:
        file = codes.setdefault((outcome, province), {"bodies": [], "codes": {}})
        if (outcome, province, key) not in made:
            own = outcome_parts.setdefault(outcome, _Parts())
            numbers: list[int] = []  # the outcome's parts, in order
            runs: list[Any] = []  # at, [province parts], …
            for part in bodies[key]:
                if of_outcome(outcome, part):
                    numbers.append(own.number(part))
                    continue
                number = province_files.setdefault(province, _Parts()).number(part)
                if runs and runs[-2] == len(numbers):
                    runs[-1].append(number)
                else:
                    runs += [len(numbers), [number]]
            if runs and not province_parts(content.outcomes[outcome]):
                raise ValueError(f"{outcome} shows parts of its province {province}, but has no caveat topics")
            made[(outcome, province, key)] = len(file["bodies"])
            file["bodies"].append([outcome_bodies.setdefault(outcome, _Parts()).number(json.dumps(numbers)), *runs])
        file["codes"][answers] = made[(outcome, province, key)]

    files: dict[str, dict[str, Any]] = {}
    for outcome, own in outcome_parts.items():
        skeletons = [json.loads(body) for body in outcome_bodies[outcome].parts]
        files[results_files(m.lang, outcome)["outcome"]] = {"frame": frames[outcome], "parts": own.parts, "bodies": skeletons}
    for province, own in province_files.items():
        files[results_files(m.lang, province=province)["province"]] = {"parts": own.parts}
    for (outcome, province), file in codes.items():
        files[results_files(m.lang, outcome, province)["codes"]] = file
    return dict(sorted(files.items()))
