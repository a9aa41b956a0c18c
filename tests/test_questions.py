"""Questions people can answer: question 8's checks as a list, the app and mini-program paths asked
in their own words (a question's wordings after an earlier answer), and the way back to the
question from a "find out first" result, with the answers kept."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from decision_tree import Content, ContentError, State, cli, render, urls, widget
from decision_tree.loader import load, parse
from decision_tree.messages import messages
from decision_tree.model import ASK_AGAIN_KINDS, Outcome, Question, asks_again
from decision_tree.pages.walkthrough import render_walkthrough
from decision_tree.paths import all_paths, states_along
from decision_tree.resume import read

from .conftest import resolve
from .scenarios import ONLINE, READY
from .test_validation import minimal, problems_of

HERE = "tree/"
# The answers that put an app or a mini-program online, up to the questions that follow for its domain.
APP = {**ONLINE, "what_online": "app"}
MINI_PROGRAM = {**ONLINE, "what_online": "mini_program", "mini_program_api": "yes"}
WEBSITE_WORDS = {"en": re.compile(r"\bweb ?sites?\b", re.IGNORECASE), "zh": re.compile("网站")}


def find_out_outcomes(content: Content) -> list[Outcome]:
    return [o for o in content.outcomes.values() if asks_again(o)]


# --- question 8: five checks, one line each -----------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_domain_question_lists_its_five_checks(lang: str) -> None:
    question = load(lang).questions["domain_checks"]
    assert len(question.checks) == 5
    # One short line each, and none of them left in the help as a numbered paragraph.
    assert all(len(check) < 120 for check in question.checks)
    assert not re.search(r"\b[1-5]\. ", question.help)
    assert len(question.checks) == len(question.implements) == len(load(lang).questions["domain_problem"].choices)


def test_the_checks_are_a_list_in_the_widget_and_the_walkthrough(content: Content) -> None:
    state = resolve_until(content, "domain_checks", **READY)
    html = widget.render_state(state, HERE, messages())
    items = re.findall(r"<li>(.*?)</li>", html.split('<ul class="icp-checks">', 1)[1].split("</ul>", 1)[0])
    assert len(items) == 5 and items[1] == "Registrar: in mainland China"
    # The domain check answers the first of them: it sits above the choices, not below.
    assert html.index("icp-checks") < html.index("data-icp-domain-check") < html.index("icp-choices")
    walkthrough = render_walkthrough(content, HERE, messages())
    section = walkthrough.split('data-node="domain_checks"', 1)[1].split("</section>", 1)[0]
    assert section.count("<li>") >= 5 and '<ul class="icp-checks">' in section


def test_the_command_line_prints_the_checks_as_a_list(content: Content) -> None:
    state = resolve_until(content, "domain_checks", **READY)
    out = io.StringIO()
    code = cli.walk(content, state, io.StringIO(""), out, width=200)
    assert code == cli.EXIT_STOPPED
    lines = out.getvalue().splitlines()
    listed = [line.strip()[2:] for line in lines if line.startswith("    - ")]
    assert listed == list(content.questions["domain_checks"].checks)


def test_checks_are_texts_with_their_chinese() -> None:
    docs = minimal()
    docs["tree.toml"]["questions"]["hosting"]["checks"] = ["One.", "Two."]
    assert parse(docs).questions["hosting"].checks == ("One.", "Two.")
    problems = problems_of_lang(docs, "zh")
    assert any("questions.hosting.checks: no Chinese text ('checks_zh'" in p for p in problems), problems


# --- wordings: the app and mini-program paths ---------------------------------------------------


def resolve_until(content: Content, question_id: str, **answers: str) -> State:
    """The state at ``question_id``, answering the questions before it from ``answers``."""
    state = State.start(content)
    while state.question is not None and state.question.id != question_id:
        state = state.answer(answers[state.question.id])
    assert state.question is not None, f"the walk ended before '{question_id}'"
    return state


@pytest.mark.parametrize(
    ("answers", "subject_words", "pre_approval_words"),
    [
        (APP, "In whose name will the app and its domain be filed?", "Does the app provide a service"),
        (MINI_PROGRAM, "In whose name will the mini-program and its domain be filed?", "Does the mini-program provide"),
        (ONLINE, "In whose name will the website be filed?", "Does the website provide a service"),
    ],
)
def test_a_question_is_asked_in_the_words_of_the_path(
    content: Content, answers: dict[str, str], subject_words: str, pre_approval_words: str
) -> None:
    answers = {**READY, **answers}
    subject = resolve_until(content, "subject_type", **answers).question
    assert subject is not None and subject.text == subject_words
    state = resolve_until(content, "site_type", **answers)
    assert state.question is not None and state.question.text.startswith(pre_approval_words)
    # The choices and where they lead are the question's own, whatever its words.
    own = content.questions["site_type"]
    assert state.question.choices == own.choices and state.question.id == own.id
    # The answers of a result name the question as it was asked.
    result = state.answer("not_sure").result()
    assert result.answered[-1].question.text == state.question.text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_question_on_an_app_or_mini_program_path_speaks_of_a_website(lang: str) -> None:
    content = load(lang)
    checked = 0
    for path in all_paths(content):
        answers = {s.question_id: s.choice_id for s in path.steps}
        if answers.get("what_online") not in ("app", "mini_program"):
            continue
        for state in states_along(content, path, "individual", "beijing"):
            if state.question is not None:
                checked += 1
                assert not WEBSITE_WORDS[lang].search(state.question.text), (path.outcome_id, state.question.text)
        # `paths` (tests/paths.md) shows the words the reader saw.
        texts = {s.question_id: s.question for s in path.steps}
        assert not WEBSITE_WORDS[lang].search(texts.get("subject_type", "")), texts
    assert checked > 100


def test_asked_picks_the_first_wording_whose_answer_was_given(content: Content) -> None:
    question = content.questions["subject_type"]
    assert question.asked({}) is question
    assert question.asked({"what_online": "website"}) is question
    app = question.asked({"what_online": "app", "goal": "online"})
    assert app.wording == "what_online=app" and "app" in app.text and app.help == question.help
    assert [q.wording for q in question.phrasings] == ["", "what_online=app", "what_online=mini_program"]
    assert widget.view_key(app) == "subject_type|what_online=app"


def wording_problems(after: str, on: str = "who", **extra: Any) -> list[str]:
    docs = minimal()
    docs["tree.toml"]["questions"][on]["wordings"] = [{"after": after, "text": "Other words?", **extra}]
    return problems_of(docs)


def test_a_wording_is_read_and_shown_after_its_answer() -> None:
    docs = minimal()
    docs["tree.toml"]["questions"]["who"]["wordings"] = [{"after": "hosting=cn", "text": "Who, in the mainland?"}]
    content = parse(docs)
    state = State.start(content).answer("cn")
    assert state.question is not None and state.question.text == "Who, in the mainland?"


@pytest.mark.parametrize(
    ("after", "on", "expected"),
    [
        ("nope=cn", "who", "tree.toml: question 'who', wording 1 (after 'nope=cn'): unknown question 'nope'"),
        ("hosting=mars", "who", "'mars' is not a choice of 'hosting' (choices: cn, hk)"),
        ("hosting=hk", "who", "wording 1 (after 'hosting=hk'): no walk asks 'who' after that answer"),
        ("who=individual", "where", "'who' is a subject question; it must be a choice question"),
        ("hosting", "who", "'after' is 'question_id=choice_id', got 'hosting'"),
    ],
)
def test_a_wording_names_what_is_wrong_with_it(after: str, on: str, expected: str) -> None:
    problems = wording_problems(after, on)
    assert any(expected in p for p in problems), problems


def test_a_wording_has_no_unknown_keys_and_no_twin() -> None:
    problems = wording_problems("hosting=cn", colour="red")
    assert any("wording 1" in p and "colour" in p for p in problems), problems
    docs = minimal()
    twice = {"after": "hosting=cn", "text": "Again?"}
    docs["tree.toml"]["questions"]["who"]["wordings"] = [twice, twice]
    assert any("a second wording after the same answer" in p for p in problems_of(docs))


def problems_of_lang(docs: dict[str, Any], lang: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse(docs, lang)
    return list(info.value.problems)


def test_a_wording_needs_its_chinese() -> None:
    docs = minimal()
    docs["tree.toml"]["questions"]["who"]["wordings"] = [{"after": "hosting=cn", "text": "Who, in the mainland?"}]
    problems = problems_of_lang(docs, "zh")
    assert any("questions.who.wordings[1].text: no Chinese text" in p for p in problems), problems


# --- "find out first": back to this question, answers kept --------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_find_out_results_end_with_back_to_this_question(lang: str) -> None:
    content = load(lang)
    found = find_out_outcomes(content)
    assert {o.id for o in found} == {"check_delivery", "check_filing_status", "check_domain", "check_pre_approval"}
    assert {o.kind for o in found} == set(ASK_AGAIN_KINDS)
    for outcome in found:
        last = outcome.steps[-1]
        assert ("back to this question" in last) if lang == "en" else ("回到这个问题" in last), (outcome.id, last)
        assert "again" not in last.lower().replace("back to", "") and "重新开始" not in last


def not_sure_states(content: Content) -> list[State]:
    """One state at each "find out first" result, reached from each question that leads there."""
    out: dict[tuple[str, str], State] = {}
    for path in all_paths(content):
        if asks_again(content.outcomes[path.outcome_id]):
            state = states_along(content, path, "enterprise", "shanghai")[-1]
            out.setdefault((path.outcome_id, state.answered[-1].question.id), state)
    return list(out.values())


def test_the_way_back_resumes_at_the_question_with_every_answer_kept(content: Content) -> None:
    states = not_sure_states(content)
    assert len(states) >= 5  # check_filing_status is reached from two questions
    for state in states:
        back = state.back()
        text = render.result_text(content, state.result())
        line = next(line for line in text.splitlines() if line.startswith("Back to the question"))
        assert f"“{state.answered[-1].question.text}”" in line
        code = line.rsplit(" ", 1)[1]
        assert line.endswith(f"{cli.PROG} walk --answers {code}")
        resumed = read(content, code).state
        assert resumed.answers == back.answers and isinstance(resumed.current, Question)
        assert resumed.current.id == state.answered[-1].question.id
        markdown = render.result_markdown(content, state.result(), docs_base="https://example.org/")
        assert f"](https://example.org/tree/?a={code})" in markdown
        assert f"`{cli.PROG} walk --answers {code}`" in render.result_markdown(content, state.result())


def test_other_results_have_no_way_back_line(content: Content) -> None:
    state = resolve(content, **READY)
    assert "Back to the question" not in render.result_text(content, state.result())
    assert "icp-back-to-question" not in widget.render_state(state, HERE, messages())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_widget_leads_back_to_the_question_as_back_does(lang: str) -> None:
    content, m = load(lang), messages(lang)
    for state in not_sure_states(content):
        html = widget.render_state(state, HERE, m)
        back = re.findall(r'<a class="icp-back" href="([^"]*)" data-token="([^"]*)"', html)
        again = re.findall(r'<a class="icp-back-to-question md-button" href="([^"]*)" data-token="([^"]*)">([^<]*)</a>', html)
        assert len(back) == 1 and len(again) == 1
        assert again[0][:2] == back[0] == (f"?a={state.back().token}", state.back().token)
        assert again[0][2] == m("tree.back_to_question")


def test_the_command_line_resumes_where_the_result_leads_back(content: Content, capsys: Any, monkeypatch: Any) -> None:
    state = resolve(content, **{**READY, "domain_checks": "not_sure"})
    assert cli.main(["--answers", state.token]) == cli.EXIT_OK
    shown = capsys.readouterr().out
    code = re.search(r"walk --answers (\S+)", shown.replace("\n", " "))
    assert code is not None and code.group(1) == state.back().token
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["walk", "--answers", code.group(1)]) == cli.EXIT_STOPPED
    asked = capsys.readouterr().out
    assert "Question 9: Does the domain pass all five checks" in asked
    assert "Registrar: in mainland China" in asked


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_walkthrough_shows_each_wording_after_its_answer(lang: str) -> None:
    content = load(lang)
    html = render_walkthrough(content, HERE, messages(lang))
    for question in content.questions.values():
        section = html.split(f'data-node="{question.id}"', 1)[1].split("</section>", 1)[0]
        shown = re.findall(r'<p class="icp-wording" data-after="([^"]+)">(.*?)</p>', section)
        assert [key for key, _ in shown] == [w.key for w in question.wordings]
        for (_, line), w in zip(shown, question.wordings, strict=True):
            assert question.asked({w.question: w.choice}).text in line
            assert f'href="#{urls.question_anchor(w.question)}"' in line
