"""The reviewed list of every path (tests/paths.md, tests/paths.zh.md) is current, and paths cover every outcome."""

from __future__ import annotations

from pathlib import Path as FsPath

import pytest

from decision_tree import Content, load
from decision_tree.messages import LANGUAGES, messages
from decision_tree.paths import ANY, all_paths, states_along
from decision_tree.render import paths_markdown, paths_text

REVIEWED = {"en": FsPath(__file__).with_name("paths.md"), "zh": FsPath(__file__).with_name("paths.zh.md")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reviewed_paths_are_current(lang: str) -> None:
    content = load(lang)
    expected = paths_markdown(content, all_paths(content), lang)
    file = REVIEWED[lang]
    assert file.exists(), f"tests/{file.name} is missing: run `make paths` and review it"
    assert file.read_text(encoding="utf-8") == expected, (
        f"tests/{file.name} is stale: run `make paths`, read the diff, and commit it with the content change"
    )


def test_every_outcome_ends_some_path_or_follows_one(content: Content) -> None:
    followers = {o for q in content.questions.values() for c in q.choices for o in c.adds}
    followers |= {t for o in content.outcomes.values() for t in o.then}
    ends = {p.outcome_id for p in all_paths(content)}
    assert ends | followers == set(content.outcomes)
    assert "after_approval" in followers - ends  # what follows approval is never an answer of its own


def test_a_path_lists_what_the_result_adds_after_its_outcome(content: Content) -> None:
    paths = all_paths(content)
    for path in paths:
        for subject, province in (("individual", "guangdong"), ("enterprise", "xinjiang")):
            result = states_along(content, path, subject, province)[-1].result()
            assert path.then == result.also, path.outcome_id
    app = [p for p in paths if ("what_online", "app") in {(s.question_id, s.choice_id) for s in p.steps}]
    assert app and all("app_filing" in {o.id for o in p.then} for p in app)
    markdown = paths_markdown(content, [app[0]])
    assert f"(`{app[0].outcome_id}`)" in markdown and "- Then: **App filing" in markdown


def test_the_chinese_paths_are_chinese_throughout() -> None:
    content = load("zh")
    text = paths_text(content, all_paths(content), "zh")
    m, english = messages("zh"), messages("en")
    assert m("paths.any_province") in text and english("paths.any_province") not in text
    assert english("paths.any_subject") not in text and "Then:" not in text


def test_every_choice_is_taken_by_some_path(content: Content) -> None:
    taken = {(s.question_id, s.choice_id) for p in all_paths(content) for s in p.steps}
    for q in content.questions.values():
        choice_ids = {ANY} if q.kind.value != "choice" else {c.id for c in q.choices}
        assert {(q.id, c) for c in choice_ids} <= taken, q.id


def test_paths_are_distinct(content: Content) -> None:
    keys = [tuple((s.question_id, s.choice_id) for s in p.steps) for p in all_paths(content)]
    assert len(keys) == len(set(keys))
