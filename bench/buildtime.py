"""How long the build takes for the people who keep the guide: from nothing (no cache), and again after a
one-line content edit, each timed on a copy of the checkout so that neither touches its build/cache.

The copy holds the files git knows of (committed or not, less what .gitignore leaves out), with
node_modules linked in; its builds run as `make build` runs scripts/build_site.py, with the copy's
package first on the import path. The edit adds a word to one English text of the content.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from config import ROOT

EDITED = Path("decision_tree/content/outcomes.toml")
EDIT = re.compile(r'^(why = ")', re.M)  # the first outcome's reason: a text every edition shows


class BuildTimeError(Exception):
    pass


def checkout_copy(dest: Path) -> Path:
    """The checkout's files (tracked, and untracked but not ignored) in ``dest``, node_modules linked."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name, follow_symlinks=False)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def timed_build(checkout: Path) -> float:
    """Seconds of scripts/build_site.py in ``checkout``, into its site/."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "scripts/build_site.py", "site"], cwd=checkout, env=env,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise BuildTimeError(f"the build in {checkout} failed:\n{proc.stderr[-3000:]}")
    return seconds


def edit_one_line(checkout: Path) -> None:
    path = checkout / EDITED
    text, count = EDIT.subn(r"\1Edited: ", path.read_text(encoding="utf-8"), count=1)
    if count != 1:
        raise BuildTimeError(f"{EDITED} has no line to edit (expected one matching {EDIT.pattern!r})")
    path.write_text(text, encoding="utf-8")


def measure(tmp: Path) -> dict[str, float]:
    """``cold_s``: a build with no cache; ``edit_s``: the build after a one-line content edit."""
    checkout = checkout_copy(tmp / "checkout")
    cold = timed_build(checkout)
    edit_one_line(checkout)
    return {"cold_s": cold, "edit_s": timed_build(checkout)}
