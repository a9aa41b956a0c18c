"""The Tools page's three tools as the build writes them: a form that works as a plain GET form, the
place where tools.js shows Python's answer, and, for a browser where Python cannot run, the rules
themselves: the suffix table, and what the same code says about example numbers and a footer.
"""

from __future__ import annotations

from .. import urls
from ..markup import attribution, attrs, escape, table, tag
from ..messages import Messages
from ..model import Content
from ..tools import domain_check, filing_number, footer, number_view
from ..tools.suffixes import Verdict
from .tree_page import TREE_ASSETS, boot_messages, python_attrs

TOOLS_SCRIPT = TREE_ASSETS + "tools.js"
TOOLS = tuple(urls.TOOL_PARAMETERS)
# Numbers the rules show read by the same code: three made up for the example, and a published
# operating licence (source NUM-OBS).
EXAMPLE_NUMBERS = ("京ICP备12345678号-1", "粤ICP备2021012345号-2A", "京公网安备11010502030143号", "京ICP证030173号")
EXAMPLE_FOOTER = ("京ICP备12345678号-1", "京公网安备11010502030143号")


def _field(tool: str, name: str, m: Messages, *, required: bool) -> str:
    box = f"icp-tool-{tool}-{name}"
    described = f"{box}-hint {box}-error"
    return tag(
        "div",
        f"<label{attrs(for_=box)}>{escape(m(f'tools.{tool}.{name}_label'))}</label>"
        + f"<input{attrs(id=box, name=name, type='text', autocomplete='off', spellcheck='false', autocapitalize='none')}"
        + f"{attrs(aria_describedby=described, **({'required': ''} if required else {}))}>"
        + tag("p", escape(m(f"tools.{tool}.{name}_hint")), id=f"{box}-hint", class_="icp-tool__hint")
        + tag("p", "", id=f"{box}-error", class_="icp-tool__error", role="alert", hidden=""),
        class_="icp-tool__field",
        data_field=name,
    )


def suffix_rules(content: Content, here: str, m: Messages) -> str:
    """Every suffix the sources speak of, with its verdict and their words, for reading without Python."""
    suffixes = domain_check.suffix_table(content.lang)
    headers = [m("tools.domain.col_suffix"), m("tools.domain.col_verdict"), m("tools.domain.col_sources")]
    rows = []
    for entry in sorted(suffixes.entries.values(), key=lambda e: (e.verdict is not Verdict.DISPUTED, e.suffix)):
        verdict = escape(m(f"domain.verdict.{entry.verdict.value}"))
        said = f"{escape(entry.text)} {attribution(content, entry, here, m)}"
        rows.append(({"data_verdict": entry.verdict.value}, [tag("code", escape("." + entry.suffix)), verdict, said]))
    authority = suffixes.authority
    link = tag("a", escape(m("domain.authority_link")), href=authority.url, rel="external")
    return (
        tag("p", f"{escape(authority.text)} {link} {attribution(content, authority, here, m)}", class_="icp-domain-authority")
        + tag("p", escape(m("tools.domain.table_intro", count=len(suffixes.entries))))
        + table("icp-suffixes", headers, rows)
    )


def number_rules(content: Content, here: str, m: Messages) -> str:
    readings = [number_view.html(filing_number.read(n, content), m, here=here) for n in EXAMPLE_NUMBERS]
    return tag("p", escape(m("tools.number.examples_intro"))) + "".join(readings)


def footer_rules(content: Content, here: str, m: Messages) -> str:
    made = footer.make(*EXAMPLE_FOOTER, content)
    return tag("p", escape(m("tools.footer.example_intro"))) + number_view.footer_html(made, m, here=here)


RULES = {"domain": suffix_rules, "number": number_rules, "footer": footer_rules}


def tool_html(
    content: Content, tool: str, here: str, m: Messages, *, link_base: str | None = None, prefix: str = ""
) -> str:
    """One tool's widget. Without Python the form still submits (GET, to this page) and the rules are there.

    ``link_base``: what its hrefs and srcs are relative to, when not ``here``; ``prefix``: the
    edition's place in the site, through which the shared scripts and runtime are reached
    (tree_page.widget_html)."""
    base = here if link_base is None else link_base
    if tool not in TOOLS:
        raise ValueError(f"no tool {tool!r}: write one of {', '.join(TOOLS)} between the fence lines")
    names = urls.TOOL_PARAMETERS[tool]
    fields = "".join(_field(tool, name, m, required=n == 0) for n, name in enumerate(names))
    anchor = urls.TOOL_ANCHORS[tool]
    form = (
        f"<form{attrs(class_='icp-tool__form', method='get', action='#' + anchor, novalidate='')}>"
        f"{fields}{tag('button', escape(m(f'tools.{tool}.button')), type='submit', class_='md-button md-button--primary')}"
        "</form>"
    )
    rules = tag("details", tag("summary", escape(m(f"tools.{tool}.rules"))) + RULES[tool](content, base, m),
                class_="icp-tool__rules")
    widget = attrs(
        class_="icp-tool",
        data_icp_tool=tool,
        data_fields=" ".join(names),
        data_page=here,
        data_lang=m.lang,
        data_checking=m("tools.checking"),
        **python_attrs(prefix + here),
    )
    return (
        f"<div{widget}>"
        f'<script type="application/json" class="icp-tree__messages">{boot_messages(m)}</script>'
        '<p class="icp-tool__notice" role="alert" hidden></p>'
        f"{form}"
        '<div class="icp-tool__result" aria-live="polite" tabindex="-1"></div>'
        f"{rules}"
        "</div>"
        f"<script{attrs(type='module', src=urls.relative_href(TOOLS_SCRIPT, prefix + base))}></script>"
    )
