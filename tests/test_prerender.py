"""The views the build renders for boot.js: filled in as boot.js fills them, each is exactly what Python
renders for that state, and the routing table leads every code where the engine does."""

from __future__ import annotations

from typing import Any

import pytest

from decision_tree import Content, State
from decision_tree.messages import messages
from decision_tree.model import Outcome, Question
from decision_tree.pages import prerender
from decision_tree.widget import render_state

HERE = "tree/"


@pytest.fixture(scope="module")
def templates(content: Content) -> dict[str, str]:
    return prerender.question_templates(content, messages(), HERE)


@pytest.fixture(scope="module")
def table(content: Content) -> dict[str, Any]:
    return prerender.routing_table(content, messages())


def follow(table: dict[str, Any], token: str) -> tuple[str, str] | None:
    """What boot.js's follow() does with the table: (node, province), or None for a code it cannot follow."""
    if not token:
        return table["start"], ""
    version, _, answers = token.partition("-")
    if version != table["version"]:
        return None
    node, province, chosen = table["start"], "", {}
    for character in answers:
        question = table["nodes"].get(node)
        index = table["alphabet"].find(character)
        if not question or question.get("result") or index < 0 or index >= len(question["choices"]):
            return None
        chosen[node] = question["choices"][index]
        if question["province"]:
            province = chosen[node]
        step = question["next"][index]
        while isinstance(step, dict):
            step = step["routes"].get(chosen[step["route"]])
        if step not in table["nodes"]:
            return None
        node = step
    return node, province


def test_every_question_state_filled_in_is_what_python_renders(content: Content, templates: dict[str, str]) -> None:
    checked = 0
    m = messages()
    for state in prerender.states(content):
        if state.answers and isinstance(state.current, Question):
            filled = prerender.fill(templates[state.current.id], state.token, len(state.answered) + 1)
            assert filled == render_state(state, HERE, m), state.token
            checked += 1
    assert checked > 3000


def test_the_table_leads_every_code_where_the_engine_does(content: Content, table: dict[str, Any]) -> None:
    for state in prerender.states(content):
        province = state.province.id if state.province else ""
        assert follow(table, state.token if state.answers else "") == (state.current.id, province), state.token


def test_codes_the_table_cannot_follow_are_left_to_python(content: Content, table: dict[str, Any]) -> None:
    version = table["version"]
    assert follow(table, "xxxx-0") is None  # another version of the tree
    assert follow(table, f"{version}-Z") is None  # no such choice
    assert follow(table, f"{version}-" + "0" * 60) is None  # more answers than questions


def test_a_sample_of_results_assembled_is_what_python_renders(content: Content) -> None:
    m = messages()
    files = prerender.result_files(content, m, HERE)
    sampled = 0
    for n, state in enumerate(prerender.states(content)):
        node = state.current
        if isinstance(node, Outcome) and n % 7 == 0:
            file = files[prerender.results_file(node.id, state.province.id if state.province else "")]
            assert prerender.assemble(file, state.token) == render_state(state, HERE, m), state.token
            sampled += 1
    assert sampled > 1000
    # Every result of the tree is in its file, and nothing else is.
    results = sum(1 for s in prerender.states(content) if isinstance(s.current, Outcome))
    assert sum(len(f["results"]) for f in files.values()) == results


def test_no_placeholder_is_left_in_what_python_renders(content: Content) -> None:
    m = messages()
    for state in prerender.states(content):
        html = render_state(state, HERE, m)
        assert "{{" not in html, state.token
        if isinstance(state.current, Outcome):
            break


def test_a_template_names_only_states_one_step_away(content: Content) -> None:
    from decision_tree.widget import render_template

    state = State.start(content).answer("online")
    html = render_template(state, HERE, messages())
    assert "{{token}}" in html and "{{back_href}}" in html and "{{n}}" in html
    assert state.token not in html  # the code itself never appears: the template serves every state
    with pytest.raises(ValueError):
        render_template(State.start(content), HERE, messages())
