"""Site URLs and anchors: every page address and every id that other pages or results link to.

Addresses are site URLs with directory URLs (``""`` is the home page, ``"regions/"`` a page,
``"regions/#province-gansu"`` a place on it). An href is always made relative to the page it is
written into (``here``), so the same HTML works at any depth, under any base path, and under a
language prefix such as ``zh/``.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache

from .model import Content

HOME = ""
TREE_PAGE = "tree/"
REGIONS_PAGE = "regions/"
SOURCES_PAGE = "sources/"
CHANGES_PAGE = "changes/"
WALKTHROUGH_PAGE = "walkthrough/"
TOOLS_PAGE = "tools/"
GLOSSARY_PAGE = "glossary/"
# The tools' sections on their page, and the query parameters that hold what was checked, so that a
# check can be linked to and the browser's Back works: tools/?domain=example.com#domain-check
TOOL_ANCHORS = {"domain": "domain-check", "number": "number-reader", "footer": "footer-maker"}
TOOL_PARAMETERS = {"domain": ("domain",), "number": ("number",), "footer": ("footer", "psb")}

CODE_PARAMETER = "a"  # the query parameter that carries an answer code: tree/?a=xumh-0a11
CHANGE_PARAMETER = "change"  # ...and the question whose answer is being changed: ?a=CODE&change=province
CURRENT_VIEW_ID = "icp-current"  # the heading the widget moves focus to after each step


# --- anchors ------------------------------------------------------------------------------------


def source_anchor(key: str) -> str:
    """``A19-pre`` -> ``src-a19-pre``: the id of a source on the sources page."""
    return "src-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def province_anchor(province_id: str) -> str:
    return f"province-{province_id}"


def caveat_anchor(province_id: str, caveat_id: str) -> str:
    return f"caveat-{province_id}-{caveat_id}"


def question_anchor(question_id: str) -> str:
    return f"q-{question_id}"


def outcome_anchor(outcome_id: str) -> str:
    return f"o-{outcome_id}"


def node_anchor(content: Content, node_id: str) -> str:
    return question_anchor(node_id) if node_id in content.questions else outcome_anchor(node_id)


CONFIDENCE_ANCHOR = "confidence"  # the confidence scale on the sources page
REGIONS_TABLE_ANCHOR = "table"
DISCLAIMER_ANCHOR = "disclaimer"  # on the home page


# --- addresses ----------------------------------------------------------------------------------


def page_url(docs_path: str) -> str:
    """A docs/ source path to its site URL: 'procedures/x.md#a' -> 'procedures/x/#a', 'index.md' -> ''."""
    page, _, anchor = docs_path.partition("#")
    url = page.removesuffix(".md")
    url = "" if url == "index" else url.removesuffix("/index") + "/"
    return url + (f"#{anchor}" if anchor else "")


def at(page: str, anchor: str) -> str:
    return f"{page}#{anchor}"


def source(key: str) -> str:
    return at(SOURCES_PAGE, source_anchor(key))


def province(province_id: str) -> str:
    """A province's place in the regional overview (its row in the index; old links point here)."""
    return at(REGIONS_PAGE, province_anchor(province_id))


def province_page(province_id: str) -> str:
    """A province's own page of rules."""
    return f"{REGIONS_PAGE}{province_id}/"


@cache  # a result links to the same dozen pages from one page; posixpath.relpath is slow
def relative_href(target: str, here: str) -> str:
    """The href that leads from the page at site URL ``here`` to the site URL ``target``."""
    path, _, anchor = target.partition("#")
    fragment = f"#{anchor}" if anchor else ""
    if path == here and fragment:
        return fragment
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = posixpath.relpath(path or ".", base or ".")
    if path.endswith("/") or not path:
        rel = "./" if rel == "." else rel + "/"
    return rel + fragment


def root_href(here: str) -> str:
    """The site root, relative to ``here`` (e.g. ``"../"`` from ``tree/``)."""
    return relative_href(HOME, here)


def state_query(token: str, change: str = "") -> str:
    """The query string of a state of the tree ("" for the start)."""
    if not token:
        return ""
    return f"{CODE_PARAMETER}={token}" + (f"&{CHANGE_PARAMETER}={change}" if change else "")


def state_href(token: str, change: str = "") -> str:
    """A link to a state of the tree on the tree page itself: its code in the query, or the start."""
    query = state_query(token, change)
    return f"?{query}" if query else "./"


def walkthrough_href(content: Content, node_id: str, here: str) -> str:
    """Where a step leads before Python runs, or without it: the node's section in the walkthrough."""
    return relative_href(at(WALKTHROUGH_PAGE, node_anchor(content, node_id)), here)
