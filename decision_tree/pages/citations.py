"""Citations on the documentation pages as compact numbered markers, with the page's sources listed
at the bottom: a Python-Markdown extension (so MkDocs and its successor Zensical both run it).

A page cites a source with an ordinary link to its entry on the sources page,
``[Alibaba Cloud, 2019](sources.md#src-a19)``. Read in full, dozens of such names per page are
something to read past; so each becomes a superscript number (the source's name and date on hover,
the number linking to the list), and "Sources on this page" lists them once, in order of first
citation, each linked to its entry. The Markdown stays readable as it is.

    markdown_extensions:
      - decision_tree.pages.citations
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .. import loader, urls
from ..messages import messages
from ..present import source_date, source_dated_title
from . import edition

_SOURCE_LINK = re.compile(r"(?:^|/)sources(?:\.md|/|/index\.html)?#(src-[a-z0-9-]+)$")
LIST_ID = "sources-on-this-page"


def _ref_id(n: int) -> str:
    return f"ref-{n}"


class CitationProcessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        lang = edition.of(self.md).lang
        content = loader.load(lang)
        m = messages(lang)
        by_anchor = {urls.source_anchor(key): source for key, source in content.sources.items()}
        numbers: dict[str, int] = {}
        listed: list[tuple[str, etree.Element]] = []
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag != "a":
                    continue
                match = _SOURCE_LINK.search(element.get("href", ""))
                if match is None or match.group(1) not in by_anchor:
                    continue
                anchor, href = match.group(1), element.get("href", "")
                source = by_anchor[anchor]
                if anchor not in numbers:
                    numbers[anchor] = len(numbers) + 1
                    entry = etree.Element("a", {"href": href, "class": "icp-source"})
                    entry.text = m("citations.entry", name=source.label, title=source_dated_title(source, m))
                    listed.append((anchor, entry))
                n = numbers[anchor]
                marker = etree.Element("sup", {"class": "icp-ref"})
                hover = m("statement.source_dated", title=source.label, date=source_date(source, m))
                link = etree.SubElement(marker, "a", {"href": f"#{_ref_id(n)}", "title": hover})
                link.text = str(n)
                marker.tail = element.tail
                parent.remove(element)
                parent.insert(index, marker)
        if not listed:
            return
        heading = etree.SubElement(root, "h2", {"id": LIST_ID})
        heading.text = m("citations.heading")
        items = etree.SubElement(root, "ol", {"class": "icp-page-sources"})
        for n, (_anchor, entry) in enumerate(listed, start=1):
            item = etree.SubElement(items, "li", {"id": _ref_id(n)})
            item.append(entry)


class CitationExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After inline links exist (20) and attributes are set (8); before the table of contents and
        # MkDocs' anchor check (5), so both see the list, and before MkDocs rewrites hrefs (0).
        md.treeprocessors.register(CitationProcessor(md), "icp_citations", 7)


def makeExtension(**kwargs: Any) -> CitationExtension:
    return CitationExtension(**kwargs)
