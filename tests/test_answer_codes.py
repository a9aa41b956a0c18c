"""Answer codes: the codec, one error type per failure, and codes that survive every change to the tree.

``tests/fixtures/answer_codes.json`` holds codes made by every recorded version of the tree (see
scripts/record_routing.py) with the answers each stood for. They must open forever: the current
version's to exactly the state they were made from, older ones by what their answers meant.
Routing changes are tried here on copies of the real content (a question added, two swapped, one
renamed, a choice retired) to show how an old code is replayed.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision_tree import (
    Content,
    ContentError,
    InvalidTokenError,
    MalformedTokenError,
    State,
    TokenError,
    UnknownVersionError,
    answer_token,
    load,
    read,
    routing,
)
from decision_tree.loader import parse, read_documents

from .conftest import add_question, changed, choice, old_code, resolve, swap_questions
from .scenarios import FIRST_FILING as SCENARIO

FIXTURE = Path(__file__).with_name("fixtures") / "answer_codes.json"
CODES: dict[str, dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
ALL_CODES = [(version, code, meaning) for version, entry in CODES.items() for code, meaning in entry["codes"].items()]
FIRST_FILING = SCENARIO.answers


def pairs(words: str) -> list[tuple[str, str]]:
    return [tuple(w.split("=", 1)) for w in words.split()]  # type: ignore[misc]


# --- the codec --------------------------------------------------------------------------------


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz234567", min_size=4, max_size=4),
       st.lists(st.integers(min_value=0, max_value=answer_token.MAX_CHOICES - 1), max_size=40))
def test_codec_round_trips(version: str, indexes: list[int]) -> None:
    assert answer_token.decode(answer_token.encode(version, indexes)) == (version, indexes)


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("", "'' is not an answer code from this guide"),
        ("hello", "'hello' is not an answer code"),
        ("ab!d-00", "is not an answer code"),
        ("<script>", "is not an answer code"),
        ("xumh-0_", "unexpected character '_' at answer 2"),
        ("xumh-" + "0" * 500, "far too long"),
    ],
)
def test_a_code_of_the_wrong_shape_is_malformed(token: str, message: str) -> None:
    with pytest.raises(MalformedTokenError, match=message):
        answer_token.decode(token)


def test_each_failure_has_its_own_type(content: Content) -> None:
    version = routing.current(content).version
    with pytest.raises(MalformedTokenError):
        read(content, "not a code")
    with pytest.raises(UnknownVersionError) as unknown:
        read(content, "zzzz-99")
    # Never valid, so it must not say it was made for an earlier version.
    assert "earlier version" not in str(unknown.value) and "not an answer code from this guide" in str(unknown.value)
    with pytest.raises(InvalidTokenError, match="does not match any choice of the question 'What do you need to do"):
        read(content, f"{version}-Z")
    full = resolve(content, **FIRST_FILING).token
    with pytest.raises(InvalidTokenError, match="has 11 answers but the walk ends after 10"):
        read(content, full + "0")
    for cls in (MalformedTokenError, UnknownVersionError, InvalidTokenError):
        assert issubclass(cls, TokenError)


def test_codes_are_short_and_url_safe() -> None:
    longest = max((code for _, code, _ in ALL_CODES), key=len)
    assert len(longest) <= 20, longest
    assert all(ch.isalnum() or ch == "-" for _, code, _ in ALL_CODES for ch in code)


# --- every code ever issued opens ----------------------------------------------------------------


def test_the_fixture_holds_every_path_of_each_recorded_version() -> None:
    content = load()
    assert set(CODES) == set(content.routings), "run `make routing` and commit routings.json with the fixture"
    current = CODES[routing.current(content).version]["codes"]
    from decision_tree.paths import all_paths

    assert {m["reaches"] for m in current.values()} >= {p.outcome_id for p in all_paths(content)}


def _opens_as_issued(content: Content, version: str, code: str, meaning: dict[str, str]) -> str:
    """What is wrong with opening ``code`` today ("" when nothing is)."""
    resumed = read(content, code)
    if version == routing.current(content).version:
        if resumed.outdated or resumed.changed:
            return "a code of the current version is read as an earlier version's"
        answered = [(a.question.id, a.choice.id) for a in resumed.state.answered]
        if answered != pairs(meaning["answers"]) or resumed.state.current.id != meaning["reaches"]:
            return f"opens at {resumed.state.current.id} with {answered}, not at {meaning['reaches']}"
        return ""
    if not resumed.outdated:
        return "a code of an earlier version is read as the current version's"
    # Every answer of the old code is replayed, implied by one that is (subsumed), kept for a
    # question still to come, or reported as dropped: nothing vanishes silently.
    kept = {(a.question.id, a.choice.id) for a in resumed.state.answered}
    lost = [
        answer for answer in pairs(meaning["answers"])
        if not (
            kept.intersection(routing.translate(content, answer))
            or routing.subsumed(content, answer, kept)
            or any(resumed.known.get(q) == c for q, c in routing.translate(content, answer))
            or answer in resumed.dropped
        )
    ]
    return f"answers vanished silently: {lost}" if lost else ""


@pytest.mark.parametrize("version", sorted(CODES))
def test_every_recorded_code_of_a_version_opens(version: str) -> None:
    """One test per recorded version, opening each of its codes (a routing change adds codes, not tests)."""
    content = load()
    problems = [f"{code}: {wrong}" for code, meaning in CODES[version]["codes"].items()
                if (wrong := _opens_as_issued(content, version, code, meaning))]
    assert problems == [], f"{len(problems)} of {len(CODES[version]['codes'])} codes:\n" + "\n".join(problems[:20])


def test_the_current_routing_is_recorded() -> None:
    content = load()
    now = routing.current(content)
    assert now.version in content.routings, (
        f"the routing changed (now {now.version}): run `make routing` so that codes made with it keep working"
    )
    assert content.routings[now.version].questions == now.questions


def test_no_answer_of_a_recorded_routing_is_stranded() -> None:
    assert routing.stranded(load()) == []


def test_a_recorded_routing_cannot_be_edited() -> None:
    docs = read_documents()
    damaged = copy.deepcopy(docs)
    entry = next(iter(damaged[routing.HISTORY_FILE].values()))
    entry["questions"]["goal"]["choices"][0][1] = "somewhere_else"
    with pytest.raises(ContentError, match="has been edited"):
        parse(damaged)


# --- old codes on a changed tree --------------------------------------------------------------------


def test_a_new_question_is_where_an_old_code_picks_up() -> None:
    content = changed(add_question)
    resumed = read(content, old_code(**FIRST_FILING))
    assert resumed.outdated and resumed.changed
    assert resumed.state.current.id == "real_name"
    assert [a.question.id for a in resumed.state.answered][-1] == "domain_checks"
    assert resumed.known["site_type"] == "none"  # the answers after it are kept for when the reader goes on
    assert resumed.state.answer_keeping("yes", resumed.known).current.id == "new_filing"


def test_questions_asked_in_another_order_replay_by_meaning() -> None:
    content = changed(swap_questions)
    resumed = read(content, old_code(**FIRST_FILING))
    assert resumed.outdated and not resumed.changed  # nothing for the reader to hear about
    assert resumed.state.current.id == "new_filing"
    order = [a.question.id for a in resumed.state.answered]
    assert order.index("province") < order.index("subject_type")
    assert resumed.state.token != old_code(**FIRST_FILING)  # today's code for the same answers


def test_a_renamed_question_and_choice_keep_their_answers() -> None:
    def rename(tree: dict[str, Any]) -> None:
        questions = tree["questions"]
        questions["domain_ready"] = {**questions.pop("domain_checks"), "formerly": ["domain_checks"]}
        choice(tree, "domain_status", "not_filed")["next"] = "domain_ready"
        passes = choice(tree, "domain_ready", "all_pass")
        passes["id"], passes["formerly"] = "ready", [*passes["formerly"], "all_pass"]

    content = changed(rename)
    resumed = read(content, old_code(**FIRST_FILING))
    assert not resumed.changed and resumed.state.current.id == "new_filing"
    assert ("domain_ready", "ready") in {(a.question.id, a.choice.id) for a in resumed.state.answered}
    assert routing.stranded(content) == []


def test_a_retired_answer_is_asked_again_and_an_unmapped_one_is_stranded() -> None:
    def split(tree: dict[str, Any]) -> None:
        question = tree["questions"]["site_type"]
        question["choices"] = [c for c in question["choices"] if c["id"] != "none"] + [
            {"id": "no_approval_needed", "label": "No", "next": "which_filing"},
        ]

    unmapped = changed(split)
    assert any("'site_type=none'" in p for p in routing.stranded(unmapped))

    def retire(tree: dict[str, Any]) -> None:
        split(tree)
        tree["retired"].append({"question": "site_type", "choice": "none", "reason": "split into finer answers"})

    content = changed(retire)
    assert routing.stranded(content) == []
    resumed = read(content, old_code(**FIRST_FILING))
    assert resumed.changed and resumed.state.current.id == "site_type"
    assert ("site_type", "none") in resumed.dropped


def test_an_old_partial_code_lands_where_it_stopped_without_a_notice() -> None:
    content = changed(add_question)
    partial = State.start(load()).answer("online").answer("website").answer("mainland_servers").token
    resumed = read(content, partial)
    assert resumed.outdated and not resumed.changed and resumed.state.current.id == "subject_filed"


def test_an_old_code_that_does_not_fit_its_own_routing_is_invalid() -> None:
    content = changed(swap_questions)
    old_version = routing.current(load()).version
    assert old_version != routing.current(content).version
    with pytest.raises(InvalidTokenError):
        read(content, f"{old_version}-9")
