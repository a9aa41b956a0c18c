"""The tree's views rendered at build time, so that a reader gets the next view at once, before Python
has arrived (or when it never does).

Three things, all made by the same widget code that renders in the browser:

- a **template of every question**: its view, with placeholders for the state's answer code, the
  code one answer back and the question's number (``widget.TOKEN`` …), which walk.mjs fills in;
- the **routing table**: for each question its choices in order (a code's characters are their
  indexes), where each leads, and which question a router reads, with every name walk.mjs uses
  (the query's parameters, the placeholders, the results' files); walk.mjs follows the ids
  written here and decides nothing itself;
- the **results**, one file per outcome and province: each result's article, split into a frame,
  the deduplicated bodies and rows of "Your answers", and per answer code which of them it shows.

Filled in or assembled, each is exactly what Python renders for that state (tests/test_walk.py runs
walk.mjs over every state). What a view needs that is not here (a code made by an
earlier version of the tree, a changed answer, the Markdown of a result) waits for Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import answer_token, urls, widget
from ..engine import State
from ..messages import Messages
from ..model import Content, Outcome, Question, QuestionKind

# Where a result's frame takes its body and its rows.
BODY, ROWS = "{{body}}", "{{rows}}"
# The results' files, under the bundle: by language, outcome and province (NO_PROVINCE for an
# outcome reached without a province question).
RESULTS_DIR = "results/"
OUTCOME, PROVINCE = "{outcome}", "{province}"
NO_PROVINCE = "_"


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
    """Each question's view with placeholders, from the first state found at it (all give the same)."""
    out: dict[str, str] = {}
    for state in states(content):
        node = state.current
        if isinstance(node, Question) and state.answers and node.id not in out:
            out[node.id] = widget.render_template(state, here, m)
    return out


def _next(content: Content, target: str) -> object:
    """Where a choice leads: a node id, or a router as {"route": question, "routes": {answer: next}}."""
    router = content.routers.get(target)
    if router is None:
        return target
    return {"route": router.question, "routes": {answer: _next(content, t) for answer, t in router.routes.items()}}


def routing_table(content: Content, m: Messages) -> dict[str, Any]:
    """What walk.mjs needs to follow a code from node to node, to fill a view in and to name the
    files of a result, and what to call each node: every name it uses is spelled here."""
    nodes: dict[str, Any] = {}
    for question in content.questions.values():
        nodes[question.id] = {
            "choices": [c.id for c in question.choices],
            "next": [_next(content, c.next) for c in question.choices],
            "province": question.kind is QuestionKind.PROVINCE,
            "title": question.text,
            "announce": m("tree.announce_question", n=widget.NUMBER, text=question.text),
        }
    for outcome in content.outcomes.values():
        nodes[outcome.id] = {"result": True, "title": outcome.title, "announce": m("tree.announce_result", title=outcome.title)}
    assert content.routing is not None
    return {
        "prefix": answer_token.encode(content.routing.version, []),  # every code of this table starts so
        "alphabet": answer_token.ALPHABET,
        "start": content.start,
        "nodes": nodes,
        "parameters": {"code": urls.CODE_PARAMETER, "change": urls.CHANGE_PARAMETER},
        "start_href": urls.state_href(""),
        "placeholders": {
            "token": widget.TOKEN, "back": widget.BACK, "back_href": widget.BACK_HREF, "number": widget.NUMBER,
            "body": BODY, "rows": ROWS, "outcome": OUTCOME, "province": PROVINCE,
        },
        "results": {"files": _results_file(m.lang, OUTCOME, PROVINCE), "no_province": NO_PROVINCE},
    }


def _results_file(lang: str, outcome: str, province: str) -> str:
    return f"{RESULTS_DIR}{lang}/{outcome}/{province}.json"


def results_file(lang: str, outcome_id: str, province: str) -> str:
    """The file, under the bundle, of the results at an outcome in a province (in ``lang``)."""
    return _results_file(lang, outcome_id, province or NO_PROVINCE)


@dataclass
class _ResultsFile:
    frame: str = ""
    bodies: list[str] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    results: dict[str, list[object]] = field(default_factory=dict)

    def _number(self, part: str, into: list[str]) -> int:
        if part not in self.index:
            self.index[part] = len(into)
            into.append(part)
        return self.index[part]

    def add(self, token: str, frame: str, body: str, rows: list[str]) -> None:
        if self.frame and frame != self.frame:
            raise ValueError(f"two frames for the results of one file (at {token})")
        self.frame = frame
        self.results[token] = [self._number(body, self.bodies), [self._number(row, self.rows) for row in rows]]

    def data(self) -> dict[str, Any]:
        return {"frame": self.frame, "bodies": self.bodies, "rows": self.rows, "results": self.results}


def result_parts(
    state: State, m: Messages, here: str, bodies: dict[tuple[object, ...], str] | None = None
) -> tuple[str, str, list[str]]:
    """A result's article as (frame, body, rows): the frame holds ``BODY`` and ``ROWS``."""
    article, body, rows = widget.result_template(state, here, m, bodies)
    for part, name, placeholder in ((body, "body", BODY), ("".join(rows), "rows", ROWS)):
        if article.count(part) != 1:
            raise ValueError(f"the {name} of {state.token} is not found once in its article")
        article = article.replace(part, placeholder)
    return article, body, rows


def result_files(content: Content, m: Messages, here: str) -> dict[str, dict[str, Any]]:
    """Every result, by file (``results_file``, under the bundle): what walk.mjs assembles a result
    reached before Python from."""
    files: dict[str, _ResultsFile] = {}
    bodies: dict[tuple[object, ...], str] = {}  # results with the same parts share one rendering
    for state in states(content):
        if not isinstance(state.current, Outcome):
            continue
        province = state.province
        name = results_file(m.lang, state.current.id, province.id if province else "")
        frame, body, rows = result_parts(state, m, here, bodies)
        files.setdefault(name, _ResultsFile()).add(state.token, frame, body, rows)
    return {name: f.data() for name, f in sorted(files.items())}
