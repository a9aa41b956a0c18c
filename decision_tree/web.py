"""The browser's entry point: what the tree page asks Python for, by answer code.

boot.js loads this module under Pyodide and calls ``view_json`` for every navigation and
``markdown`` for "Copy as Markdown". It imports only the engine, the content and the widget's
views: no page generators, and nothing (``html``, ``mkdocs``, ``pymdownx``) that only the build
needs (a test keeps it so).
"""

from __future__ import annotations

import json
from typing import Any

from . import render, urls, widget
from .answer_token import TokenError
from .engine import State
from .loader import load
from .messages import DEFAULT_LANGUAGE, messages
from .resume import read


def view(token: str, page: str = urls.TREE_PAGE, lang: str = DEFAULT_LANGUAGE, change: str = "") -> dict[str, Any]:
    """What the page shows for a code. A code that cannot be read gives the start with a notice, never an exception.

    A code made with an earlier version of the tree is replayed on today's; ``notice`` then says
    the guide changed, if it changed anything for this reader. ``change`` names an answered
    question to show again with its answer marked, keeping the answers after it. ``query`` is what
    the address bar should hold: today's code, or the code and question being changed, or an old
    code whose answers still wait for a question the reader has not answered yet.
    """
    content, m = load(lang), messages(lang)
    notice, known, selected, back_to = "", {}, "", None
    try:
        resumed = read(content, token) if token else None
    except TokenError as exc:
        state, notice = State.start(content), m("code.could_not_read", reason=exc.message(m))
        resumed = None
    else:
        state = resumed.state if resumed else State.start(content)
        if resumed is not None and resumed.changed:
            notice = m("code.guide_changed_result" if state.is_complete else "code.guide_changed_question")
    query = urls.state_query(state.token if state.answers else "")
    if resumed is not None and resumed.known and not state.is_complete:
        known = resumed.known
        if set(known) - set(state.by_question):  # answers still to come: keep the old code in the address
            query = urls.state_query(token.strip())
    if change and change in state.by_question:
        known, selected, back_to = state.by_question, state.by_question[change], state
        query = urls.state_query(token.strip(), change)
        state = state.change(change)
    return {
        "html": widget.render_state(state, page, m, known=known, selected=selected, back_to=back_to),
        "token": state.token if state.answers else "",
        "query": query,
        "announce": widget.announcement(state, m),
        "title": widget.title(state),
        "notice": notice,
        "complete": state.is_complete,
    }


def view_json(token: str, page: str = urls.TREE_PAGE, lang: str = DEFAULT_LANGUAGE, change: str = "") -> str:
    return json.dumps(view(token, page, lang, change), ensure_ascii=False)


def markdown(token: str, site_url: str = "", lang: str = DEFAULT_LANGUAGE) -> str:
    """The result as a Markdown checklist, for "Copy as Markdown"."""
    content = load(lang)
    return render.result_markdown(content, read(content, token).state.result(), docs_base=site_url, lang=lang)
