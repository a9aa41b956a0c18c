"""The browser's ready-made content: what ``load()``, ``messages()`` and the suffix table return,
made once at build time (``decision_tree.pages.content_snapshot``, which scripts/build_site.py
calls) and read back with pickle, so that a reader's browser does not parse and check TOML on every
visit. This module imports nothing of the package: the modules it stands in for import it.

The snapshot exists only in the browser's bundle, beside the content it stands for (which the
bundle then leaves out). It is never written into the package's folder: without it, as on every
computer but the reader's browser, everything is read from the TOML files and checked.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any, TypeVar

T = TypeVar("T")
FILE = "snapshot.pickle"
# The content files the snapshot stands for, left out of the browser's bundle.
REPLACES = frozenset({
    "tree.toml", "outcomes.toml", "regions.toml", "sources.toml", "links.toml", "routings.json",
    "seed_rules.toml", "changes.toml", "suffixes.toml", "divisions.toml", "README.md",
})
_CONTENT = "decision_tree/content/"


def replaces(path: str) -> bool:
    """Whether the package file at ``path`` ("decision_tree/content/tree.toml") is in the snapshot."""
    if not path.startswith(_CONTENT):
        return False
    name = path[len(_CONTENT) :]
    return name in REPLACES or name.startswith("messages/")


@cache
def _read() -> dict[str, Any] | None:
    try:
        data = (resources.files("decision_tree.content") / FILE).read_bytes()
    except (FileNotFoundError, OSError):
        return None
    # Unpickling imports the modules of the values by name (model, the tools' suffixes): not an
    # import written here, so the package's import graph does not count it.
    found: dict[str, Any] = pickle.loads(data)
    return found


def get(key: str, make: Callable[[], T], *path: str) -> T:
    """The snapshot's ``key`` (then ``path`` inside it) if there is a snapshot, else ``make()``."""
    found = _read()
    if found is None:
        return make()
    value: Any = found[key]
    for step in path:
        value = value[step]
    result: T = value
    return result
