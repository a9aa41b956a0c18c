from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from decision_tree import Content, State, load, routing
from decision_tree.loader import parse, read_documents


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


def changed(edit: Callable[[dict[str, Any]], object]) -> Content:
    """The real content with today's routing recorded, then ``edit`` applied to tree.toml (as a dict):
    a later version of the tree, for trying what happens to codes made today."""
    docs = copy.deepcopy(read_documents())
    docs[routing.HISTORY_FILE] = json.loads(routing.dump_history(parse(read_documents()).routings))
    edit(docs["tree.toml"])
    return parse(docs)


def old_code(**answers: str) -> str:
    """A code made by today's tree, to open with a changed one."""
    return resolve(load(), **answers).token


def choice(tree: dict[str, Any], question: str, choice_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in tree["questions"][question]["choices"] if c["id"] == choice_id)
    return found


def add_question(tree: dict[str, Any]) -> None:
    """An edit: a new question between "does the domain pass the checks" and "does it need a pre-approval"."""
    choice(tree, "domain_checks", "all_pass")["next"] = "real_name"
    tree["questions"]["real_name"] = {
        "text": "Has the domain passed real-name verification?",
        "choices": [{"id": "yes", "label": "Yes", "next": "site_type"}, {"id": "no", "label": "No", "next": "check_domain"}],
    }


def swap_questions(tree: dict[str, Any]) -> None:
    """An edit: the province asked before who files."""
    for c in tree["questions"]["subject_filed"]["choices"]:
        if c["next"] == "subject_type":
            c["next"] = "province"
    tree["questions"]["province"]["next"] = "subject_type"
    for c in tree["questions"]["subject_type"]["choices"]:
        c["next"] = "domain_status"
