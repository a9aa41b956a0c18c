"""When each page was last reviewed: the date of the last commit that touched its source file.

mkdocs.yml hands the dates to the theme as ``config.extra.reviewed`` (``!!python/name:`` of
``REVIEWED`` below), and overrides/main.html shows them under each page, in the catalog's words.
A value in ``extra`` and a template block is something MkDocs and Zensical both understand; a
plugin hook would be MkDocs' alone.

The dates come from git, so they are right in a full clone, which is what ``git clone`` makes and
what CI here uses. A shallow clone (``git clone --depth 1``, the default of some CI checkouts)
would make every page look reviewed on the day of its newest commit: then no date is shown, and
the page says why. So it does without git history (a tarball of the sources) and for a page not
committed yet.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict

from .bundle import CHECKOUT

DOCS = "docs"
DATED, SHALLOW, NO_HISTORY = "dated", "shallow", "no_history"


class Reviewed(TypedDict):
    state: str  # DATED, SHALLOW or NO_HISTORY
    dates: dict[str, str]  # page URL ("", "regions/", "regions/beijing/") -> YYYY-MM-DD (UTC)


def page_url(src_path: str) -> str:
    """The site URL of a page from its path under docs/, as MkDocs makes it with use_directory_urls."""
    stem = src_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def _git(checkout: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], cwd=checkout, capture_output=True, text=True, check=False, timeout=60
        )
    except OSError:  # no git at all
        return None
    return proc.stdout if proc.returncode == 0 else None


def review_dates(checkout: Path = CHECKOUT, docs: str = DOCS) -> Reviewed:
    """Each Markdown page's date of last change under ``checkout/docs``, from one ``git log``."""
    shallow = _git(checkout, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return {"state": NO_HISTORY, "dates": {}}
    if shallow.strip() == "true":
        return {"state": SHALLOW, "dates": {}}
    log = _git(checkout, "log", "--format=%x00%ct", "--name-only", "--relative=" + docs, "--", docs)
    if log is None:
        return {"state": NO_HISTORY, "dates": {}}
    dates: dict[str, str] = {}
    day = ""
    for line in log.splitlines():
        if line.startswith("\0"):
            day = datetime.fromtimestamp(int(line[1:]), tz=UTC).date().isoformat()
        elif line.endswith(".md"):
            # Newest commit first: the first date seen for a page is its last change.
            dates.setdefault(page_url(line), day)
    return {"state": DATED, "dates": dates}


REVIEWED = review_dates()
# The Chinese edition's pages (mkdocs.zh.yml), from their own files: a translation is reviewed when it changes.
REVIEWED_ZH = review_dates(docs="docs-zh")
