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
from .engine import State
from .errors import TokenError
from .loader import load
from .messages import DEFAULT_LANGUAGE, messages
from .resume import read


def view(token: str, page: str = urls.TREE_PAGE, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """What the page shows for a code. A code that cannot be read gives the start with a notice, never an exception.

    A code made with an earlier version of the tree is replayed on today's; ``notice`` then says
    the guide changed, if it changed anything for this reader, and ``token`` is today's code.
    """
    content, m = load(), messages(lang)
    notice = ""
    try:
        resumed = read(content, token) if token else None
    except TokenError as exc:
        state, notice = State.start(content), m("code.could_not_read", reason=exc.message(m))
    else:
        state = resumed.state if resumed else State.start(content)
        if resumed is not None and resumed.changed:
            notice = m("code.guide_changed_result" if state.is_complete else "code.guide_changed_question")
    return {
        "html": widget.render_state(state, page, m),
        "token": state.token if state.answers else "",
        "announce": widget.announcement(state, m),
        "title": widget.title(state),
        "notice": notice,
        "complete": state.is_complete,
    }


def view_json(token: str, page: str = urls.TREE_PAGE, lang: str = DEFAULT_LANGUAGE) -> str:
    return json.dumps(view(token, page, lang), ensure_ascii=False)


def markdown(token: str, site_url: str = "", lang: str = DEFAULT_LANGUAGE) -> str:
    """The result as a Markdown checklist, for "Copy as Markdown"."""
    content = load()
    return render.result_markdown(content, read(content, token).state.result(), docs_base=site_url, lang=lang)
