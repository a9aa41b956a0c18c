"""The two editions have the same pages: every docs/ page has its Chinese edition in docs-zh/, at the
same path, and the other way round; and the same navigation, in the same order.

A page missing from one edition would leave the language switch leading nowhere and readers of that
language without the page, so scripts/build_site.py stops on it before building anything, and so do
the tests. Each page's anchors are the same in both editions too (tests/test_editions.py checks the
built pages), so that the switch keeps the reader's place.

The navigation is written in each edition's configuration, since its titles are in that edition's
language: no form of one shared list gives a section two titles in both MkDocs and Zensical (a list
in mkdocs.base.yml is replaced by MkDocs' INHERIT and appended to by Zensical's). So both are read
as MkDocs reads them and compared without their titles: the same pages, sections and order.

    python -m decision_tree.pages.editions      (exit 1 and the problems, or nothing)
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Any

EDITIONS = {"en": "docs", "zh": "docs-zh"}
CONFIGS = {"en": "mkdocs.yml", "zh": "mkdocs.zh.yml"}
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
    return out + navigation_problems(root)


def outline(nav: list[Any], depth: int = 0) -> list[str]:
    """A navigation without its titles, one line per entry: a page's path, or a section (indented under it)."""
    lines = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) and len(entry) == 1 else entry
        if isinstance(value, list):
            lines += ["  " * depth + "(section)", *outline(value, depth + 1)]
        else:
            lines.append("  " * depth + str(value))
    return lines


def navigation(config: Path) -> list[Any]:
    """The ``nav`` of an edition's configuration as MkDocs reads it (INHERIT and tags resolved)."""
    from mkdocs.utils.yaml import yaml_load

    with config.open(encoding="utf-8") as file:
        nav = yaml_load(file).get("nav") or []
    return list(nav)


def navigation_problems(root: Path) -> list[str]:
    """How the Chinese navigation differs from the English one, as a diff of their outlines."""
    en, zh = root / CONFIGS["en"], root / CONFIGS["zh"]
    if not en.is_file() and not zh.is_file():
        return []
    missing = [c.name for c in (en, zh) if not c.is_file()]
    if missing:
        return [f"{name} is missing: each edition has its configuration" for name in missing]
    a, b = outline(navigation(en)), outline(navigation(zh))
    if a == b:
        return []
    diff = difflib.unified_diff(a, b, CONFIGS["en"], CONFIGS["zh"], n=1, lineterm="")
    return [
        f"{CONFIGS['zh']}'s nav is not {CONFIGS['en']}'s (the same pages and sections, in the same order; "
        "only the titles differ):\n    " + "\n    ".join(diff)
    ]


def main() -> int:
    found = problems(Path.cwd())
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
