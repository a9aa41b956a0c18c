"""The views the build renders for walk.js, as Python writes them: with placeholders where the state's
code goes, never in what Python renders itself. That each, filled in or assembled by walk.js, is
exactly what Python renders is tests/test_walk.py's job, over every state."""

from __future__ import annotations

import pytest

from decision_tree import Content, State
from decision_tree.messages import messages
from decision_tree.model import Outcome
from decision_tree.pages import prerender
from decision_tree.widget import render_state

HERE = "tree/"


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
    # Each choice's link is the code one answer on ({{token+<its character>}}), made by walk.js with its check.
    assert all(f"{{{{token+{i}}}}}" in html for i in range(len(state.current.choices)))
    assert "{{back_href}}" in html and "{{n}}" in html
    assert state.token not in html  # the code itself never appears: the template serves every state
    with pytest.raises(ValueError):
        render_template(State.start(content), HERE, messages())
