"""The engine: a state replayed from answers, back, change and the result. Codes: test_answer_codes.py."""

from __future__ import annotations

import pytest

from decision_tree import AnswerError, Content, State, Subject, from_token
from decision_tree.model import Outcome, QuestionKind

from .conftest import resolve
from .scenarios import FIRST_FILING as SCENARIO

FIRST_FILING = SCENARIO.answers


def test_start_is_the_first_question(content: Content) -> None:
    state = State.start(content)
    assert state.current.id == content.start
    assert state.answered == ()
    assert not state.is_complete


def test_answer_returns_a_new_state_and_leaves_the_old_one(content: Content) -> None:
    start = State.start(content)
    after = start.answer("online")
    assert start.answers == ()
    assert after.answers == ("online",)
    assert after.current.id == "what_online"


def test_unknown_choice_is_refused_with_the_choices_named(content: Content) -> None:
    with pytest.raises(AnswerError, match=r"'nope' is not a choice of question 'goal' \(choices: online, change"):
        State.start(content).answer("nope")


def test_no_answer_after_an_outcome(content: Content) -> None:
    state = resolve(content, **FIRST_FILING)
    with pytest.raises(AnswerError, match="has ended at 'new_filing'"):
        state.answer("yes")


def test_back_goes_one_question_back_and_stops_at_the_start(content: Content) -> None:
    state = State.start(content).answer("online").answer("website")
    assert state.back().current.id == "what_online"
    assert state.back().back().back().current.id == content.start


def test_change_drops_the_answer_and_every_later_one(content: Content) -> None:
    state = resolve(content, **FIRST_FILING)
    changed = state.change("domain_checks")
    assert changed.current.id == "domain_checks"
    assert changed.answers == state.answers[: len(changed.answers)]
    assert changed.subject is Subject.INDIVIDUAL
    with pytest.raises(AnswerError, match="'same_province' has not been answered"):
        state.change("same_province")


def test_changing_an_answer_keeps_the_later_answers_that_still_fit(content: Content) -> None:
    state = resolve(content, **FIRST_FILING)
    before = state.change("province")
    kept = before.answer_keeping("zhejiang", state.by_question)
    assert kept.current.id == "new_filing" and kept.province is not None and kept.province.id == "zhejiang"
    assert [a.question.id for a in kept.answered] == [a.question.id for a in state.answered]
    # An answer that no longer fits stops the replay at the question it answered.
    changed = state.change("domain_status").answer_keeping("filed_ours", state.by_question)
    assert changed.current.id == "filed_where"


def test_result_needs_an_outcome(content: Content) -> None:
    with pytest.raises(AnswerError, match="no result yet"):
        State.start(content).result()


def test_result_carries_why_materials_and_regional_caveats(content: Content) -> None:
    result = resolve(content, **FIRST_FILING).result()
    assert result.outcome.id == "new_filing"
    assert [a.question.id for a in result.answered][:3] == ["goal", "what_online", "delivery"]
    assert result.province is not None and result.province.id == "shanghai"
    assert result.materials and all(m.applies_to.value in ("individual", "all") for m in result.materials)
    assert result.regional, "Shanghai has caveats on the first-filing topics"
    assert all(c.applies_to.value in ("individual", "all") for c in result.regional)
    assert all(c.topic in result.outcome.caveat_topics for c in result.regional)
    assert result.links and result.token == resolve(content, **FIRST_FILING).token


def test_enterprise_sees_enterprise_materials_only(content: Content) -> None:
    result = resolve(content, **{**FIRST_FILING, "subject_type": "enterprise"}).result()
    texts = " ".join(m.text for m in result.materials)
    assert "Business licence" in texts and "ID card of the individual" not in texts
    assert all(c.applies_to.value in ("enterprise", "all") for c in result.regional)


def test_regional_caveats_follow_the_outcome_topic_order(content: Content) -> None:
    result = resolve(content, **FIRST_FILING).result()
    order = [result.outcome.caveat_topics.index(c.topic) for c in result.regional]
    assert order == sorted(order)


def test_token_round_trip(content: Content) -> None:
    state = resolve(content, **FIRST_FILING)
    again = from_token(content, state.token)
    assert again.answers == state.answers
    partial = State.start(content).answer("online")
    assert from_token(content, partial.token).answers == ("online",)
    assert from_token(content, State.start(content).token).answers == ()


def test_token_is_short_and_url_safe(content: Content) -> None:
    token = resolve(content, **FIRST_FILING).token
    assert len(token) <= 6 + len(FIRST_FILING)  # version, separator, an answer each, the check character
    assert all(ch.isalnum() or ch == "-" for ch in token)


def test_every_outcome_has_a_result_for_both_subjects(content: Content) -> None:
    """Walk every path with each subject and a province with many caveats; every result builds."""
    from decision_tree.paths import ANY, all_paths

    for subject in ("individual", "enterprise"):
        for path in all_paths(content):
            state = State.start(content)
            for step in path.steps:
                question = state.question
                assert question is not None and question.id == step.question_id
                if step.choice_id == ANY:
                    state = state.answer(subject if question.kind is QuestionKind.SUBJECT else "guangdong")
                else:
                    state = state.answer(step.choice_id)
            assert isinstance(state.current, Outcome) and state.current.id == path.outcome_id
            assert state.result().outcome.id == path.outcome_id


def test_markup_escape_matches_the_standard_library() -> None:
    import html

    from hypothesis import given
    from hypothesis import strategies as st

    from decision_tree.markup import escape

    @given(st.text())
    def check(text: str) -> None:
        assert escape(text) == html.escape(text, quote=True)

    check()
