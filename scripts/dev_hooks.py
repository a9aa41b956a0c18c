"""`make dev`'s MkDocs hooks (mkdocs.dev.yml): a live preview in which the tree works.

Only the preview uses them; the site itself is built from mkdocs.yml with no hook, so that MkDocs
and Zensical build it alike. `mkdocs serve` builds the pages again on every change, in one
long-running process, so the hooks

- before each build, forget what the package read once per process (the content, the message
  catalog, the theme's texts, the pages' review dates), so that edits to decision_tree/content
  show on the next reload;
- after each build, run the build's own steps that follow the pages (scripts/build_site.py
  ``STEPS``, less the compression): the Pyodide runtime, the tree's bundle and the prerendered
  results, where the pages expect them. What an edit did not change comes from build/cache; a
  content edit makes the snapshot and the results again (seconds), a code edit the compiled
  bundle (under a minute).

The pages, the tree and its results follow every content edit. The preview's own process keeps
the Python code it started with (the fences, the prerender): restart `make dev` after editing the
package's code.
"""

from __future__ import annotations

import mimetypes
import sys
from pathlib import Path
from typing import Any

from decision_tree import loader
from decision_tree.messages import messages
from decision_tree.pages import bundle, reviewed, theme

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_site

sys.path.pop(0)

# Pyodide's start-up hangs when .wasm is not application/wasm; browsers refuse .mjs modules
# without a JavaScript type. Python's table usually has both; say so in case it does not.
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")

# mkdocs serve has built the pages; serving does without the compressed copies.
AFTER_PAGES = tuple(name for name in build_site.STEP_NAMES if name not in ("pages", "compress"))


def on_pre_build(config: Any, **kwargs: Any) -> None:
    loader.load.cache_clear()
    messages.cache_clear()
    bundle.forget()  # the bundle's id follows the content, so the pages name the folder written after them
    config["extra"]["icp"] = theme.template_texts()
    config["extra"]["reviewed"] = reviewed.review_dates()


def on_post_build(config: Any, **kwargs: Any) -> None:
    build_site.build(Path(config["site_dir"]), steps=AFTER_PAGES)

