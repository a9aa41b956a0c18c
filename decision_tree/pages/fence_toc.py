"""The headings the fences write, in the page's table of contents: a Python-Markdown extension (so
MkDocs and Zensical, which both read ``md.toc_tokens``, show them).

A fence's HTML reaches the page as a stashed block, which the ``toc`` extension never sees: a page
made mostly of one fence (a province's, with a section per topic) had an empty table of contents.
After ``toc`` has listed the Markdown headings, this puts in, at the fence's place, each section
heading (``h2``) of a stashed block that carries a permalink (``markup.heading``: the sections a
reader may jump to; a widget's headings have none). Deeper headings stay out: the walkthrough's
hundred questions would make its table of contents longer than the page's sections.

    markdown_extensions:
      - decision_tree.pages.fence_toc
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any, cast

from markdown import Extension, Markdown
from markdown.extensions.toc import nest_toc_tokens, strip_tags
from markdown.treeprocessors import Treeprocessor

_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
_HEADING = re.compile(
    r'<h(2) id="([^"]+)"[^>]*>(.*?)\s*<a class="headerlink"[^>]*>[^<]*</a>\s*</h2>', re.DOTALL
)


def fence_headings(block: str) -> list[dict[str, Any]]:
    """The permalinked section headings of a block of HTML, as the toc extension's tokens (not nested)."""
    tokens = []
    for level, anchor, inner in _HEADING.findall(block):
        tokens.append(
            {"level": int(level), "id": html.unescape(anchor), "name": strip_tags(inner), "html": inner, "data-toc-label": ""}
        )
    return tokens


def _flat(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for token in tokens:
        out.append({k: v for k, v in token.items() if k != "children"})
        out.extend(_flat(token.get("children", [])))
    return out


class FenceHeadings(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        listed = {token["id"]: token for token in _flat(getattr(self.md, "toc_tokens", []))}
        blocks = self.md.htmlStash.rawHtmlBlocks
        ordered: list[dict[str, Any]] = []
        added = False
        for element in root.iter():
            anchor = element.get("id")
            if anchor in listed and re.fullmatch(r"h[1-6]", str(element.tag)):
                ordered.append(listed.pop(anchor))
            for number in _PLACEHOLDER.findall(element.text or ""):
                found = [t for t in fence_headings(str(blocks[int(number)])) if t["id"] not in listed]
                ordered.extend(found)
                added = added or bool(found)
        if added:
            # An attribute of the toc extension's, which the Markdown class does not declare.
            self.md.toc_tokens = nest_toc_tokens(cast(Any, [*ordered, *listed.values()]))  # type: ignore[attr-defined]


class FenceTocExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Right after the table of contents (5), which sets md.toc_tokens; before MkDocs rewrites hrefs (0).
        md.treeprocessors.register(FenceHeadings(md), "icp_fence_toc", 4)


def makeExtension(**kwargs: Any) -> FenceTocExtension:
    return FenceTocExtension(**kwargs)
