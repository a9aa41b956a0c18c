"""The command line takes any line a person can type, and the tools page any text pasted into it:
digits of any script, control characters, bidi overrides, bytes that are not UTF-8, 100 kB lines,
the C locale. Nothing raises, every exit status is a documented one, and what was typed is echoed
escaped and, when long, cut to a preview that gives its length."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decision_tree import Content, State, cli, from_token, load
from decision_tree.messages import PREVIEW, echo, escaped, messages
from decision_tree.tools import web

EN = messages("en")
CONTENT = load("en")
# What may reach a terminal besides text: the line break. Tabs, ESC, C1 controls, bidi overrides,
# lone surrogates, private and unassigned characters never do.
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# Exit statuses the CLI documents (cli.py): done, content errors, bad input, stopped, interrupted.
DOCUMENTED = {cli.EXIT_OK, cli.EXIT_CONTENT, cli.EXIT_USAGE, cli.EXIT_STOPPED, cli.EXIT_INTERRUPTED}

# What a person, a paste or a hostile tester types. Each is tried at the walk's prompt, as each
# tool's argument and in each field of the tools page (the counts are in the report of issue 23).
HOSTILE = [
    "①", "²", "٣", "１", "三", "Ⅻ", "½", "߁", "𝟙", "٣٣", "0", "00", "-1", "+1", "1.0", "1e3", "0x1", "1 2",
    "9" * 5000, "1" * 4301, "0" * 300 + "1",
    "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\x1b]0;title\x07example.cn", "\x9b31m", "\x1bc", "\x07" * 10,
    "\u202eexample.cn", "example\u2066.cn\u2069", "\u200b", "\ufeff1", "\u2028", "\x00", "\x7f", "\r1", "\t1\t",
    "\udcff\udcfe", "\ud800", "\U000e0001", "\U0010fffd", "\ue000",
    "ｑ", "Ｂ", "QUIT", "Back", "q\x00", "广东", "廣東", "Guangdong", "guangdong",
    "京ICP备12345678号-1", "京ICP备" + "1" * 5000 + "号", "京ICP备12345678号" + "-" * 5000,
    "公网安备 " * 2000, "备案号" * 3000, " " * 100_000 + "x", "ICP " * 25_000, "a" * 120_000,
    "https://example.cn/" + "\x1b[31m" * 1000, "xn--" + "a" * 500 + ".cn", "例" * 5000 + ".cn",
    "'; DROP TABLE x; --", "<script>alert(1)</script>", "{reply}", "{0}", "%s%s%n", "\\x1b",
]
ENTRY_POINTS = ("walk", "domain", "number", "footer", "footer --psb", "tools page: domain", "tools page: number",
                "tools page: footer")


def hidden(text: str) -> list[str]:
    return sorted({c for c in text if c != "\n" and unicodedata.category(c) in _HIDDEN})


def walk(content: Content, stdin: str) -> tuple[int, str]:
    out, talk = io.StringIO(), io.StringIO()
    status = cli.walk(content, State.start(content), io.StringIO(stdin), out, m=EN, talk=talk)
    return status, talk.getvalue() + out.getvalue()


def run_main(*argv: str) -> tuple[int, str, str]:
    """``main`` in this process (a child process per Hypothesis example would take minutes)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(list(argv), prog="icp-tree")
        except SystemExit as exc:  # argparse's refusals, through _Parser.error
            status = exc.code if isinstance(exc.code, int) else -1
    return status, out.getvalue(), err.getvalue()


def run(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "PYTHONUTF8")}
    return subprocess.run([sys.executable, "-m", "decision_tree", *args], input=stdin, capture_output=True,
                          timeout=120, check=False, env={**base, **(env or {})})


def one_short_line(stderr: str) -> bool:
    """A refusal: one line, and short whatever the input's length (the preview, not the input)."""
    return stderr.count("\n") <= 1 and len(stderr) < 600


# --- the echo ---------------------------------------------------------------------------------------


def test_an_echo_escapes_what_a_terminal_would_act_on() -> None:
    assert escaped("\x1b[31mred\x07") == "\\x1b[31mred\\x07"
    assert escaped("a\u202eb\u2066c") == "a\\u202eb\\u2066c"
    assert escaped("\t\n\r") == "\\t\\n\\r"
    assert escaped("\udcff") == "\\xff"  # a byte that was not UTF-8, as surrogateescape keeps it
    assert escaped("\U000e0001") == "\\U000e0001"
    assert escaped("京ICP备12345678号 ① ² \u00a0 é") == "京ICP备12345678号 ① ² \u00a0 é"


def test_a_long_echo_is_a_preview_with_the_length() -> None:
    assert echo("x" * PREVIEW, EN) == "x" * PREVIEW
    assert echo("x" * 5000, EN) == "x" * PREVIEW + "… (5000 characters)"
    assert echo("\x1b" * 100, EN) == "\\x1b" * 15 + "… (100 characters)"  # never an escape cut in half
    assert echo("短" * 100, messages("zh")) == "短" * PREVIEW + "…（共 100 个字符）"


def test_json_output_escapes_controls_and_keeps_the_data() -> None:
    value = {"input": "\x1b[31m\x9b\u202e\udcff\U000e0001京", "n": 1}
    text = cli.json_text(value)
    assert hidden(text) == [] and json.loads(text) == value


# --- the walk ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "says"),
    [
        ("①", "'①' is not written in the digits 0-9: to choose 1, type 1 (1-4, b or q)."),
        ("²", "'²' is not written in the digits 0-9: to choose 2, type 2 (1-4, b or q)."),
        ("三", "'三' is not written in the digits 0-9: to choose 3, type 3 (1-4, b or q)."),
        ("Ⅻ", "'Ⅻ' is not written in the digits 0-9, and is no choice here: 1-4, b or q."),
        ("½", "'½' is not written in the digits 0-9, and is no choice here: 1-4, b or q."),
        ("0", "There is no choice '0' here: 1-4, b or q."),
        ("٩", "There is no choice '٩' here: 1-4, b or q."),
        ("9" * 200, "There is no choice '" + "9" * PREVIEW + "… (200 characters)' here"),
        ("9" * 5000, "'" + "9" * PREVIEW + "… (5000 characters)' is too long to be a choice here: 1-4, b or q."),
        ("\x1b[31mred", "'\\x1b[31mred' is not a choice here: 1-4, b or q."),
        ("a\u202eb", "'a\\u202eb' is not a choice here"),
        ("\udcff", "'\\xff' is not a choice here"),
    ],
)
def test_a_reply_that_chooses_nothing_is_refused_in_one_line(content: Content, reply: str, says: str) -> None:
    status, shown = walk(content, reply + "\n")
    assert status == cli.EXIT_STOPPED  # the input ended after the refusal: nothing raised
    refusal = shown.split("Choose 1-4, b or q: ")[1].split("\nChoose")[0]
    assert says in " ".join(refusal.split())
    assert hidden(shown) == []


@pytest.mark.parametrize(("reply", "question"), [("１", "Question 2"), ("٢", "Question 2"), ("०१", "Question 2"),
                                                 ("𝟙", "Question 2"), ("ｑ", "Stopped.")])
def test_digits_of_any_script_and_full_width_letters_are_read(content: Content, reply: str, question: str) -> None:
    assert question in walk(content, reply + "\n")[1]


def test_a_line_longer_than_the_reply_limit_is_read_to_its_end_and_the_walk_goes_on(content: Content) -> None:
    status, shown = walk(content, "x" * 100_000 + "\n1\n")
    assert status == cli.EXIT_STOPPED and "(100000 characters)' is too long" in " ".join(shown.split())
    assert "Question 2" in shown  # the next line was read as the next reply, not as the rest of the long one


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(st.characters(exclude_categories=())), st.sampled_from(HOSTILE)), max_size=12))
def test_any_lines_at_the_prompt_end_in_a_documented_status(lines: list[str]) -> None:
    status, shown = walk(CONTENT, "\n".join(lines) + "\n")
    assert status in (cli.EXIT_OK, cli.EXIT_STOPPED)
    assert hidden(shown) == []


# --- the tools --------------------------------------------------------------------------------------

TOOL_ARGS = {
    "domain": lambda text: ["domain", "--", text],
    "number": lambda text: ["number", "--", text],
    "footer": lambda text: ["footer", "--", text],
    "footer --psb": lambda text: ["footer", "--psb", text, "--", "京ICP备12345678号-1"],
}


def check_tool_run(status: int, out: str, err: str) -> None:
    assert status in DOCUMENTED - {cli.EXIT_CONTENT}
    assert hidden(out + err) == []
    if status != cli.EXIT_OK:
        assert out == "" and one_short_line(err), err[:300]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(TOOL_ARGS)), st.sampled_from(["text", "json"]),
       st.one_of(st.text(st.characters(exclude_categories=())), st.sampled_from(HOSTILE)))
def test_any_text_given_to_a_tool_ends_in_a_documented_status(tool: str, fmt: str, text: str) -> None:
    check_tool_run(*run_main("--format", fmt, *TOOL_ARGS[tool](text)))


@given(st.text(st.characters(exclude_categories=()), max_size=80))
@settings(max_examples=100, deadline=None)
def test_argparse_refusals_are_escaped_and_short(word: str) -> None:
    status, out, err = run_main("--format", word * 50)
    assert status in (cli.EXIT_OK, cli.EXIT_USAGE, cli.EXIT_STOPPED)
    assert hidden(out + err) == [] and (status != cli.EXIT_USAGE or one_short_line(err))


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("tool", sorted(TOOL_ARGS))
def test_every_hostile_input_to_every_tool(tool: str, text: str) -> None:
    check_tool_run(*run_main(*TOOL_ARGS[tool](text)))


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("field", [("domain", "domain"), ("number", "number"), ("footer", "number"), ("footer", "psb")])
def test_the_tools_page_error_box_shows_a_preview_escaped(text: str, field: tuple[str, str]) -> None:
    tool, name = field
    fields = {name: text} if name != "psb" else {"number": "京ICP备12345678号-1", "psb": text}
    answer = web.run(tool, fields)
    assert hidden(answer["error"]) == [] and len(answer["error"]) < 600
    assert bool(answer["error"]) != bool(answer["html"])


def test_a_tool_refusal_quotes_a_preview_not_the_input() -> None:
    status, out, err = run_main("domain", "a" * 120_000 + ".cn")
    assert status == cli.EXIT_USAGE and out == ""
    assert "a" * PREVIEW + "… (120000 characters)" in err and len(err) < 300
    status, out, err = run_main("domain", "\x1b]0;title\x07example.cn")
    assert status == cli.EXIT_USAGE and "“\\x1b]0;title\\x07example”" in err and hidden(err) == []


def test_the_text_around_a_number_is_noted_escaped() -> None:
    status, out, _ = run_main("number", "\x1b[31m京ICP备12345678号-1")
    assert status == cli.EXIT_OK and "left out: \\x1b[31m" in out and hidden(out) == []
    status, out, _ = run_main("domain", "https://example.cn/\x1b[31mred?\u202eq")
    assert status == cli.EXIT_OK and "“/\\x1b[31mred”" in out and "“?\\u202eq”" in out and hidden(out) == []


# --- the process: locale, bytes, arguments ------------------------------------------------------------

C_LOCALE = {"LC_ALL": "C", "PYTHONUTF8": "0"}


def test_a_filing_number_is_read_under_the_c_locale() -> None:
    proc = run("number", "京ICP备12345678号-1", env=C_LOCALE)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stdout.decode("utf-8").startswith("京ICP备12345678号-1\n")


def test_the_walk_reads_and_writes_chinese_under_the_c_locale(content: Content) -> None:
    token = State.start(content).answer("online").answer("website").answer("mainland_servers").answer("no").token
    proc = run("walk", "--answers", token, stdin="1\n1\n陕西\n".encode(), env=C_LOCALE)  # individual, ID card
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == cli.EXIT_STOPPED, proc.stderr.decode("utf-8", "replace")
    assert "Ningxia (宁夏)" in out  # the content's Chinese is written, not refused by an ASCII stdout
    code = out.rsplit("Your answer code so far: ", 1)[1].strip()
    assert "shaanxi" in from_token(content, code).answers  # chosen by its Chinese name


@pytest.mark.parametrize("env", [{}, C_LOCALE, {"PYTHONIOENCODING": "utf-8:strict"}])
def test_bytes_that_are_not_utf8_are_echoed_as_bytes(env: dict[str, str]) -> None:
    proc = run("walk", stdin=b"\xff\xfe\x1b[31m\n", env=env)
    assert proc.returncode == cli.EXIT_STOPPED and b"Traceback" not in proc.stderr
    assert b"'\\xff\\xfe\\x1b[31m' is not a choice here" in proc.stdout
    proc = run("domain", os.fsdecode(b"\xffexample.cn"), env=env)
    assert proc.returncode == cli.EXIT_USAGE and b"Traceback" not in proc.stderr and b"\\xff" in proc.stderr


def test_the_walk_refuses_a_5000_digit_line_and_numerals_as_a_process() -> None:
    proc = run("walk", stdin=("9" * 5000 + "\n①\n").encode())
    err_free = proc.stdout.decode("utf-8")
    assert proc.returncode == cli.EXIT_STOPPED and b"Traceback" not in proc.stderr
    assert "(5000 characters)' is too long" in " ".join(err_free.split()) and "to choose 1, type 1" in err_free



@pytest.mark.parametrize(("redirect", "status"), [("<&-", cli.EXIT_STOPPED), ("</dev/null >&-", cli.EXIT_STOPPED),
                                                  ("</dev/null >&- 2>&-", cli.EXIT_STOPPED)])
def test_a_closed_stream_ends_the_walk_without_a_traceback(redirect: str, status: int) -> None:
    proc = subprocess.run(["sh", "-c", f'"{sys.executable}" -m decision_tree walk {redirect}'], capture_output=True,
                          timeout=120, check=False)
    assert proc.returncode == status and b"Traceback" not in proc.stderr
