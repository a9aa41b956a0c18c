"""Which rules a result shows and which it folds (decision_tree/scope.py), and how every format keeps
the folded ones: never dropped, each led by why it is there."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision_tree import Content, render, web
from decision_tree.errors import ContentError
from decision_tree.loader import parse, read_documents
from decision_tree.model import AppliesTo, Confidence, Fold, OutcomeWarning, Scope
from decision_tree.scope import ORDER, Reason, reason, split
from tests.scenarios import READY, Scenario


def warning(**scope: object) -> OutcomeWarning:
    return OutcomeWarning(
        text="A rule.", applies_to=AppliesTo.ALL, sources=("seed",), as_of="2025", confidence=Confidence.HIGH,
        scope=Scope(**scope),  # type: ignore[arg-type]
    )


# --- the rule, example by example -------------------------------------------------------------------


def test_an_unscoped_statement_applies_everywhere() -> None:
    assert reason(warning(), "new_filing", {}) is Reason.APPLIES


def test_a_statement_for_other_procedures_folds_as_such() -> None:
    w = warning(procedures=("new_website",))
    assert reason(w, "new_filing", {}) is Reason.OTHER_PROCEDURE
    assert reason(w, "new_website", {}) is Reason.APPLIES


def test_when_needs_every_question_answered_with_one_of_its_choices() -> None:
    w = warning(when=(("site_type", ("approved", "not_approved")), ("subject_filed", ("no",))))
    assert reason(w, "x", {"site_type": "approved", "subject_filed": "no"}) is Reason.APPLIES
    assert reason(w, "x", {"site_type": "none", "subject_filed": "no"}) is Reason.OTHER_ANSWERS
    assert reason(w, "x", {"site_type": "approved"}) is Reason.OTHER_ANSWERS  # not asked on this path


def test_a_situation_folds_unless_the_answers_reached_it() -> None:
    alone = warning(situation="the filer is under 18")
    assert reason(alone, "new_filing", {}) is Reason.SITUATION
    with_when = warning(situation="the site has several prefixes", when=(("filed_where", ("same",)),))
    assert reason(with_when, "x", {"filed_where": "same"}) is Reason.APPLIES
    assert reason(with_when, "x", {"filed_where": "other"}) is Reason.SITUATION


def test_fold_keeps_an_applying_statement_out_of_the_way() -> None:
    assert reason(warning(fold=Fold.DATED), "x", {}) is Reason.DATED
    assert reason(warning(fold=Fold.DETAIL), "x", {}) is Reason.DETAIL


# --- properties ----------------------------------------------------------------------------------------

IDS = st.sampled_from(["a", "b", "c"])
SCOPES = st.builds(
    Scope,
    procedures=st.lists(IDS, max_size=2).map(tuple),
    when=st.lists(st.tuples(IDS, st.lists(IDS, min_size=1, max_size=2).map(tuple)), max_size=2).map(tuple),
    situation=st.sampled_from(["", "a situation"]),
    fold=st.sampled_from(list(Fold)),
)


@given(st.lists(SCOPES, max_size=8), IDS, st.dictionaries(IDS, IDS))
def test_split_loses_nothing_and_orders_the_folded_by_reason(scopes: list[Scope], outcome: str, answers: dict[str, str]) -> None:
    statements = [warning(**{f: getattr(s, f) for f in ("procedures", "when", "situation", "fold")}) for s in scopes]
    shown, folded = split(statements, outcome, answers)
    assert len(shown) + len(folded) == len(statements)
    assert all(reason(s, outcome, answers) is Reason.APPLIES for s in shown)
    assert [ORDER.index(f.reason) for f in folded] == sorted(ORDER.index(f.reason) for f in folded)
    assert all(f.reason is not Reason.APPLIES for f in folded)


# --- the content ----------------------------------------------------------------------------------------


def test_a_scope_naming_an_unknown_outcome_question_or_choice_is_refused() -> None:
    documents = read_documents()
    caveat = documents["regions.toml"]["provinces"]["beijing"]["caveats"][0]
    caveat.update(procedures=["no_such_outcome"], when=["site_type=no_such_choice", "nope=x"], fold="later")
    with pytest.raises(ContentError) as raised:
        parse(documents)
    text = str(raised.value)
    assert "'procedures' names 'no_such_outcome', not an outcome" in text
    assert "'when' names 'site_type=no_such_choice', not a choice of that question" in text
    assert "'when' names 'nope', not a question" in text
    assert "'fold' is 'later'" in text


def test_conflict_and_differs_exclude_each_other() -> None:
    documents = read_documents()
    documents["regions.toml"]["provinces"]["beijing"]["caveats"][0].update(conflict=True, differs=True)
    with pytest.raises(ContentError, match="exclude each other"):
        parse(documents)


# --- what a reader sees ----------------------------------------------------------------------------------

GUANGDONG = Scenario("first filing, individual in Guangdong", {**READY, "province": "guangdong"}, "new_filing")
APP = GUANGDONG.but("an app in Guangdong", "new_filing", what_online="app")


def test_a_guangdong_first_filing_folds_the_rules_it_did_not_ask_about(content: Content) -> None:
    result = GUANGDONG.state(content).result()
    folded = {f.statement.scope.situation: f.reason for f in result.other}
    assert folded["the filer is under 18"] is Reason.SITUATION
    shown = " ".join(c.text for c in result.regional)
    assert "commitment letter" in shown  # every filing's rule shows
    assert all(not c.scope.situation for c in result.regional)


def test_the_text_result_counts_the_folded_rules_and_all_prints_them(content: Content) -> None:
    result = GUANGDONG.state(content).result()
    short = render.result_text(content, result)
    full = render.result_text(content, result, folded=True)
    assert f"Other rules for Guangdong (广东) ({len(result.other)})" in short
    assert "If the filer is under 18:" not in short and "If the filer is under 18:" in full
    for folded in result.other:
        assert folded.statement.text[:40] in full


def test_markdown_and_json_keep_every_folded_rule(content: Content) -> None:
    result = GUANGDONG.state(content).result()
    markdown = render.result_markdown(content, result)
    data = json.loads(render.result_json(content, result))
    assert len(data["other"]) == len(result.other)
    assert {o["reason"] for o in data["other"]} <= {r.value for r in Reason}
    for folded in result.other:
        assert folded.statement.text[:40] in markdown


def test_an_app_result_names_both_filings_first_and_jumps_to_the_apps(content: Content) -> None:
    state = APP.state(content)
    text = render.result_text(content, state.result())
    head = text.split("What to do now")[0]
    assert "You need to file:" in head and "1. New filing (首次备案) for the domain" in head
    assert "2. App filing (APP备案) for the app itself" in head
    html = web.view(state.token)["html"]
    assert 'href="#icp-filing-app_filing"' in html and 'id="icp-filing-app_filing"' in html
    # The app's own filing comes before the rules and what follows approval.
    assert html.index('id="icp-filing-app_filing"') < html.index("icp-then--after")


def test_a_single_filing_is_named_by_the_title_alone(content: Content) -> None:
    text = render.result_text(content, GUANGDONG.state(content).result())
    assert "You need to file:" not in text


def test_the_page_folds_the_other_rules_in_one_closed_section(content: Content) -> None:
    state = GUANGDONG.state(content)
    html = web.view(state.token)["html"]
    sections = re.findall(r'<details class="icp-other">', html)
    assert len(sections) == 1
    other = html.split('<details class="icp-other">')[1].split("</details>\n")[0]
    assert "If the filer is under 18:" in other


def test_every_scoped_statement_applies_on_some_path(content: Content) -> None:
    """A scope no answers can meet would fold its rule everywhere: a rule no reader is shown."""
    from decision_tree.pages.prerender import states

    statements = [
        *(c for p in content.provinces.values() for c in p.caveats),
        *(w for o in content.outcomes.values() for w in o.warnings),
    ]
    # Statements with a situation (and no answers that reach it) or a fold are folded by design.
    scoped = {
        id(s): s for s in statements
        if (s.scope.procedures or s.scope.when) and not (s.scope.situation and not s.scope.when) and not s.scope.fold
    }
    seen: set[int] = set()
    for state in states(content):
        if state.is_complete:
            result = state.result()
            seen |= {id(s) for s in (*result.warnings, *result.regional, *(w for ws in result.also_warnings for w in ws))}
    assert [s.text[:60] for key, s in scoped.items() if key not in seen] == []
