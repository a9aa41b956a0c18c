"""Command line: walk the tree, show a result from an answer code, list paths, check content.

Exit codes: 0 done, 1 content errors, 2 bad input (one line on stderr), 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from . import render
from .engine import State
from .errors import AnswerError, ContentError, TokenError
from .loader import load
from .model import Content, Outcome, Question, QuestionKind
from .paths import all_paths

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line a person can act on, instead of argparse's usage block.
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="icp-tree",
        description="Which ICP filing (ICP备案) procedure do I need? Without arguments, asks the questions one by one.",
    )
    parser.add_argument("--answers", metavar="TOKEN", help="show the result for an answer code from the site or a walk")
    parser.add_argument("--format", choices=render.FORMATS, default="text", help="result format (default: text)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    walk = sub.add_parser("walk", help="answer the questions interactively (the default)")
    walk.add_argument("--answers", dest="walk_answers", metavar="TOKEN", help="resume from an answer code")
    paths = sub.add_parser("paths", help="list every path through the tree")
    paths.add_argument("--format", dest="paths_format", choices=("json", "markdown"), default="markdown")
    sub.add_parser("check", help="validate the tree content; exit 1 with the problems")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        content = load()
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONTENT
    if args.command == "check":
        return _check(content)
    if args.command == "paths":
        found = all_paths(content)
        out = render.paths_json(found) if args.paths_format == "json" else render.paths_markdown(content, found)
        sys.stdout.write(out)
        return EXIT_OK
    if args.answers is not None:
        return _show(content, args.answers, args.format)
    try:
        state = State.from_token(content, args.walk_answers) if getattr(args, "walk_answers", None) else None
    except TokenError as exc:
        return _usage_error(str(exc))
    return walk(content, state or State.start(content), sys.stdin, sys.stdout, args.format)


def _usage_error(message: str) -> int:
    print(f"icp-tree: {message}", file=sys.stderr)
    return EXIT_USAGE


def _check(content: Content) -> int:
    caveats = sum(len(p.caveats) for p in content.provinces.values())
    with_caveats = sum(1 for p in content.provinces.values() if p.caveats)
    print(
        f"OK: {len(content.questions)} questions, {len(content.outcomes)} outcomes, "
        f"{len(all_paths(content))} paths, {len(content.provinces)} provinces "
        f"({with_caveats} with caveats, {caveats} caveats), {len(content.sources)} sources, "
        f"content version {content.version}"
    )
    return EXIT_OK


def _show(content: Content, token: str, fmt: str) -> int:
    try:
        state = State.from_token(content, token)
    except TokenError as exc:
        return _usage_error(str(exc))
    if not state.is_complete:
        question = state.current
        assert isinstance(question, Question)
        return _usage_error(
            f"this answer code stops before a result, at the question '{question.text}'. "
            f"Continue with: icp-tree walk --answers {state.token}"
        )
    sys.stdout.write(render.render_result(content, state.result(), fmt))
    return EXIT_OK


def _prompt_lines(question: Question, answered: int) -> list[str]:
    lines = ["", f"Question {answered + 1}: {question.text}" + (f"  ({question.text_zh})" if question.text_zh else "")]
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


def walk(content: Content, state: State, stdin: TextIO, stdout: TextIO, fmt: str = "text") -> int:
    """The interactive walk. Bad replies are explained and the question asked again; nothing is lost."""

    def say(*lines: str) -> None:
        stdout.write("\n".join(lines) + "\n")
        stdout.flush()

    say("ICP filing decision tree. Type a number and Enter; b = back, q = quit.")
    try:
        while True:
            node = state.current
            if isinstance(node, Outcome):
                say("", render.render_result(content, state.result(), fmt).rstrip("\n"))
                return EXIT_OK
            say(*_prompt_lines(node, len(state.steps)))
            stdout.write(f"Choose 1-{len(node.choices)}, b or q: ")
            stdout.flush()
            line = stdin.readline()
            if not line:
                say("", "Input ended; nothing was filed or saved. Your answer code so far: " + state.token)
                return EXIT_OK
            reply = line.strip()
            if reply.lower() in ("q", "quit"):
                say("Stopped. Your answer code so far: " + state.token)
                return EXIT_OK
            if reply.lower() in ("b", "back"):
                if not state.steps:
                    say("This is the first question; there is nothing to go back to.")
                state = state.back()
                continue
            choice_id = _pick(node, reply)
            if choice_id is None:
                say(f"'{reply}' is not one of the choices: type a number from 1 to {len(node.choices)}, b or q.")
                continue
            state = state.answer(choice_id)
    except KeyboardInterrupt:
        say("", "Interrupted. Your answer code so far: " + state.token)
        return EXIT_INTERRUPTED
    except AnswerError as exc:  # pragma: no cover - the walk only offers valid choices
        return _usage_error(str(exc))
