"""The browser's entry point for the developer's tools: the Tools page, and "Check my domain" in the tree.

The page scripts import it only when a tool is first used, with the Public Suffix List's wheel,
which the tree never needs. Each call returns what the page shows: the HTML of the answer, or a
message for the field that could not be read (the reader's input stays where it is).
"""

from __future__ import annotations

import json
from typing import Any

from .. import urls
from ..loader import load
from ..messages import DEFAULT_LANGUAGE, InputError, messages
from ..resume import read
from . import domain_answer, domain_check, domain_view, filing_number, footer, number_view


def _answer(html: str) -> dict[str, Any]:
    return {"html": html, "error": "", "field": ""}


def _refused(exc: InputError, lang: str, field: str) -> dict[str, Any]:
    return {"html": "", "error": exc.message(messages(lang)), "field": field}


def run(tool: str, fields: dict[str, str], page: str = urls.TOOLS_PAGE, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """One tool on the fields of its form (named as its query parameters, urls.TOOL_PARAMETERS)."""
    if tool not in urls.TOOL_PARAMETERS:
        raise ValueError(f"no tool {tool!r} (have: {', '.join(urls.TOOL_PARAMETERS)})")
    m, main = messages(lang), urls.TOOL_PARAMETERS[tool][0]
    text = fields.get(main, "")
    try:
        if tool == "domain":
            return _answer(domain_view.html(domain_check.check(text, lang=lang), m, here=page))
        content = load(lang)
        if tool == "number":
            return _answer(number_view.html(filing_number.read(text, content), m, here=page))
        psb = fields.get("psb", "").strip() or None
        if psb is not None:
            try:
                filing_number.read(psb, content)  # read on its own first, so that its mistakes are shown beside it
            except InputError as exc:
                return _refused(exc, lang, "psb")
        try:
            made = footer.make(text, psb, content)
        except footer.NotAPublicSecurityNumberError as exc:
            return _refused(exc, lang, "psb")
        return _answer(number_view.footer_html(made, m, here=page))
    except InputError as exc:
        return _refused(exc, lang, main)


def run_json(tool: str, fields_json: str, page: str = urls.TOOLS_PAGE, lang: str = DEFAULT_LANGUAGE) -> str:
    return json.dumps(run(tool, json.loads(fields_json), page, lang), ensure_ascii=False)


def domain_answer_json(text: str, token: str, page: str = urls.TREE_PAGE, lang: str = DEFAULT_LANGUAGE) -> str:
    """"Check my domain" at the tree's domain question: the verdict, and the answers it gives, if any."""
    state = read(load(lang), token).state
    try:
        report = domain_check.check(text, lang=lang)
    except InputError as exc:
        return json.dumps(_refused(exc, lang, "domain"), ensure_ascii=False)
    return json.dumps(_answer(domain_answer.html(state, report, messages(lang), page)), ensure_ascii=False)
