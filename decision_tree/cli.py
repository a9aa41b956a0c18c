"""Command line: walk the tree, show a result from an answer code, list paths, check content, record
reviews of the Chinese texts, export the rules as data (JSON with its schemas), and the developer's
tools: check a domain, read a filing number, make the footer.

Every command takes ``--format`` the same way, before or after the command's name; text is
wrapped to the terminal's width. Exit codes: 0 done, 1 content errors, 2 bad input (one line on
stderr), 3 stopped before a result (quit, or the input ended), 130 interrupted.

Any line a person can type is taken: a reply in digits of any script is read as its number, other
numerals (①, ², 三) and overlong lines are refused in one line, and what the reader typed is echoed
escaped and cut to a preview (``messages.echo``), so that no control character reaches the terminal.
Under the C locale, where Python would read and write ASCII only, input and output are UTF-8.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from . import glossary, render, routing, termwrap
from .answer_token import TokenError
from .engine import State
from .errors import AnswerError, ContentError
from .loader import load
from .messages import DEFAULT_LANGUAGE, LANGUAGES, PREVIEW, InputError, Messages, echo, escaped, messages
from .model import Caveat, Content, Outcome, Question, QuestionKind, SourcedStatement
from .pages import (
    data_export,  # the rules as data (export), as the site publishes them under data/
    translations,  # the checkout's record of reviewed translations (check, translations)
)
from .paths import all_paths
from .present import province_name
from .resume import Resumed, read
from .tools import domain_check, domain_view, filing_number, footer, number_view

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_STOPPED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
PROG = "icp-tree"
# The formats each command writes; the first is its default. ``walk`` also stands for --answers.
FORMATS: dict[str, tuple[str, ...]] = {
    "walk": render.FORMATS,
    "paths": ("text", "markdown", "json"),
    "check": ("text", "json"),
    "domain": ("text", "json"),
    "number": ("text", "json"),
    "footer": ("text", "json"),
    "translations": ("text", "json"),
    "export": ("text", "json"),
}
ALL_FORMATS = tuple(dict.fromkeys(f for formats in FORMATS.values() for f in formats))
# Characters of a reply read at most: far more than any choice's id or name, far less than a pasted file.
MAX_REPLY = 256
# The longest argparse message shown whole; its long words are cut to a preview first.
MAX_USAGE_MESSAGE = 400


class ReplyError(InputError):
    """A reply at the walk's prompt that chooses nothing: said in one line, and the prompt is asked again."""


class NotAChoiceError(ReplyError):
    def __init__(self, reply: str, count: int) -> None:
        super().__init__("cli.not_a_choice", reply=reply, count=count)


class NoSuchNumberError(ReplyError):
    """Digits (of any script) whose number is no choice's: 0, 7 of 4, or 5,000 of them."""

    def __init__(self, reply: str, count: int) -> None:
        super().__init__("cli.no_such_number", reply=reply, count=count)


class NumeralError(ReplyError):
    """A numeral that is not digits (①, ², Ⅻ, 三): not read, since it is not plain which number it
    means to every reader; the message says which digits choose what it stands for."""

    def __init__(self, reply: str, value: int | None, count: int) -> None:
        if value is not None and 1 <= value <= count:
            super().__init__("cli.numeral", reply=reply, value=value, count=count)
        else:
            super().__init__("cli.numeral_no_choice", reply=reply, count=count)


class ReplyTooLongError(ReplyError):
    """A line longer than ``MAX_REPLY``: only its start was read, and only a preview of that is shown."""

    def __init__(self, start: str, length: int, count: int) -> None:
        super().__init__("cli.reply_too_long", reply=start, count=count)
        self.length = length

    def message(self, m: Messages) -> str:
        return m(self.key, reply=echo(str(self.params["reply"]), m, length=self.length), count=self.params["count"])


def json_text(value: object) -> str:
    """JSON with what a terminal would act on written as \\u escapes (json.dumps escapes only C0
    controls): the same data, and safe to print, whatever input it echoes."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    # The line breaks are the indentation's: json.dumps has escaped those inside strings.
    return "".join(_json_escape(ch) if ch != "\n" and escaped(ch) != ch else ch for ch in text) + "\n"


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP: JSON writes a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def invoked_as(argv0: str) -> str:
    """The command as the user typed it, for messages that tell them what to run next."""
    name = os.path.basename(argv0)
    if name in ("__main__.py", "-m", "") or name.startswith("python"):
        return "python -m decision_tree"
    return name


def language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language to speak: ``--lang`` if given (and known), else the locale's (LC_ALL, LC_MESSAGES,
    LANG: ``zh_CN.UTF-8`` is Chinese), else English. Read before the parser is made, so that its
    help and its errors are in that language too; an unknown ``--lang`` is left to the parser to refuse."""
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            value: str | None = arg.partition("=")[2]
        else:
            value = argv[n + 1] if arg == "--lang" and n + 1 < len(argv) else None
        if value is not None:
            return value if value in LANGUAGES else DEFAULT_LANGUAGE
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


class _Parser(argparse.ArgumentParser):
    m: Messages = messages()

    def error(self, message: str) -> NoReturn:
        # One line a person can act on, instead of argparse's usage block.
        self.exit(EXIT_USAGE, self.m("cli.usage_hint", prog=self.prog, message=_shown_usage(message, self.m)) + "\n")


def _shown_usage(message: str, m: Messages) -> str:
    """An argparse message, which quotes the arguments it refuses whole: each long word cut to a
    preview, control characters escaped, and the whole kept to one line of ``MAX_USAGE_MESSAGE``."""
    shown = escaped(re.sub(rf"\S{{{PREVIEW + 1},}}", lambda word: echo(word.group(), m), message))
    return echo(shown, m, limit=MAX_USAGE_MESSAGE)  # nothing left to escape: only cut, if need be


def _parser(m: Messages, prog: str) -> argparse.ArgumentParser:
    _Parser.m = m
    parser = _Parser(prog=prog, description=m("cli.description"))
    parser.add_argument("--lang", choices=LANGUAGES, default=m.lang, help=m("cli.help.lang"))
    parser.add_argument("--answers", metavar="TOKEN", help=m("cli.help.answers"))
    parser.add_argument("--all", action="store_true", dest="show_all", help=m("cli.help.all"))
    # SUPPRESS: a --format given after the command's name must not be overwritten by this default.
    parser.add_argument("--format", choices=ALL_FORMATS, default=argparse.SUPPRESS, help=m("cli.help.format"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str) -> argparse.ArgumentParser:
        text = m(f"cli.help.{name}")
        formats = FORMATS[name]
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument(
            "--format", choices=formats, default=argparse.SUPPRESS,
            help=m("cli.help.format_of", formats=", ".join(formats), default=formats[0]),
        )
        return cmd

    command("walk").add_argument("--answers", dest="walk_answers", metavar="TOKEN", help=m("cli.help.resume"))
    command("paths")
    check = command("check")
    check.add_argument("--stale", action="store_true", help=m("cli.help.stale"))
    check.add_argument("--before", metavar="DATE", help=m("cli.help.before"))
    # Pasted text may hold spaces ("京ICP备 12345678号"): the words are joined again, and the reader decides.
    command("domain").add_argument("text", nargs="+", metavar="NAME", help=m("cli.help.domain_name"))
    command("number").add_argument("text", nargs="+", metavar="TEXT", help=m("cli.help.number_text"))
    footer_cmd = command("footer")
    footer_cmd.add_argument("text", nargs="+", metavar="NUMBER", help=m("cli.help.footer_number"))
    footer_cmd.add_argument("--psb", metavar="NUMBER", help=m("cli.help.footer_psb"))
    command("export").add_argument("--out", metavar="DIR", default="data", help=m("cli.help.out"))
    marks = command("translations").add_mutually_exclusive_group()
    marks.add_argument("--reviewed", nargs="+", metavar="KEY", help=m("cli.help.reviewed"))
    marks.add_argument("--all-reviewed", action="store_true", help=m("cli.help.all_reviewed"))
    return parser


class _Out:
    """Where a command writes: the document on stdout (wrapped when it is text), errors on stderr."""

    def __init__(self, m: Messages, prog: str, fmt: str, width: int, *, folded: bool = False) -> None:
        self.m, self.prog, self.fmt, self.width = m, prog, fmt, width
        self.folded = folded  # --all: a result's folded rules are printed inline

    def document(self, text: str, *, wrapped: bool = False) -> None:
        """``wrapped``: the text was laid out for ``width`` already (and may hold code not to be wrapped)."""
        sys.stdout.write(termwrap.wrap(text, self.width) if self.fmt == "text" and not wrapped else text)

    def data(self, value: object) -> None:
        sys.stdout.write(json_text(value))

    def error(self, message: str) -> int:
        print(self.m("cli.error", prog=self.prog, message=message), file=sys.stderr)
        return EXIT_USAGE

    def note(self, message: str) -> None:
        print(termwrap.wrap(self.m("cli.note", message=message), self.width), file=sys.stderr)


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    _any_text_streams()
    try:
        return _main(_as_typed(sys.argv[1:]) if argv is None else argv, prog)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_STOPPED
    except KeyboardInterrupt:  # before the walk, or in a command that takes long (check, paths)
        print(file=sys.stderr)
        return EXIT_INTERRUPTED


def _is_ascii(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "ascii"
    except LookupError:
        return False


def _any_text_streams() -> None:
    """Streams that take any text. Under the C or POSIX locale (LC_ALL=C, UTF-8 mode off) Python reads
    and writes ASCII, so that 京ICP备… typed or printed fails: the terminal's bytes are read as UTF-8
    instead, as nearly every terminal sends them. Bytes that are not UTF-8 are kept as escapes, which
    an echo shows as ``\\xff``, rather than stopping the walk with a UnicodeDecodeError."""
    # A closed descriptor (`<&-`, `>&-`) is None: an input that has ended, an output nobody reads.
    if sys.stdin is None:
        sys.stdin = io.StringIO()
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - for the process's life
    for stream, errors in ((sys.stdin, "surrogateescape"), (sys.stdout, "backslashreplace"), (sys.stderr, "backslashreplace")):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8" if _is_ascii(stream.encoding) else None, errors=errors)


def _as_typed(argv: Sequence[str]) -> list[str]:
    """The arguments as typed: under an ASCII locale Python decodes their bytes as ASCII, keeping
    the others as escapes (京 arrives as three lone surrogates); read as UTF-8, they are what was typed."""
    if not _is_ascii(sys.getfilesystemencoding()):
        return list(argv)
    return [os.fsencode(arg).decode("utf-8", "surrogateescape") for arg in argv]


def _main(argv: Sequence[str], prog: str | None) -> int:
    argv = list(argv)
    m = messages(language(argv, os.environ))
    prog = prog or invoked_as(sys.argv[0])
    args = _parser(m, prog).parse_args(argv)
    command = args.command or "walk"
    fmt = getattr(args, "format", FORMATS[command][0])
    width = shutil.get_terminal_size().columns
    out = _Out(m, prog, fmt, width, folded=args.show_all)
    if fmt not in FORMATS[command]:
        return out.error(m("cli.format_not_for", command=command, format=fmt, formats=", ".join(FORMATS[command])))
    try:
        content = load(m.lang)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONTENT
    if command == "check":
        if args.stale or args.before:
            return _stale(content, args.before or content.dated_before, out)
        return _check(content, out)
    if command == "paths":
        return _paths(content, out)
    if command == "translations":
        return _translations(args, out)
    if command == "export":
        return _export(Path(args.out), out)
    if command in ("domain", "number", "footer"):
        return _tool(content, command, args, out)
    if args.answers is not None:
        return _show(content, args.answers, out)
    state, known = State.start(content), {}
    if getattr(args, "walk_answers", None):
        try:
            resumed = read(content, args.walk_answers)
        except TokenError as exc:
            return out.error(exc.message(m))
        _note_changes(resumed, out)
        state, known = resumed.state, resumed.known
    talk = sys.stdout if fmt == "text" else sys.stderr  # prompts never mix into a JSON or Markdown document
    return walk(content, state, sys.stdin, sys.stdout, fmt, m, known=known, talk=talk, width=width, folded=args.show_all)


def _note_changes(resumed: Resumed, out: _Out) -> None:
    """An answer code from an earlier version of the tree: say so on stderr, as the site does."""
    if resumed.changed:
        key = "code.guide_changed_result" if resumed.state.is_complete else "code.guide_changed_question"
        out.note(out.m(key))


def _summary(content: Content) -> dict[str, object]:
    return {
        "questions": len(content.questions),
        "outcomes": len(content.outcomes),
        "paths": len(all_paths(content)),
        "provinces": len(content.provinces),
        "with_caveats": sum(1 for p in content.provinces.values() if p.caveats),
        "caveats": sum(len(p.caveats) for p in content.provinces.values()),
        "sources": len(content.sources),
        "routings": len(content.routings),
        "version": content.version,
    }


def _check(content: Content, out: _Out) -> int:
    problems = routing.stranded(content)
    suffixes = None
    for lang in LANGUAGES:  # every edition's content: a text without its translation is a problem
        try:
            if lang != content.lang:
                load(lang)
            # Not part of load(): the tree page never reads it.
            table = domain_check.suffix_table(lang)
            suffixes = table if lang == content.lang else suffixes
        except ContentError as exc:
            problems += [p for p in exc.problems if p not in problems]
    problems += _glossary_problems()
    to_review = _translation_review(out)
    if problems:
        print(ContentError(problems), file=sys.stderr)
    if to_review:
        print("\n".join(to_review), file=sys.stderr)
    if problems or to_review:
        return EXIT_CONTENT
    assert suffixes is not None
    summary = {**_summary(content), "suffixes": len(suffixes.entries)}
    if out.fmt == "json":
        out.data({"ok": True, **summary})
    else:
        out.document(out.m("cli.check_ok", **summary) + "\n")
    return EXIT_OK


def _glossary_problems() -> list[str]:
    """The glossary's own problems, or the Chinese texts that use a variant it rules out."""
    try:
        return glossary.check_content(glossary.load())
    except ContentError as exc:
        return list(exc.problems)


def _translation_review(out: _Out) -> list[str]:
    """The lines that name each Chinese text to review against its changed English (none outside a checkout)."""
    root = translations.CHECKOUT
    if not translations.in_checkout(root):
        return []
    record = translations.read_record(root)
    if record is None:
        return [out.m("cli.translations.no_record", file=translations.RECORD, prog=out.prog)]
    return _review_lines(out, _review_entries(root, record))


def _review_entries(root: Path, record: Mapping[str, str]) -> list[dict[str, str]]:
    """Each text to review: its state (changed, new, gone), its key, where its English is, and for a
    changed one the git command that shows the change."""
    found = translations.review(root, record)
    commits = translations.review_commits(root) if found.changed else {}
    entries = [
        {"state": "changed", "key": t.key, "english": t.english, "command": translations.what_changed(t, record[t.key], commits)}
        for t in found.changed
    ]
    entries += [{"state": "new", "key": t.key, "english": t.english} for t in found.new]
    return entries + [{"state": "gone", "key": key} for key in found.gone]


def _review_lines(out: _Out, entries: Sequence[Mapping[str, str]]) -> list[str]:
    lines = []
    for entry in entries:
        state, params = entry["state"], {k: v for k, v in entry.items() if k not in ("state", "key")}
        lines.append(out.m(f"cli.translations.{state}", chinese=entry["key"], **params))
    return [*lines, out.m.plural("cli.translations.summary", len(entries), prog=out.prog)] if entries else []


def _translations(args: argparse.Namespace, out: _Out) -> int:
    """List what to review (exit 1 if anything), or record reviews."""
    m, root = out.m, translations.CHECKOUT
    if not translations.in_checkout(root):
        return out.error(m("cli.translations.no_checkout"))
    if args.reviewed or args.all_reviewed:
        try:
            count = translations.mark_reviewed(None if args.all_reviewed else args.reviewed, root)
        except translations.UnknownKey as exc:
            return out.error(m("cli.translations.unknown", keys=echo(", ".join(exc.keys), m), prog=out.prog))
        out.document(m.plural("cli.translations.marked", count, file=translations.RECORD) + "\n")
        return EXIT_OK
    record = translations.read_record(root)
    if record is None:
        print(m("cli.translations.no_record", file=translations.RECORD, prog=out.prog), file=sys.stderr)
        return EXIT_CONTENT
    entries = _review_entries(root, record)
    if out.fmt == "json":
        out.data(entries)
    else:
        # Not wrapped: each line ends in a key or a command to copy whole.
        out.document("\n".join(_review_lines(out, entries) or [m("cli.translations.none")]) + "\n", wrapped=True)
    return EXIT_CONTENT if entries else EXIT_OK


def _export(folder: Path, out: _Out) -> int:
    """The rules as data into ``folder``: the files the site publishes under data/, byte for byte."""
    try:
        files = data_export.export(data_export.texts())
        written = data_export.write(folder, files)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:
        return out.error(out.m("cli.export_failed", folder=str(folder), reason=exc.strerror or str(exc)))
    index = json.loads(files[data_export.INDEX])
    if out.fmt == "json":
        out.data(index)
    else:
        size = sum(len(data) for data in files.values())
        summary = out.m("cli.exported", count=len(written), size=size, folder=str(folder), version=index["content_version"],
                        index=str(folder / data_export.INDEX))
        out.document(summary + "\n", wrapped=True)  # not wrapped: it names two paths to copy whole
    return EXIT_OK


def _paths(content: Content, out: _Out) -> int:
    found = all_paths(content)
    if out.fmt == "json":
        sys.stdout.write(render.paths_json(found))
    elif out.fmt == "markdown":
        sys.stdout.write(render.paths_markdown(content, found, content.lang))
    else:
        out.document(render.paths_text(content, found, content.lang))
    return EXIT_OK


def _tool(content: Content, command: str, args: argparse.Namespace, out: _Out) -> int:
    """domain, number, footer: one report, or one line saying what is wrong with the input (exit 2)."""
    text = " ".join(args.text)
    m = out.m
    try:
        if command == "domain":
            report = domain_check.check(text, lang=content.lang)
            if out.fmt == "json":
                out.data(domain_view.data(report))
            else:
                out.document(domain_view.text(report, m, out.width), wrapped=True)
        elif command == "number":
            reading = filing_number.read(text, content)
            if out.fmt == "json":
                out.data(number_view.data(reading, m))
            else:
                out.document(number_view.text(reading, m, out.width), wrapped=True)
        else:
            made = footer.make(text, args.psb, content)
            if out.fmt == "json":
                out.data(number_view.footer_data(made, m))
            else:
                out.document(number_view.footer_text(made, m, out.width), wrapped=True)
    except InputError as exc:
        return out.error(exc.message(m))
    return EXIT_OK


def _stale(content: Content, before: str, out: _Out) -> int:
    """For reviewers: every statement whose newest source is older than ``before``, or undated."""
    m = out.m
    if not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", before):
        return out.error(m("cli.bad_date", date=echo(before, m)))
    places: list[tuple[str, SourcedStatement]] = [
        (f"{province_name(p, content.lang)}, {content.topics.get(c.topic, c.topic)}", c)
        for p in content.provinces.values()
        for c in p.caveats
    ]
    places += [(f"{o.title}", w) for o in content.outcomes.values() for w in o.warnings]
    stale = [(where, s) for where, s in places if s.as_of == "undated" or s.as_of < before]
    caveats = [s for _, s in places if isinstance(s, Caveat)]
    summary = {
        "before": before,
        "stale": len(stale),
        "total": len(places),
        "dated": sum(1 for s in caveats if s.as_of != "undated" and s.as_of < before),
        "undated": sum(1 for s in caveats if s.as_of == "undated"),
        "caveats": len(caveats),
        "single": sum(1 for s in caveats if len(s.sources) == 1),
    }
    if out.fmt == "json":
        statements = [{"where": where, "as_of": s.as_of, "sources": list(s.sources), "text": s.text} for where, s in stale]
        out.data({**summary, "statements": statements})
        return EXIT_OK
    lines = [m("cli.stale_line", as_of=s.as_of, where=where, sources=", ".join(s.sources), text=s.text) for where, s in stale]
    out.document("\n".join([*lines, m("cli.stale_summary", **summary)]) + "\n")
    return EXIT_OK


def _show(content: Content, token: str, out: _Out) -> int:
    m = out.m
    try:
        resumed = read(content, token)
    except TokenError as exc:
        return out.error(exc.message(m))
    state = resumed.state
    _note_changes(resumed, out)
    if not state.is_complete:
        # As `walk --answers` would start: the answers so far and the question; then how to go on,
        # with the code that keeps every answer still to come (an old code's, until they are used).
        question = state.current
        assert isinstance(question, Question)
        talk = sys.stdout if out.fmt == "text" else sys.stderr
        lines = [*_answers_so_far(state, m), *_prompt_lines(question, len(state.answered), m)]
        talk.write(termwrap.wrap("\n".join(lines).lstrip("\n") + "\n", out.width))
        carry_on = resumed.continue_with(token)
        print(termwrap.wrap(m("cli.unfinished", prog=out.prog, code=carry_on), out.width), file=sys.stderr)
        return EXIT_STOPPED
    out.document(render.render_result(content, state.result(), out.fmt, content.lang, folded=out.folded))
    return EXIT_OK


def _prompt_lines(question: Question, answered: int, m: Messages) -> list[str]:
    text = question.text + (f"  ({question.text_zh})" if question.text_zh else "")
    lines = ["", m("cli.question", n=answered + 1, text=text)]
    if question.help:
        lines.append(f"  {question.help}")
    lines += [f"    - {check}" for check in question.checks]
    for n, choice in enumerate(question.choices, start=1):
        zh = f" ({choice.label_zh})" if choice.label_zh else ""
        lines.append(f"  {n:>2}. {choice.label}{zh}")
    return lines


def _folded(text: str) -> str:
    """A reply as it is compared with ids and words: full-width letters (ｑ from a Chinese input
    method) read as Latin ones, and case ignored."""
    return unicodedata.normalize("NFKC", text).casefold()


def _pick(question: Question, reply: str) -> str:
    """The choice id a reply names: its number, its id, or (for provinces) its name; else a ``ReplyError``."""
    count = len(question.choices)
    if reply and all(unicodedata.decimal(ch, None) is not None for ch in reply):
        # Digits of any script (１, ٣, ३) are the number they write; never int(): 5,000 digits overflow it.
        digits = "".join(str(unicodedata.decimal(ch)) for ch in reply).lstrip("0")
        if 0 < len(digits) <= len(str(count)) and 1 <= int(digits) <= count:
            return question.choices[int(digits) - 1].id
        raise NoSuchNumberError(reply, count)
    folded = _folded(reply)
    for choice in question.choices:
        names = (choice.label_zh, choice.label) if question.kind is QuestionKind.PROVINCE else ()
        if folded == choice.id or any(name and folded == _folded(name) for name in names):
            return choice.id
    if len(reply) == 1 and unicodedata.numeric(reply, None) is not None:
        value = unicodedata.numeric(reply)
        raise NumeralError(reply, int(value) if value.is_integer() else None, count)
    raise NotAChoiceError(reply, count)


def _read_reply(stdin: TextIO, count: int) -> str | None:
    """The next line, stripped; None at the end of the input. A line longer than ``MAX_REPLY`` is
    read to its end in pieces and refused, so that a pasted file is never held whole."""
    line = stdin.readline(MAX_REPLY + 1)
    if not line:
        return None
    if len(line) <= MAX_REPLY or line.endswith("\n"):
        return line.strip()
    start, length = line.lstrip(), len(line)
    while not line.endswith("\n"):
        line = stdin.readline(MAX_REPLY + 1)
        if not line:
            break
        length += len(line.rstrip("\n"))
    raise ReplyTooLongError(start, length, count)


def _answers_so_far(state: State, m: Messages) -> list[str]:
    if not state.answered:
        return []
    return ["", m("cli.answers_so_far"), *(f"  - {a.question.text} {a.choice.label}" for a in state.answered)]


def walk(
    content: Content,
    state: State,
    stdin: TextIO,
    stdout: TextIO,
    fmt: str = "text",
    m: Messages | None = None,
    *,
    known: Mapping[str, str] | None = None,
    talk: TextIO | None = None,
    width: int = 80,
    folded: bool = False,
) -> int:
    """The interactive walk. A bad reply gets one line and the prompt again; nothing is lost.

    The questions go to ``talk`` (stdout for text, else stderr), the result to ``stdout``.
    ``known``: answers of an old code still to come, replayed after each answer where they fit.
    """
    m = m or messages()
    known = known or {}
    talk = talk or stdout

    def say(*lines: str) -> None:
        talk.write(termwrap.wrap("\n".join(lines) + "\n", width))
        talk.flush()

    def ask(prompt: str, count: int) -> str | None:
        talk.write(prompt)
        talk.flush()
        return _read_reply(stdin, count)

    def show(question: Question) -> None:
        say(*_prompt_lines(question, len(state.answered), m))

    say(m("cli.walk_intro"), *_answers_so_far(state, m))
    try:
        if isinstance(state.current, Question):
            show(state.current)
        while True:
            node = state.current
            if isinstance(node, Outcome):
                result = render.render_result(content, state.result(), fmt, content.lang, folded=folded)
                stdout.write("\n" + termwrap.wrap(result, width) if fmt == "text" else result)
                stdout.flush()
                return EXIT_OK
            count = len(node.choices)
            try:
                reply = ask(m("cli.prompt", count=count), count)
                if reply is None:
                    say("", m("cli.input_ended", code=state.token))
                    return EXIT_STOPPED
                word = _folded(reply)
                if word in ("q", "quit"):
                    say(m("cli.stopped", code=state.token))
                    return EXIT_STOPPED
                if word in ("b", "back"):
                    if not state.answered:
                        say(m("cli.no_back"))
                        continue
                    state = state.back()
                else:
                    state = state.answer_keeping(_pick(node, reply), known)
            except ReplyError as exc:
                say(exc.message(m))
                continue
            if isinstance(state.current, Question):
                show(state.current)
    except KeyboardInterrupt:
        say("", m("cli.interrupted", code=state.token))
        return EXIT_INTERRUPTED
    except AnswerError as exc:  # pragma: no cover - the walk only offers valid choices
        print(m("cli.error", prog=PROG, message=str(exc)), file=sys.stderr)
        return EXIT_USAGE
