"""Texts the theme's templates show on every page, from the message catalog.

mkdocs.yml hands them to the templates as ``config.extra.icp`` with
``icp: !!python/name:decision_tree.pages.theme.TEMPLATE_TEXTS``, so the footer's disclaimer is the
catalog's, not a copy of it.
"""

from __future__ import annotations

from .. import urls
from ..messages import LANGUAGES, messages

DATE_SLOT = "{date}"
# The Atom feed of the "What changed" page (pages.feed), in each edition: the page's head and the
# page itself link to it.
CHANGES_FEED = urls.CHANGES_PAGE + "feed.xml"


def template_texts() -> dict[str, dict[str, str]]:
    """Per language: the footer disclaimer, its link's label, where that link points on the home page,
    the "last reviewed" line under each page, the feed the "What changed" page's head links to, and
    the words of the "page not found" page."""
    texts = {}
    for lang in LANGUAGES:
        m = messages(lang)
        before, _, after = m("reviewed.on", date=DATE_SLOT).partition(DATE_SLOT)
        texts[lang] = {
            "disclaimer": m("disclaimer.short"),
            "disclaimer_link": m("disclaimer.read_more"),
            "disclaimer_anchor": urls.DISCLAIMER_ANCHOR,
            # The words before and after the date: the template puts a <time> between them
            # (no HTML built in a string, which one engine would escape and the other not).
            "reviewed_before": before,
            "reviewed_after": after,
            "reviewed_shallow": m("reviewed.shallow"),
            "reviewed_no_history": m("reviewed.no_history"),
            "reviewed_uncommitted": m("reviewed.uncommitted"),
            "changes_page": urls.CHANGES_PAGE,
            "changes_feed": CHANGES_FEED,
            "changes_feed_title": m("changes.feed_title"),
            # The "page not found" page (overrides/404.html).
            "not_found_title": m("not_found.title"),
            "not_found_text": m("not_found.text"),
            "not_found_home": m("not_found.home"),
            "not_found_tree": m("not_found.tree"),
            "tree_page": urls.TREE_PAGE,
        }
    return texts


TEMPLATE_TEXTS = template_texts()
