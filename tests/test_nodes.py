"""Node by node, as in Smart Answers' flow tests: each choice of each question leads where the content says."""

from __future__ import annotations

import pytest

from decision_tree import Content, State, load
from decision_tree.model import QuestionKind
from decision_tree.paths import ANY, all_paths

CONTENT = load()


def reach(content: Content, question_id: str) -> State:
    """A state whose current question is ``question_id``, by the first path through it."""
    for path in all_paths(content):
        state = State.start(content)
        for step in path.steps:
            if step.question_id == question_id:
                return state
            question = state.question
            assert question is not None
            state = state.answer(question.choices[0].id if step.choice_id == ANY else step.choice_id)
    raise AssertionError(f"no path reaches question '{question_id}'")


CASES = [(q.id, c.id, c.next) for q in CONTENT.questions.values() for c in q.choices]


@pytest.mark.parametrize(("question_id", "choice_id", "expected"), CASES, ids=[f"{q}={c}" for q, c, _ in CASES])
def test_choice_leads_to_its_node(question_id: str, choice_id: str, expected: str) -> None:
    state = reach(CONTENT, question_id)
    assert state.current.id == question_id
    assert state.answer(choice_id).current.id == expected


def test_subject_and_province_answers_set_the_result() -> None:
    for q in CONTENT.questions.values():
        if q.kind is QuestionKind.PROVINCE:
            state = reach(CONTENT, q.id).answer("shaanxi")
            assert state.province is not None and state.province.name_zh == "陕西"
        if q.kind is QuestionKind.SUBJECT:
            state = reach(CONTENT, q.id).answer("enterprise")
            assert state.subject is not None and state.subject.value == "enterprise"
