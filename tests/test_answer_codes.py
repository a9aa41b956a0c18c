"""Answer codes: the codec, its check character, one error type per failure, and codes that survive
every change to the tree.

``tests/fixtures/answer_codes.json`` holds codes made by every recorded version of the tree (see
scripts/record_routing.py) with the answers each stood for. They must open forever: the current
version's to exactly the state they were made from, older ones by what their answers meant.
Routing changes are tried here on copies of the real content (a question added, two swapped, one
renamed, a choice retired) to show how an old code is replayed.
"""

from __future__ import annotations

import copy
import importlib.util
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
    MistypedTokenError,
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

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).with_name("fixtures") / "answer_codes.json"
CODES: dict[str, dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
ALL_CODES = [(version, code, meaning) for version, entry in CODES.items() for code, meaning in entry["codes"].items()]
FIRST_FILING = SCENARIO.answers


def pairs(words: str) -> list[tuple[str, str]]:
    return [tuple(w.split("=", 1)) for w in words.split()]  # type: ignore[misc]


# --- the codec --------------------------------------------------------------------------------


VERSIONS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz234567", min_size=4, max_size=4)
INDEXES = st.lists(st.integers(min_value=0, max_value=answer_token.MAX_CHOICES - 1), max_size=40)


@given(VERSIONS, INDEXES)
def test_codec_round_trips_and_reads_capitals_as_the_same_code(version: str, indexes: list[int]) -> None:
    code = answer_token.encode(version, indexes)
    assert answer_token.decode(code) == (version, indexes)
    assert answer_token.decode(f" {code.upper()}\n") == (version, indexes)


@given(VERSIONS, INDEXES)
def test_a_code_issued_without_a_check_character_is_read_as_it_was(version: str, indexes: list[int]) -> None:
    old = version + "-" + answer_token.answer_characters(indexes)
    assert answer_token.decode(old, {version}) == (version, indexes)
    assert answer_token.decode(old.upper(), {version}) == (version, indexes)


# --- the check character: every single change and every swap of neighbours is caught -----------


def test_the_check_is_a_totally_anti_symmetric_quasigroup() -> None:
    """Exhaustively, over the 36 characters: each row and column a permutation (a changed character
    changes the fold from there on), and (s*a)*b = (s*b)*a only for a = b (a swap changes it too)."""
    table, size = answer_token.QUASIGROUP, answer_token.MAX_CHOICES
    assert all(sorted(row) == list(range(size)) for row in table)
    assert all(sorted(table[x][y] for x in range(size)) == list(range(size)) for y in range(size))
    clashes = [(s, a, b) for s in range(size) for a in range(size) for b in range(a + 1, size)
               if table[table[s][a]][b] == table[table[s][b]][a]]
    assert clashes == []


def typos(code: str) -> tuple[list[str], list[str]]:
    """Every code one typing mistake from ``code``: each character but the separator changed to each
    other character of the alphabet, and each two different neighbours swapped."""
    changed = [code[:i] + ch + code[i + 1:] for i, old in enumerate(code) if old != "-"
               for ch in answer_token.ALPHABET if ch != old]
    swapped = [code[:i] + code[i + 1] + code[i] + code[i + 2:] for i in range(len(code) - 1) if code[i] != code[i + 1]]
    return changed, swapped


def refused(code: str) -> bool:
    try:
        answer_token.decode(code, routing.UNCHECKED)
    except TokenError:
        return True
    return False


def test_every_typo_in_every_code_of_todays_tree_is_refused(content: Content) -> None:
    """Each code of today's tree (the fixture's), changed in one character or with two neighbours
    swapped, is refused before it is opened: never read as another walk's answers."""
    version = routing.current(content).version
    tried = {"changed": 0, "swapped": 0}
    opened = []
    for code in CODES[version]["codes"]:
        changed, swapped = typos(code)
        tried["changed"] += len(changed)
        tried["swapped"] += len(swapped)
        opened += [typo for typo in changed + swapped if not refused(typo)]
    assert opened == []
    assert tried["changed"] > 100_000 and tried["swapped"] > 3_000, tried


@given(VERSIONS, INDEXES, st.data())
def test_a_typo_in_any_code_is_caught_by_its_check(version: str, indexes: list[int], data: st.DataObject) -> None:
    code = answer_token.encode(version, indexes)
    changed, swapped = typos(code)
    typo = data.draw(st.sampled_from(changed + swapped))
    # A typo that keeps the code's shape fails its check; one that moves the '-' is no code at all.
    # Either way it is refused, never opened as another answer.
    with pytest.raises((MistypedTokenError, MalformedTokenError)) as refused:
        answer_token.decode(typo)
    if "-" in typo and typo.index("-") == code.index("-"):
        assert isinstance(refused.value, MistypedTokenError) and "does not check out" in str(refused.value)


def test_no_typo_turns_a_checked_version_into_one_read_without_a_check() -> None:
    """A version issued with check characters must not be one typo from a version read without
    them: the typo would escape the check. (Should a new routing's fingerprint ever be, record it
    after another change, or widen the fingerprint.)"""
    near = {version: [typo for typos_ in typos(version + "-") for typo in typos_ if typo[:4] in routing.UNCHECKED]
            for version in CODES if version not in routing.UNCHECKED}
    assert near and all(typo == [] for typo in near.values()), near


def test_the_example_in_messages_is_a_code_that_opens(content: Content) -> None:
    assert any(answer_token.EXAMPLE in entry["codes"] for entry in CODES.values())
    assert read(content, answer_token.EXAMPLE).state.answers
    with pytest.raises(MalformedTokenError, match=f"they look like '{answer_token.EXAMPLE}'"):
        read(content, "hello")


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
        read(content, answer_token.encode("zzzz", [9]))
    # Never valid, so it must not say it was made for an earlier version.
    assert "earlier version" not in str(unknown.value) and "not an answer code from this guide" in str(unknown.value)
    with pytest.raises(InvalidTokenError, match="does not match any choice of the question 'What do you need to do"):
        read(content, answer_token.encode(version, [35]))
    full = resolve(content, **FIRST_FILING)
    n = len(full.answered)
    with pytest.raises(InvalidTokenError, match=f"has {n + 1} answers but the walk ends after {n}"):
        read(content, answer_token.encode(version, [a.index for a in full.answered] + [0]))
    with pytest.raises(MistypedTokenError, match="does not check out"):
        read(content, full.token + "0")
    for cls in (MalformedTokenError, MistypedTokenError, UnknownVersionError, InvalidTokenError):
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
    if content.routings[version].questions == routing.current(content).questions:
        # Today's routing (or today's under the version its codes had before the check character).
        if resumed.outdated or resumed.changed:
            return "a code of the current routing is read as an earlier routing's"
        answered = [(a.question.id, a.choice.id) for a in resumed.state.answered]
        if answered != pairs(meaning["answers"]) or resumed.state.current.id != meaning["reaches"]:
            return f"opens at {resumed.state.current.id} with {answered}, not at {meaning['reaches']}"
        return ""
    if not resumed.outdated:
        return "a code of an earlier routing is read as the current routing's"
    # Every answer of the old code is replayed, implied by one that is (subsumed), kept for a
    # question still to come, or reported as dropped: nothing vanishes silently.
    kept = {(a.question.id, a.choice.id) for a in resumed.state.answered}
    lost = [
        answer for answer in pairs(meaning["answers"])
        if not (
            kept.intersection(routing.translate(content, answer, version=version))
            or routing.subsumed(content, answer, kept)
            or any(resumed.known.get(q) == c for q, c in routing.translate(content, answer, version=version))
            or answer in resumed.dropped
        )
    ]
    return f"answers vanished silently: {lost}" if lost else ""


@pytest.mark.parametrize("version", sorted(CODES))
def test_every_recorded_code_of_a_version_opens(version: str) -> None:
    """One test per recorded version, opening each of its codes (a routing change adds codes, not tests)."""
    content = load()
    # Codes are read case-blind: each opens in capitals too.
    problems = [f"{typed}: {wrong}" for code, meaning in CODES[version]["codes"].items() for typed in (code, code.upper())
                if (wrong := _opens_as_issued(content, version, typed, meaning))]
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
        read(content, answer_token.encode(old_version, [9]))


# --- old links keep every answer that still applies --------------------------------------------------


def test_the_reviewed_list_of_old_answers_is_current() -> None:
    spec = importlib.util.spec_from_file_location("record_routing", ROOT / "scripts" / "record_routing.py")
    assert spec is not None and spec.loader is not None
    record_routing = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(record_routing)
    expected = record_routing.review(load(), CODES)
    assert (ROOT / "tests" / "old_answers.md").read_text(encoding="utf-8") == expected, (
        "tests/old_answers.md is stale: run `make routing` and review its diff"
    )


def test_an_old_code_stopped_by_a_new_question_applies_its_later_answers_once_it_is_answered(content: Content) -> None:
    """xumh-000000000002 (12 answers, before 'what_online' and with 'subject_filed' asked last) stops
    at today's question 4; answered, every later answer of the code applies again and the result is
    the one it had."""
    code = "xumh-000000000002"
    resumed = read(content, code)
    assert resumed.changed and resumed.state.current.id == "subject_filed" and len(resumed.state.answered) == 3
    assert resumed.pending and resumed.continue_with(f" {code.upper()} ") == code
    # Today's tree also asks an individual which document they file with: once both new questions
    # are answered, the rest of the code applies, and the result follows today's rules (an
    # individual's site cannot cover a field that needs pre-approval: it once said "get it first").
    waiting = resumed.state.answer_keeping("no", resumed.known)
    assert waiting.current.id == "individual_document"
    done = waiting.answer_keeping("id_card", resumed.known)
    assert CODES["xumh"]["codes"][code]["reaches"] == "fix_pre_approval"
    assert done.current.id == "individual_pre_approval"
    used = {(a.question.id, a.choice.id) for a in done.answered}
    old = pairs(CODES["xumh"]["codes"][code]["answers"])
    applied = [a for a in old if used & set(routing.translate(content, a, version="xumh")) or routing.subsumed(content, a, used)]
    assert applied == old


def test_a_removed_choice_opens_as_its_direct_equivalent_only_where_it_was_one(content: Content) -> None:
    """xumh's "servers outside mainland China" led straight to 'no filing needed': today's "Only from
    outside mainland China". nd7j asked next about mainland nodes, so its "outside" waits for that."""
    assert read(content, "xumh-01").state.current.id == "no_filing_outside_mainland"
    assert not read(content, "xumh-01").changed
    assert read(content, "nd7j-01").state.current.id == "delivery"
    assert read(content, "nd7j-011").state.current.id == "cdn_domain_filed"  # then "yes, mainland nodes"
    assert read(content, "nd7j-010").state.current.id == "no_filing_outside_mainland"


def test_a_meaning_limited_to_a_routing_that_never_had_the_answer_is_a_problem() -> None:
    def scoped(tree: dict[str, Any]) -> None:
        choice(tree, "delivery", "outside")["formerly"].append("6xya:hosting=outside")

    assert any("'6xya:hosting=outside'" in p and "has no such answer" in p for p in routing.stranded(changed(scoped)))
