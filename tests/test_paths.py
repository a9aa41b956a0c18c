"""The reviewed list of every path (tests/paths.md) is current, and paths cover every outcome."""

from __future__ import annotations

from pathlib import Path as FsPath

from decision_tree import Content
from decision_tree.paths import ANY, all_paths
from decision_tree.render import paths_markdown

PATHS_MD = FsPath(__file__).with_name("paths.md")


def test_paths_md_is_current(content: Content) -> None:
    expected = paths_markdown(content, all_paths(content))
    assert PATHS_MD.exists(), "tests/paths.md is missing: run `make paths` and review it"
    assert PATHS_MD.read_text(encoding="utf-8") == expected, (
        "tests/paths.md is stale: run `make paths`, read the diff, and commit it with the content change"
    )


def test_every_outcome_ends_some_path_or_follows_one(content: Content) -> None:
    followers = {o for q in content.questions.values() for c in q.choices for o in c.adds}
    followers |= {t for o in content.outcomes.values() for t in o.then}
    ends = {p.outcome_id for p in all_paths(content)}
    assert ends | followers == set(content.outcomes)
    assert "after_approval" in followers - ends  # what follows approval is never an answer of its own


def test_every_choice_is_taken_by_some_path(content: Content) -> None:
    taken = {(s.question_id, s.choice_id) for p in all_paths(content) for s in p.steps}
    for q in content.questions.values():
        choice_ids = {ANY} if q.kind.value != "choice" else {c.id for c in q.choices}
        assert {(q.id, c) for c in choice_ids} <= taken, q.id


def test_paths_are_distinct(content: Content) -> None:
    keys = [tuple((s.question_id, s.choice_id) for s in p.steps) for p in all_paths(content)]
    assert len(keys) == len(set(keys))
