from __future__ import annotations

import pytest

from decision_tree import Content, State, load


@pytest.fixture(scope="session")
def content() -> Content:
    return load()


def resolve(content: Content, **answers: str) -> State:
    """Answer each question the walk reaches by its id, as a person reading the seed would.

    Fails if the walk reaches a question the scenario did not answer, so a scenario cannot
    silently end somewhere else when the tree changes.
    """
    state = State.start(content)
    while not state.is_complete:
        question = state.question
        assert question is not None
        if question.id not in answers:
            raise AssertionError(f"scenario does not answer question '{question.id}' ({question.text})")
        state = state.answer(answers[question.id])
    return state
