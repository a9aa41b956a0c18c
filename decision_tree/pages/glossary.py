"""The glossary page's tables (docs/glossary.md), one per group of content/glossary.toml.

Each table is the one docs/glossary.md used to hold as Markdown, with the same columns and the same
HTML, so that the page reads as it did; the headings and the prose around them stay in the page.
"""

from __future__ import annotations

from html import escape

from .. import urls
from ..glossary import Glossary, Term
from ..messages import Messages

COLUMNS = ("chinese", "pinyin", "english", "more")


def _text(value: str) -> str:
    # As Markdown writes a table cell: &, < and > escaped, quotes left as typed.
    return escape(value, quote=False)


def chinese_cell(term: Term) -> str:
    """通信管理局（管局）, 接入备案 / 新增接入: the term, its short form, its other names, written as
    Chinese is in either edition (full-width brackets)."""
    head = f"{term.zh}（{term.short}）" if term.short else term.zh
    return " / ".join((head, *term.also))


def english_cell(term: Term, lang: str = "en") -> str:
    """The English term and what it means, the meaning in the reader's language."""
    return f"{term.en}：{term.definition_zh}" if lang == "zh" else f"{term.en}: {term.definition}"


def _row(term: Term, here: str, lang: str) -> str:
    href = urls.relative_href(urls.page_url(term.link), here)
    cells = (
        _text(chinese_cell(term)),
        _text(term.pinyin),
        _text(english_cell(term, lang)),
        f'<a href="{escape(href)}">{_text(term.link_title_zh if lang == "zh" else term.link_title)}</a>',
    )
    return "<tr>\n" + "".join(f"<td>{cell}</td>\n" for cell in cells) + "</tr>\n"


def render_group(glossary: Glossary, group_id: str, here: str, m: Messages) -> str:
    """One group's table; ``here`` is the base its links are relative to."""
    group = glossary.group(group_id)
    head = "<tr>\n" + "".join(f"<th>{_text(m(f'glossary.{c}'))}</th>\n" for c in COLUMNS) + "</tr>\n"
    body = "".join(_row(term, here, m.lang) for term in group.terms)
    return f"<table>\n<thead>\n{head}</thead>\n<tbody>\n{body}</tbody>\n</table>"
