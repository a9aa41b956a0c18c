"""Property tests: random walks and random tokens never raise anything but the typed errors."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from decision_tree import (
    AnswerError,
    InvalidTokenError,
    MistypedTokenError,
    State,
    TokenError,
    answer_token,
    from_token,
    load,
    routing,
)

CONTENT = load()
CHOICE_IDS = sorted({c.id for q in CONTENT.questions.values() for c in q.choices})


@given(st.lists(st.sampled_from(CHOICE_IDS), max_size=25))
def test_random_answer_sequences_raise_only_answer_error(answers: list[str]) -> None:
    state = State.start(CONTENT)
    for choice_id in answers:
        try:
            state = state.answer(choice_id)
        except AnswerError:
            continue
    assert from_token(CONTENT, state.token).answers == state.answers
    if state.is_complete:
        assert state.result().outcome.id == state.current.id


@given(st.lists(st.integers(min_value=0, max_value=40), max_size=20))
def test_random_walks_by_index_always_resolve(indexes: list[int]) -> None:
    state = State.start(CONTENT)
    for i in indexes:
        question = state.question
        if question is None:
            break
        state = state.answer(question.choices[i % len(question.choices)].id)
    assert from_token(CONTENT, state.token).current.id == state.current.id


@given(st.text(max_size=60))
def test_random_text_tokens_raise_only_token_error(token: str) -> None:
    try:
        from_token(CONTENT, token)
    except TokenError as exc:
        assert str(exc)


@settings(max_examples=300)
@given(st.text(alphabet=answer_token.ALPHABET, max_size=30))
def test_random_bodies_with_the_right_version_raise_only_token_error(body: str) -> None:
    token = routing.current(CONTENT).version + "-" + body
    try:
        state = from_token(CONTENT, token)
    except TokenError as exc:
        assert isinstance(exc, (InvalidTokenError, MistypedTokenError)) and str(exc)
    else:
        assert state.token == token


@settings(max_examples=300)
@given(st.lists(st.integers(min_value=0, max_value=answer_token.MAX_CHOICES - 1), max_size=30))
def test_random_answers_with_their_check_open_as_themselves_or_do_not_fit(indexes: list[int]) -> None:
    token = answer_token.encode(routing.current(CONTENT).version, indexes)
    try:
        state = from_token(CONTENT, token)
    except TokenError as exc:
        assert isinstance(exc, InvalidTokenError) and str(exc)
    else:
        assert state.token == token
