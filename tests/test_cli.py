"""The command line through a real subprocess: walk from stdin, every format, exit codes."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from decision_tree import Content, cli

from .conftest import add_question, changed, old_code, resolve
from .scenarios import FIRST_FILING as SCENARIO

FIRST_FILING = {**SCENARIO.answers, "subject_type": "enterprise", "province": "guangdong"}


LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def run(*args: str, stdin: str = "", locale: str = "") -> subprocess.CompletedProcess[str]:
    """The CLI in a child process, in the English locale unless ``locale`` says otherwise (whatever the
    machine running the tests is set to)."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    if locale:
        env["LANG"] = locale
    return subprocess.run(
        [sys.executable, "-m", "decision_tree", *args],
        input=stdin, capture_output=True, text=True, timeout=60, check=False, env=env,
    )


def test_check_passes() -> None:
    proc = run("check")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("OK: ") and "31 provinces" in proc.stdout


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_answers_in_every_format(content: Content, fmt: str) -> None:
    token = resolve(content, **FIRST_FILING).token
    proc = run("--answers", token, "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    if fmt == "json":
        data = json.loads(proc.stdout)
        assert data["outcome"]["id"] == "new_filing"
        assert data["province"]["id"] == "guangdong" and data["subject"] == "enterprise"
        assert data["regional_caveats"] and all(c["sources"] and c["as_of"] for c in data["regional_caveats"])
        assert data["token"] == token
    elif fmt == "markdown":
        assert proc.stdout.startswith("## New filing (首次备案)")
        assert "- [ ] " in proc.stdout and "### In Guangdong (广东)" in proc.stdout
    else:
        assert proc.stdout.startswith("New filing (首次备案)") and "Steps" in proc.stdout


def test_bad_token_is_one_line_exit_2() -> None:
    proc = run("--answers", "not-a-token")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "not an answer code" in proc.stderr


def test_unfinished_token_shows_its_question_and_how_to_continue_with_the_command_that_was_run(content: Content) -> None:
    from decision_tree import State

    token = State.start(content).answer("online").token
    proc = run("--answers", token)
    # Exit 3, "stopped before a result", as a walk that ends early; the question as the walk shows it.
    assert proc.returncode == 3 and "Question 2: What are you putting online?" in proc.stdout
    assert "Your answers so far:" in proc.stdout and "   1. A website or a web service" in proc.stdout
    assert f"Continue with: python -m decision_tree walk --answers {token}" in " ".join(proc.stderr.split())
    script = os.path.join(os.path.dirname(sys.executable), "icp-tree")
    # The script with this checkout's package (the shared environment may have installed another's).
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.run([script, "--answers", token.upper()], capture_output=True, text=True, timeout=60, check=False,
                          env=env)
    assert proc.returncode == 3 and f"Continue with: icp-tree walk --answers {token}" in " ".join(proc.stderr.split())


def test_unknown_format_is_one_line_exit_2() -> None:
    proc = run("--answers", "x", "--format", "xml")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "invalid choice: 'xml'" in proc.stderr


def test_unknown_command_is_exit_2() -> None:
    proc = run("frobnicate")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_paths(content: Content, fmt: str) -> None:
    proc = run("paths", "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert run("--format", fmt, "paths").stdout == proc.stdout  # before or after the command: the same
    if fmt == "text":
        assert proc.stdout.startswith("Every path through the decision tree")
        assert "1. " in proc.stdout and " → " in proc.stdout
    elif fmt == "json":
        paths = json.loads(proc.stdout)
        followers = {t for o in content.outcomes.values() for t in o.then}
        followers |= {o for q in content.questions.values() for c in q.choices for o in c.adds}
        assert {p["outcome_id"] for p in paths} | followers == set(content.outcomes)
        assert all(p["answers"] and p["outcome"] for p in paths)
    else:
        assert proc.stdout.startswith("# Every path through the decision tree")


def test_format_a_command_does_not_write_is_one_line_exit_2() -> None:
    proc = run("check", "--format", "markdown")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and "invalid choice" in proc.stderr
    proc = run("--format", "markdown", "check")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "'check' does not write markdown: use --format text, json" in proc.stderr


def test_check_as_json() -> None:
    proc = run("check", "--format", "json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and data["ok"] is True and data["provinces"] == 31
    stale = json.loads(run("check", "--stale", "--before", "2020", "--format", "json").stdout)
    assert stale["statements"] and all(s["as_of"] == "undated" or s["as_of"] < "2020" for s in stale["statements"])


def test_interactive_walk_from_stdin_with_back_and_bad_input() -> None:
    # goal=online(1), a website(1), delivery: outside(3) ends the walk; go back first to show nothing is lost.
    proc = run(stdin="7\nzzz\n1\nb\n1\n1\n3\n")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "There is no choice '7' here: 1-4, b or q." in out and "'zzz' is not a choice here" in out
    # A bad reply gets one line, not the question again; Back shows the question again.
    assert out.count("Question 1: What do you need to do?") == 2
    assert out.count("Question 2: What are you putting online?") == 2
    assert "No ICP filing needed (无需ICP备案)" in out


def test_a_bad_province_reply_does_not_list_the_31_provinces_again(content: Content) -> None:
    from decision_tree import State

    token = State.start(content).answer("online").answer("website").answer("mainland_servers").answer("no").token
    proc = run("walk", "--answers", token, stdin="1\n1\nAtlantis\n陕西\n")
    assert proc.stdout.count("Shaanxi") == 1 and "'Atlantis' is not a choice here: 1-31, b or q." in proc.stdout


def test_json_walk_writes_only_the_result_on_stdout() -> None:
    proc = run("--format", "json", "walk", stdin="1\n1\n3\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["outcome"]["id"] == "no_filing_outside_mainland"
    assert "Question 1: What do you need to do?" in proc.stderr
    assert run("walk", "--format", "json", stdin="1\n1\n3\n").stdout == proc.stdout


def test_text_is_wrapped_to_the_terminal_width(content: Content) -> None:
    token = resolve(content, **FIRST_FILING).token
    env = {**os.environ, "COLUMNS": "60"}
    proc = subprocess.run([sys.executable, "-m", "decision_tree", "--answers", token], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    lines = proc.stdout.splitlines()
    assert len(lines) > 100
    from decision_tree.termwrap import cell_width

    # Only a line that is a single word (a URL) may be wider than the terminal.
    assert [line for line in lines if cell_width(line) > 60 and len(line.split()) > 1 and "://" not in line] == []
    wide = subprocess.run([sys.executable, "-m", "decision_tree", "--answers", token], env={**env, "COLUMNS": "400"},
                          capture_output=True, text=True, timeout=60, check=False)
    assert "".join(proc.stdout.split()) == "".join(wide.stdout.split())  # the same text, only wrapped


def test_interactive_walk_accepts_province_names(content: Content) -> None:
    replies = ["1", "1", "1", "1", "2", "1", "陕西", "1", "1", "1"]
    proc = run(stdin="\n".join(replies) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "Province: Shaanxi (陕西)" in proc.stdout and "New filing (首次备案)" in proc.stdout


def test_input_ending_before_a_result_exits_3_with_the_code_so_far() -> None:
    proc = run(stdin="1\n")
    assert proc.returncode == 3
    assert "Input ended" in proc.stdout and "Traceback" not in proc.stderr


def test_quitting_before_a_result_exits_3() -> None:
    proc = run(stdin="q\n")
    assert proc.returncode == 3 and "Stopped" in proc.stdout


def test_walk_resumes_from_a_token_and_shows_the_answers_so_far(content: Content) -> None:
    from decision_tree import State

    token = State.start(content).answer("online").token
    proc = run("walk", "--answers", token, stdin="1\n3\n")
    assert proc.returncode == 0 and "No ICP filing needed" in proc.stdout
    before_question = proc.stdout.split("Question 2:")[0]
    assert "Your answers so far:" in before_question
    assert "What do you need to do? Put a website, an app or a mini-program online" in before_question


def test_ctrl_c_exits_130_without_traceback() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "decision_tree"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # As a terminal would start it: a suite run in the background (`make test &`) inherits SIGINT
        # ignored, and Python then leaves Ctrl-C ignored too.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # the banner: the walk is waiting for input
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGINT)
    # Its input stays open until it has stopped: closed at once (as communicate() does), a slow machine
    # could let the walk read the end of its input before the interrupt, and stop for that reason instead.
    proc.wait(timeout=30)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "Traceback" not in err and "Interrupted" in out


def test_console_script_is_installed() -> None:
    script = os.path.join(os.path.dirname(sys.executable), "icp-tree")
    assert os.path.exists(script), "pip install -e . should install the icp-tree console script"
    proc = subprocess.run([script, "check"], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr


CODES = json.loads((Path(__file__).with_name("fixtures") / "answer_codes.json").read_text(encoding="utf-8"))


def test_every_recorded_code_opens_in_the_cli(capsys: pytest.CaptureFixture[str], content: Content) -> None:
    from decision_tree import read

    for entry in CODES.values():
        for code in entry["codes"]:
            status = cli.main(["--answers", code])
            out, err = capsys.readouterr()
            state = read(content, code).state  # today's reading of the code (tests/test_answer_codes.py checks it)
            if state.is_complete:
                assert status == 0 and state.current.title in out.splitlines()[0], (code, err)
            else:
                # The question `walk --answers` would ask next, and the note it would give.
                assert status == 3 and " walk --answers " in " ".join(err.split()), (code, err)
                asked = f"Question {len(state.answered) + 1}: {state.current.text}"
                assert "".join(asked.split()) in "".join(out.split()), (code, out)  # wrapped anywhere in Chinese
                assert err.startswith("note: ") == read(content, code).changed, (code, err)


FIRST_INDIVIDUAL = {**FIRST_FILING, "subject_type": "individual"}


def test_an_old_code_says_the_guide_changed_and_resumes_the_walk(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = old_code(**FIRST_INDIVIDUAL)
    monkeypatch.setattr(cli, "load", lambda lang="en": changed(add_question))
    assert cli.main(["--answers", code]) == 3
    out, err = capsys.readouterr()
    assert err.startswith("note: This link was made with an earlier version of this guide")
    assert "Question 10: Has the domain passed real-name verification?" in out
    # The code to go on from is the old one: today's code of question 10 would lose the answer after it.
    assert f"walk --answers {code}" in " ".join(err.split())
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n"))
    assert cli.main(["walk", "--answers", code]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("note: This link was made with an earlier version of this guide")
    assert "Question 10: Has the domain passed real-name verification?" in out
    assert "New filing (首次备案)" in out  # the answers after the new question were kept


def test_check_fails_when_a_routing_change_strands_a_recorded_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def drop_none(tree: dict[str, object]) -> None:
        question = tree["questions"]["site_type"]  # type: ignore[index]
        question["choices"] = [c for c in question["choices"] if c["id"] != "none"]

    monkeypatch.setattr(cli, "load", lambda lang="en": changed(drop_none))
    assert cli.main(["check"]) == 1
    assert "answer 'site_type=none' of routing" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "given", "expect"),
    [
        ("domain", ["https://api.shop.example.com.cn/x"], "example.com.cn"),
        ("number", ["京ICP备", "12345678号－1"], "京ICP备12345678号-1"),
        ("footer", ["粤ICP备2021012345号-3", "--psb", "粤公网安备44030502000001号"], "https://beian.miit.gov.cn/"),
    ],
)
def test_each_tool_in_text_and_json(command: str, given: list[str], expect: str) -> None:
    text = run(command, *given)
    assert text.returncode == 0, text.stderr
    assert expect in text.stdout
    data = run(command, *given, "--format", "json")
    assert data.returncode == 0 and json.loads(data.stdout)
    assert run("--format", "json", command, *given).stdout == data.stdout


@pytest.mark.parametrize(
    ("command", "given", "says"),
    [
        ("domain", ["a..b.com"], "two dots in a row"),
        ("domain", ["com.cn"], "com.cn"),
        ("number", ["hello"], "No number found"),
        ("number", ["港ICP备12345678号"], "港"),
        ("footer", ["京ICP备12345678号-2A"], "app"),
    ],
)
def test_a_tool_given_bad_input_says_what_is_wrong_in_one_line_exit_2(command: str, given: list[str], says: str) -> None:
    proc = run(command, *given)
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and says in proc.stderr
    assert proc.stderr.startswith("python -m decision_tree: ")


def test_check_covers_the_suffix_table() -> None:
    proc = run("check")
    assert re.search(r"\b1\d\d domain suffixes\b", proc.stdout), proc.stdout


# --- languages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "environ", "lang"),
    [
        (["--lang", "zh"], {}, "zh"),
        (["--lang=zh", "check"], {"LANG": "en_US.UTF-8"}, "zh"),
        (["check", "--lang", "en"], {"LANG": "zh_CN.UTF-8"}, "en"),
        ([], {"LANG": "zh_CN.UTF-8"}, "zh"),
        ([], {"LANG": "zh_TW.UTF-8"}, "zh"),
        ([], {"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL wins, as in every program
        ([], {"LC_MESSAGES": "zh_CN", "LANG": "en_GB"}, "zh"),
        ([], {"LANG": "fr_FR.UTF-8"}, "en"),  # no catalog: English
        ([], {}, "en"),
        (["--lang", "fr"], {"LANG": "zh_CN.UTF-8"}, "en"),  # refused by the parser, in English
        (["--", "--lang", "zh"], {}, "en"),
    ],
)
def test_the_language_comes_from_lang_then_the_locale(argv: list[str], environ: dict[str, str], lang: str) -> None:
    assert cli.language(argv, environ) == lang


def test_answers_in_chinese(content: Content) -> None:
    from decision_tree import load
    from decision_tree.messages import messages

    token = resolve(content, **FIRST_FILING).token
    zh, m = load("zh"), messages("zh")
    for args, locale in ((("--lang", "zh", "--answers", token), ""), (("--answers", token), "zh_CN.UTF-8")):
        proc = run(*args, locale=locale)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith(zh.outcomes["new_filing"].title + "\n")
        # Chinese wraps at the terminal's width between any two characters: compare without the breaks.
        assert m("result.next_step", text=zh.outcomes["new_filing"].next_step) in proc.stdout.replace("\n", "")
        assert m("result.steps") in proc.stdout and "广东" in proc.stdout
        assert "New filing" not in proc.stdout and "Steps" not in proc.stdout
    markdown = run("--lang", "zh", "--answers", token, "--format", "markdown").stdout
    assert markdown.startswith(f"## {zh.outcomes['new_filing'].title}\n") and "- [ ] " in markdown
    data = json.loads(run("--lang", "zh", "--answers", token, "--format", "json").stdout)
    assert data["outcome"]["title"] == "首次备案" and data["token"] == token  # the same code in both languages


def test_an_unknown_language_is_refused_in_one_line() -> None:
    proc = run("--lang", "fr", "check")
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "--lang" in proc.stderr and "'fr'" in proc.stderr


def test_check_in_chinese_and_the_walk_asks_in_chinese(content: Content) -> None:
    from decision_tree import load

    proc = run("--lang", "zh", "check")
    assert proc.returncode == 0 and proc.stdout.startswith("正常：")
    zh = load("zh")
    proc = run("--lang", "zh", stdin="q\n")
    assert zh.questions[zh.start].text in proc.stdout
