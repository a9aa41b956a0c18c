"""Command line: walk the tree, show a result from an answer code, list paths, check content.

Exit codes: 0 done, 1 content errors, 2 bad input (one line on stderr), 130 interrupted.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping, Sequence
from typing import NoReturn, TextIO

from . import render, routing
from .engine import State
from .errors import AnswerError, ContentError, TokenError
from .loader import load
from .messages import Messages, messages
from .model import Caveat, Content, Outcome, Question, QuestionKind, SourcedStatement
from .paths import all_paths
from .resume import Resumed, read

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
PROG = "icp-tree"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line a person can act on, instead of argparse's usage block.
        self.exit(EXIT_USAGE, messages()("cli.usage_hint", prog=self.prog, message=message) + "\n")


def _parser(m: Messages) -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=m("cli.description"))
    parser.add_argument("--answers", metavar="TOKEN", help=m("cli.help.answers"))
    parser.add_argument("--format", choices=render.FORMATS, default="text", help=m("cli.help.format"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    walk = sub.add_parser("walk", help=m("cli.help.walk"))
    walk.add_argument("--answers", dest="walk_answers", metavar="TOKEN", help=m("cli.help.resume"))
    paths = sub.add_parser("paths", help=m("cli.help.paths"))
    paths.add_argument(
        "--format", dest="paths_format", choices=("json", "markdown"), default="markdown", help=m("cli.help.paths_format")
    )
    check = sub.add_parser("check", help=m("cli.help.check"))
    check.add_argument("--stale", action="store_true", help=m("cli.help.stale"))
    check.add_argument("--before", metavar="DATE", help=m("cli.help.before"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    m = messages()
    args = _parser(m).parse_args(argv)
    try:
        content = load()
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONTENT
    if args.command == "check":
        if args.stale or args.before:
            return _stale(content, args.before or content.dated_before, m)
        return _check(content, m)
    if args.command == "paths":
        found = all_paths(content)
        out = render.paths_json(found) if args.paths_format == "json" else render.paths_markdown(content, found)
        sys.stdout.write(out)
        return EXIT_OK
    if args.answers is not None:
        return _show(content, args.answers, args.format, m)
    state, known = State.start(content), {}
    if getattr(args, "walk_answers", None):
        try:
            resumed = read(content, args.walk_answers)
        except TokenError as exc:
            return _usage_error(exc.message(m), m)
        _note_changes(resumed, m)
        state, known = resumed.state, resumed.known
    return walk(content, state, sys.stdin, sys.stdout, args.format, m, known=known)


def _usage_error(message: str, m: Messages) -> int:
    print(m("cli.error", prog=PROG, message=message), file=sys.stderr)
    return EXIT_USAGE


def _note_changes(resumed: Resumed, m: Messages) -> None:
    """An answer code from an earlier version of the tree: say so on stderr, as the site does."""
    if resumed.changed:
        key = "code.guide_changed_result" if resumed.state.is_complete else "code.guide_changed_question"
        print(m("cli.note", message=m(key)), file=sys.stderr)


def _check(content: Content, m: Messages) -> int:
    problems = routing.stranded(content)
    if problems:
        print(ContentError(problems), file=sys.stderr)
        return EXIT_CONTENT
    print(
        m(
            "cli.check_ok",
            questions=len(content.questions),
            outcomes=len(content.outcomes),
            paths=len(all_paths(content)),
            provinces=len(content.provinces),
            with_caveats=sum(1 for p in content.provinces.values() if p.caveats),
            caveats=sum(len(p.caveats) for p in content.provinces.values()),
            sources=len(content.sources),
            routings=len(content.routings),
            version=content.version,
        )
    )
    return EXIT_OK


def _stale(content: Content, before: str, m: Messages) -> int:
    """For reviewers: every statement whose newest source is older than ``before``, or undated."""
    if not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", before):
        return _usage_error(m("cli.bad_date", date=before), m)
    places: list[tuple[str, SourcedStatement]] = [
        (f"{p.name_en} ({p.name_zh}), {content.topics.get(c.topic, c.topic)}", c)
        for p in content.provinces.values()
        for c in p.caveats
    ]
    places += [(f"{o.title}", w) for o in content.outcomes.values() for w in o.warnings]
    stale = [(where, s) for where, s in places if s.as_of == "undated" or s.as_of < before]
    for where, s in stale:
        print(m("cli.stale_line", as_of=s.as_of, where=where, sources=", ".join(s.sources), text=s.text))
    caveats = [s for _, s in places if isinstance(s, Caveat)]
    print(
        m(
            "cli.stale_summary",
            before=before,
            stale=len(stale),
            total=len(places),
            dated=sum(1 for s in caveats if s.as_of != "undated" and s.as_of < before),
            undated=sum(1 for s in caveats if s.as_of == "undated"),
            caveats=len(caveats),
            single=sum(1 for s in caveats if len(s.sources) == 1),
        )
    )
    return EXIT_OK


def _show(content: Content, token: str, fmt: str, m: Messages) -> int:
    try:
        resumed = read(content, token)
    except TokenError as exc:
        return _usage_error(exc.message(m), m)
    state = resumed.state
    if not state.is_complete:
        question = state.current
        assert isinstance(question, Question)
        return _usage_error(m("cli.unfinished", question=question.text, prog=PROG, code=state.token), m)
    _note_changes(resumed, m)
    sys.stdout.write(render.render_result(content, state.result(), fmt))
    return EXIT_OK


def _prompt_lines(question: Question, answered: int, m: Messages) -> list[str]:
    text = question.text + (f"  ({question.text_zh})" if question.text_zh else "")
    lines = ["", m("cli.question", n=answered + 1, text=text)]
    if question.help:
        lines.append(f"  {question.help}")
    for n, choice in enumerate(question.choices, start=1):
        zh = f" ({choice.label_zh})" if choice.label_zh else ""
        lines.append(f"  {n:>2}. {choice.label}{zh}")
    return lines


def _pick(question: Question, reply: str) -> str | None:
    """The choice id a reply names: its number, its id, or (for provinces) its Chinese name."""
    if reply.isdigit() and 1 <= int(reply) <= len(question.choices):
        return question.choices[int(reply) - 1].id
    lowered = reply.lower()
    for choice in question.choices:
        if lowered == choice.id or (question.kind is QuestionKind.PROVINCE and reply in (choice.label_zh, choice.label)):
            return choice.id
    return None


def walk(
    content: Content,
    state: State,
    stdin: TextIO,
    stdout: TextIO,
    fmt: str = "text",
    m: Messages | None = None,
    *,
    known: Mapping[str, str] | None = None,
) -> int:
    """The interactive walk. Bad replies are explained and the question asked again; nothing is lost.

    ``known``: answers of an old code still to come, replayed after each answer where they fit.
    """
    m = m or messages()
    known = known or {}

    def say(*lines: str) -> None:
        stdout.write("\n".join(lines) + "\n")
        stdout.flush()

    say(m("cli.walk_intro"))
    try:
        while True:
            node = state.current
            if isinstance(node, Outcome):
                say("", render.render_result(content, state.result(), fmt).rstrip("\n"))
                return EXIT_OK
            say(*_prompt_lines(node, len(state.answered), m))
            stdout.write(m("cli.prompt", count=len(node.choices)))
            stdout.flush()
            line = stdin.readline()
            if not line:
                say("", m("cli.input_ended", code=state.token))
                return EXIT_OK
            reply = line.strip()
            if reply.lower() in ("q", "quit"):
                say(m("cli.stopped", code=state.token))
                return EXIT_OK
            if reply.lower() in ("b", "back"):
                if not state.answered:
                    say(m("cli.no_back"))
                state = state.back()
                continue
            choice_id = _pick(node, reply)
            if choice_id is None:
                say(m("cli.not_a_choice", reply=reply, count=len(node.choices)))
                continue
            state = state.answer_keeping(choice_id, known)
    except KeyboardInterrupt:
        say("", m("cli.interrupted", code=state.token))
        return EXIT_INTERRUPTED
    except AnswerError as exc:  # pragma: no cover - the walk only offers valid choices
        return _usage_error(str(exc), m)
