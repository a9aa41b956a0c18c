"""Content errors name the file and the key, and every graph check catches what it should."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from decision_tree import ContentError
from decision_tree.loader import parse, read_documents


def minimal() -> dict[str, dict[str, Any]]:
    caveat = {"topic": "phone", "applies_to": "all", "text": "Local numbers.", "sources": ["S"],
              "as_of": "2019-09", "confidence": "medium"}
    return {
        "tree.toml": {
            "version": "2026-01-01",
            "start": "hosting",
            "questions": {
                "hosting": {"text": "Where?", "choices": [
                    {"id": "cn", "label": "Mainland", "next": "who"},
                    {"id": "hk", "label": "Hong Kong", "next": "none"},
                ]},
                "who": {"kind": "subject", "text": "Who?", "choices": [
                    {"id": "individual", "label": "Individual", "next": "where"},
                    {"id": "enterprise", "label": "Enterprise", "next": "where"},
                ]},
                "where": {"kind": "province", "text": "Which province?", "next": "file"},
            },
        },
        "outcomes.toml": {
            "kinds": {"procedure": "A procedure", "no_filing": "None"},
            "outcomes": {
                "file": {"title": "File", "title_zh": "备案", "kind": "procedure", "why": "Because.", "next_step": "File.",
                         "steps": ["Do it."], "sources": ["S"], "links": ["page"], "caveat_topics": ["phone"]},
                "none": {"title": "None", "title_zh": "无", "kind": "no_filing", "why": "Outside.", "next_step": "Nothing.",
                         "steps": ["Nothing."], "sources": ["S"]},
            },
        },
        "regions.toml": {
            "topics": {"phone": "Phones"},
            "provinces": {"beijing": {"name_zh": "北京", "name_en": "Beijing", "abbreviations": ["京"],
                                      "caveats": [caveat]}},
        },
        "sources.toml": {
            "sources": {"S": {"name": "A source, 2019", "title": "A source", "url": "https://example.org/", "date": "2019-09"}}
        },
        "links.toml": {"links": {"page": {"title": "A page", "path": "page.md"}}},
    }


def problems_of(docs: dict[str, dict[str, Any]]) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse(docs)
    return list(info.value.problems)


def test_minimal_content_is_valid() -> None:
    content = parse(minimal())
    assert list(content.questions) == ["hosting", "who", "where"]
    assert [c.id for c in content.questions["where"].choices] == ["beijing"]


def test_the_shipped_content_parses() -> None:
    assert parse(read_documents()).questions


def test_unknown_next_names_file_question_choice_and_target() -> None:
    docs = minimal()
    docs["tree.toml"]["questions"]["hosting"]["choices"][1]["next"] = "foo"
    assert "tree.toml: question 'hosting', choice 'hk' leads to unknown node 'foo'" in problems_of(docs)


def test_cycle_is_reported() -> None:
    docs = minimal()
    docs["tree.toml"]["questions"]["where"]["next"] = "hosting"
    problems = problems_of(docs)
    assert any("form a cycle" in p and "hosting" in p for p in problems), problems


def test_unreachable_question_and_outcome() -> None:
    docs = minimal()
    docs["tree.toml"]["questions"]["orphan"] = {"text": "?", "choices": [
        {"id": "a", "label": "A", "next": "none"}, {"id": "b", "label": "B", "next": "none"}]}
    docs["outcomes.toml"]["outcomes"]["lost"] = copy.deepcopy(docs["outcomes.toml"]["outcomes"]["none"])
    problems = problems_of(docs)
    assert "tree.toml: question 'orphan' cannot be reached from 'hosting'" in problems
    assert "outcomes.toml: outcome 'lost' cannot be reached from 'hosting'" in problems


def test_duplicate_choice_ids() -> None:
    docs = minimal()
    docs["tree.toml"]["questions"]["hosting"]["choices"][1]["id"] = "cn"
    assert any("duplicate choice id 'cn' in question 'hosting'" in p for p in problems_of(docs))


def test_caveat_source_must_exist() -> None:
    docs = minimal()
    docs["regions.toml"]["provinces"]["beijing"]["caveats"][0]["sources"] = ["S", "NOPE"]
    assert "regions.toml: province 'beijing', caveat 1: unknown source 'NOPE' (add it to sources.toml)" in problems_of(docs)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("as_of", "last year", "'as_of' is 'last year'; expected YYYY"),
        ("confidence", "sure", "'confidence' is 'sure'; expected one of: high, medium, low"),
        ("applies_to", "everyone", "'applies_to' is 'everyone'"),
        ("topic", "weather", "unknown topic 'weather'"),
        ("sources", [], "'sources' must not be empty"),
    ],
)
def test_caveat_fields_are_checked(field: str, value: Any, expected: str) -> None:
    docs = minimal()
    docs["regions.toml"]["provinces"]["beijing"]["caveats"][0][field] = value
    assert any(p.startswith("regions.toml: province 'beijing', caveat 1:") and expected in p for p in problems_of(docs))


def test_missing_caveat_date_is_reported() -> None:
    docs = minimal()
    del docs["regions.toml"]["provinces"]["beijing"]["caveats"][0]["as_of"]
    assert "regions.toml: province 'beijing', caveat 1: missing 'as_of'" in problems_of(docs)


def test_unknown_link_and_kind_and_key() -> None:
    docs = minimal()
    outcome = docs["outcomes.toml"]["outcomes"]["file"]
    outcome["links"] = ["nowhere"]
    outcome["kind"] = "magic"
    outcome["colour"] = "red"
    problems = problems_of(docs)
    assert "outcomes.toml: outcome 'file': unknown link 'nowhere' (add it to links.toml)" in problems
    assert any(p.startswith("outcomes.toml: outcome 'file': unknown kind 'magic'") for p in problems)
    assert any(p.startswith("outcomes.toml: outcome 'file': unknown key 'colour'") for p in problems)


def test_subject_question_must_not_route() -> None:
    docs = minimal()
    docs["tree.toml"]["questions"]["who"]["choices"][1]["next"] = "none"
    assert any("all lead to the same node" in p for p in problems_of(docs))


def test_subject_question_must_not_add_a_filing_for_one_subject() -> None:
    # A path records the subject once as "any" (decision_tree.paths): a filing added for one subject
    # only would vanish from the reviewed list of paths.
    docs = minimal()
    docs["tree.toml"]["questions"]["who"]["choices"][1]["adds"] = ["none"]
    assert any("all add the same filings" in p for p in problems_of(docs))


def test_province_question_lists_no_choices() -> None:
    docs = minimal()
    docs["tree.toml"]["questions"]["where"]["choices"] = []
    assert any("a province question lists no choices" in p for p in problems_of(docs))


def test_start_must_be_a_question() -> None:
    docs = minimal()
    docs["tree.toml"]["start"] = "file"
    assert "tree.toml: start node 'file' is not a question" in problems_of(docs)


def test_missing_file() -> None:
    docs = minimal()
    del docs["links.toml"]
    assert problems_of(docs) == ["links.toml: file is missing"]


def test_every_problem_is_reported_at_once() -> None:
    docs = minimal()
    docs["tree.toml"]["questions"]["hosting"]["choices"][1]["next"] = "foo"
    docs["regions.toml"]["provinces"]["beijing"]["caveats"][0]["confidence"] = "sure"
    assert len(problems_of(docs)) >= 2


def test_bad_toml_is_a_content_error(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    pkg = tmp_path / "brokencontent"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "tree.toml").write_text("version = \n")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("brokencontent", None)
    with pytest.raises(ContentError, match=r"tree.toml: not valid TOML"):
        read_documents("brokencontent")


def test_as_of_is_the_date_of_the_newest_dated_source() -> None:
    docs = minimal()
    where = "regions.toml: province 'beijing', caveat 1: "
    docs["regions.toml"]["provinces"]["beijing"]["caveats"][0]["as_of"] = "undated"
    assert where + "'as_of' is 'undated' but its newest dated source is of 2019-09" in problems_of(docs)
    docs["regions.toml"]["provinces"]["beijing"]["caveats"][0]["as_of"] = "2020"
    assert where + "'as_of' is '2020'; the newest of its sources is dated 2019-09" in problems_of(docs)
    docs = minimal()
    docs["sources.toml"]["sources"]["S"]["date"] = "undated"
    assert where + "'as_of' is '2019-09' but none of its sources is dated: write 'undated'" in problems_of(docs)
    docs["regions.toml"]["provinces"]["beijing"]["caveats"][0]["as_of"] = "undated"
    assert parse(docs).provinces["beijing"].caveats[0].as_of == "undated"


def test_an_outcome_warning_may_rest_on_an_undated_source() -> None:
    docs = minimal()
    docs["sources.toml"]["sources"]["U"] = {"name": "A guide", "title": "An undated guide", "date": "undated"}
    docs["outcomes.toml"]["outcomes"]["file"]["warnings"] = [
        {"text": "Per the guide.", "applies_to": "all", "sources": ["U"], "as_of": "undated", "confidence": "medium"}
    ]
    assert parse(docs).outcomes["file"].warnings[0].as_of == "undated"


def test_an_outcome_warning_has_no_topic_and_a_caveat_no_undated_date() -> None:
    docs = minimal()
    docs["outcomes.toml"]["outcomes"]["file"]["warnings"] = [
        {"text": "W.", "applies_to": "all", "sources": ["S"], "as_of": "2020", "confidence": "low", "topic": "phone"}
    ]
    assert any(p.startswith("outcomes.toml: outcome 'file', warning 1: unknown key 'topic'") for p in problems_of(docs))


def test_caveat_ids_are_words_and_unique_in_their_province() -> None:
    docs = minimal()
    caveats = docs["regions.toml"]["provinces"]["beijing"]["caveats"]
    caveats[0]["id"] = "local-phones"
    caveats.append({**caveats[0]})
    assert "regions.toml: province 'beijing', caveat 2: duplicate caveat id 'local-phones' in this province" in problems_of(docs)
    caveats[1]["id"] = "Local Phones"
    assert "regions.toml: province 'beijing', caveat 2: caveat ids are lower-case words joined by '-'" in problems_of(docs)


def test_formerly_and_retired_are_checked() -> None:
    docs = minimal()
    docs["tree.toml"]["questions"]["hosting"]["formerly"] = ["who"]
    docs["tree.toml"]["questions"]["hosting"]["choices"][0]["formerly"] = ["Bad Id"]
    docs["tree.toml"]["retired"] = [{"question": "old", "choice": "x"}]
    problems = problems_of(docs)
    assert "tree.toml: question 'hosting' lists 'who' in 'formerly', but 'who' is a question today" in problems
    assert any("'formerly' entries are 'choice_id', 'question_id=choice_id' or 'version:question_id=choice_id', got 'Bad Id'"
               in p for p in problems)
    assert "tree.toml: retired 1: missing 'reason'" in problems


def test_a_damaged_routing_history_is_a_content_problem() -> None:
    docs = minimal()
    docs["routings.json"] = {"abcd": {"recorded": "2026-01-01", "start": "hosting", "questions": {}}}
    assert any(p.startswith("routings.json: entry 'abcd' has been edited") for p in problems_of(docs))
    docs["routings.json"] = {"abcd": {"start": "hosting"}}
    assert any(p.startswith("routings.json: entry 'abcd' is not a routing") for p in problems_of(docs))
