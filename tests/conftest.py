from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from decision_tree import Content, State, load, routing
from decision_tree.loader import parse, read_documents

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if not path:
        pytest.fail("Chromium not found at /usr/bin/chromium: install Debian's 'chromium' package (make test does)")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, one per test module (the browser, nginx and embedding tests)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


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
