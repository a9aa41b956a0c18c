"""`make dev`'s MkDocs hooks (mkdocs.dev.yml): a live preview in which the tree works.

Only the preview uses them; the site itself is built from mkdocs.yml with no hook, so that MkDocs
and Zensical build it alike. `mkdocs serve` builds the pages again on every change, in one
long-running process, so the hooks

- before each build, forget what the package read once per process (the content, the message
  catalog, the theme's texts, the pages' review dates), so that edits to decision_tree/content
  show on the next reload;
- after each build, put the Pyodide runtime and the tree's bundle into the served site, where the
  pages expect them (scripts/build_site.py; the bundle is made once, about 2 minutes the first
  time, then taken from build/cache).

The browser's Python is the bundle made for the package as it was when `make dev` started:
restart `make dev` to try an edit in the browser's Python itself; the pages, including the
tree's questions and answers as they first show, follow every edit.
"""

from __future__ import annotations

import mimetypes
import sys
from pathlib import Path
from typing import Any

from decision_tree import loader
from decision_tree.messages import messages
from decision_tree.pages import reviewed, theme

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_site

sys.path.pop(0)

# Pyodide's start-up hangs when .wasm is not application/wasm; browsers refuse .mjs modules
# without a JavaScript type. Python's table usually has both; say so in case it does not.
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")


def on_pre_build(config: Any, **kwargs: Any) -> None:
    loader.load.cache_clear()
    messages.cache_clear()
    config["extra"]["icp"] = theme.template_texts()
    config["extra"]["reviewed"] = reviewed.review_dates()


def on_post_build(config: Any, **kwargs: Any) -> None:
    site = Path(config["site_dir"])
    build_site.copy_runtime(site)
    build_site.write_bundle(site)
    build_site.write_results(site)
