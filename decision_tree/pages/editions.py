"""The two editions have the same pages: every docs/ page has its Chinese edition in docs-zh/, at the
same path, and the other way round.

A page missing from one edition would leave the language switch leading nowhere and readers of that
language without the page, so scripts/build_site.py stops on it before building anything, and so do
the tests. Each page's anchors are the same in both editions too (tests/test_editions.py checks the
built pages), so that the switch keeps the reader's place.

    python -m decision_tree.pages.editions      (exit 1 and the missing pages, or nothing)
"""

from __future__ import annotations

import sys
from pathlib import Path

EDITIONS = {"en": "docs", "zh": "docs-zh"}
# Shared, not translated: each file directly in docs/assets (the stylesheet, the theme's scripts, the
# images) has a link in docs-zh/assets (a link per file: Zensical copies linked files, not linked
# folders). The tree's scripts in docs/assets/tree/ are loaded from the site's root by both editions.
SHARED = "assets"


def pages(folder: Path) -> set[str]:
    """The Markdown pages under ``folder``, as paths relative to it."""
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*.md")
        if p.relative_to(folder).parts[0] != SHARED
    }


def problems(root: Path) -> list[str]:
    """Each page that one edition has and the other lacks, named with the file to write."""
    found = {lang: pages(root / folder) for lang, folder in EDITIONS.items()}
    out = []
    for lang, folder in EDITIONS.items():
        for other, other_folder in EDITIONS.items():
            if other == lang:
                continue
            out += [
                f"{other_folder}/{page} is missing: {folder}/{page} has no {other} edition"
                for page in sorted(found[lang] - found[other])
            ]
    shared = root / EDITIONS["en"] / SHARED
    linked = root / EDITIONS["zh"] / SHARED
    for file in sorted(p for p in shared.glob("*") if p.is_file()) if shared.is_dir() else ():
        link = linked / file.name
        if not (link.is_symlink() and link.resolve() == file.resolve()):
            target = f"../../{EDITIONS['en']}/{SHARED}/{file.name}"
            out.append(f"{EDITIONS['zh']}/{SHARED}/{file.name} is missing: link it to {target}")
    return out


def main() -> int:
    found = problems(Path.cwd())
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
