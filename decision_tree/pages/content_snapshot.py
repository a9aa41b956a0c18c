"""What the browser's content snapshot holds (see ``decision_tree.snapshot``), made at build time.

Making it reads and checks every TOML file through the modules that the snapshot stands in for
(``loader``, ``messages``, the tools' ``suffixes``), which all read it back through
``decision_tree.snapshot``: made there, the snapshot would import them and they it. Here, at build
time, it is one function that the scripts building the bundle call, and the browser never loads.
"""

from __future__ import annotations

from typing import Any

from ..loader import load
from ..messages import LANGUAGES, messages
from ..tools.suffixes import table


def make() -> dict[str, Any]:
    """The snapshot, under the keys ``snapshot.get`` is asked for: each language's content, catalog and suffix table."""
    return {
        "content": {lang: load(lang) for lang in LANGUAGES},
        "messages": {lang: messages(lang) for lang in LANGUAGES},
        "suffixes": {lang: table(lang=lang) for lang in LANGUAGES},
    }
