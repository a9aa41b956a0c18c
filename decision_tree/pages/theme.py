"""Texts the theme's templates show on every page, from the message catalog.

mkdocs.yml hands them to the templates as ``config.extra.icp`` with
``icp: !!python/name:decision_tree.pages.theme.TEMPLATE_TEXTS``, so the footer's disclaimer is the
catalog's, not a copy of it.
"""

from __future__ import annotations

from .. import urls
from ..messages import LANGUAGES, messages


def template_texts() -> dict[str, dict[str, str]]:
    """Per language: the footer disclaimer, its link's label, and where that link points on the home page."""
    texts = {}
    for lang in LANGUAGES:
        m = messages(lang)
        texts[lang] = {
            "disclaimer": m("disclaimer.short"),
            "disclaimer_link": m("disclaimer.read_more"),
            "disclaimer_anchor": urls.DISCLAIMER_ANCHOR,
        }
    return texts


TEMPLATE_TEXTS = template_texts()
