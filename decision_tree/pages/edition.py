"""Which edition of the site a page belongs to: its language, and where the edition sits in the site.

The English edition is the site's root; the Chinese edition is built from ``docs-zh/`` by its own
configuration (``mkdocs.zh.yml``) into ``zh/``. Each configuration names its edition to this
Python-Markdown extension (so MkDocs and Zensical both read it), and the fences, the citations and
the pages they generate ask it for the language to write in::

    markdown_extensions:
      - decision_tree.pages.edition:
          lang: zh
          prefix: zh/

``prefix`` is the edition's place in the site: page links stay inside the edition (relative, as
ever), while the files both editions share (the tree's scripts, Python runtime and bundle, under
the site root's ``assets/``) are reached through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown

from ..messages import DEFAULT_LANGUAGE, LANGUAGES

ATTRIBUTE = "icp_edition"


@dataclass(frozen=True)
class Edition:
    lang: str = DEFAULT_LANGUAGE
    prefix: str = ""  # the edition's site URL ("" for the root, "zh/")


ROOT = Edition()


class EditionExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "lang": [DEFAULT_LANGUAGE, f"the edition's language: {', '.join(LANGUAGES)}"],
            "prefix": ["", "the edition's place in the site, such as 'zh/' ('' for the root)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        lang, prefix = str(self.getConfig("lang")), str(self.getConfig("prefix"))
        if lang not in LANGUAGES:
            raise ValueError(f"decision_tree.pages.edition: lang is {lang!r}; expected one of {', '.join(LANGUAGES)}")
        if prefix and (not prefix.endswith("/") or prefix.startswith("/") or ".." in prefix):
            raise ValueError(f"decision_tree.pages.edition: prefix is {prefix!r}; write a folder such as 'zh/'")
        setattr(md, ATTRIBUTE, Edition(lang, prefix))


def of(md: Any) -> Edition:
    """The edition the Markdown instance ``md`` writes (the root's English one if not configured)."""
    edition = getattr(md, ATTRIBUTE, None)
    return edition if isinstance(edition, Edition) else ROOT


def makeExtension(**kwargs: Any) -> EditionExtension:
    return EditionExtension(**kwargs)
