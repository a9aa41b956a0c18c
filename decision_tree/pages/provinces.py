"""Each province's page in both editions (docs/regions/<id>.md, docs-zh/regions/<id>.md), written from
the content and the message catalog, never by hand.

A page is its province's name as heading, the catalog's opening, and the ``icp-province`` fence that
renders its rules at build time. The files are committed rather than made during the build: the
"last reviewed" date under each page is the date of its file's last commit
(decision_tree/pages/reviewed.py), MkDocs and Zensical both build them as the pages they are, and
``make dev`` shows them. So that they cannot drift, the build stops when a file is not exactly what
this module writes, or when a province has no page or a page no province.

    python -m decision_tree.pages.provinces           (exit 1 and what differs, or nothing)
    python -m decision_tree.pages.provinces --write   (writes the pages; make pages)
"""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path

from .. import urls
from ..loader import load
from ..messages import messages
from ..model import Province
from ..present import province_name
from .editions import EDITIONS

FENCE = "icp-province"


def _docs_path(site_url: str) -> str:
    """'regions/' -> 'regions.md', 'regions/beijing/' -> 'regions/beijing.md' (no index pages here)."""
    path, _, anchor = site_url.partition("#")
    return path.rstrip("/") + ".md" + (f"#{anchor}" if anchor else "")


def page(province_id: str) -> str:
    """The page's path in either edition's folder: ``regions/beijing.md``."""
    return _docs_path(urls.province_page(province_id))


# Every page in it is a province's: the overview is regions.md, beside it.
FOLDER = posixpath.dirname(page("x"))


def _link(text: str, target: str, here: str) -> str:
    path, _, anchor = _docs_path(target).partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(here))
    return f"[{text}]({rel}{'#' + anchor if anchor else ''})"


def anchor(province: Province) -> str:
    """The id the English page's heading gets from the table of contents: the Chinese heading carries
    it too, so that the language switch keeps the reader's place."""
    from markdown.extensions.toc import slugify  # the toc extension's default, as mkdocs.base.yml leaves it

    return slugify(province_name(province, "en"), "-")


def render(province: Province, lang: str) -> str:
    """The Markdown of ``province``'s page in the edition of ``lang``."""
    m = messages(lang)
    here = page(province.id)
    heading = province_name(province, lang) + ("" if lang == "en" else f" {{ #{anchor(province)} }}")
    intro = m(
        "regions.page.intro",
        name=province.name_en if lang == "en" else province.name_zh,
        regions=_link(m("regions.page.regions_link"), urls.REGIONS_PAGE, here),
        sources=_link(m("regions.page.sources_link"), urls.at(urls.SOURCES_PAGE, urls.CONFIDENCE_ANCHOR), here),
    )
    return f"# {heading}\n\n{intro}\n\n```{FENCE}\n{province.id}\n```\n"


def paths() -> list[str]:
    """The path from the checkout of every page this module writes: ``docs-zh/regions/beijing.md``."""
    return [f"{folder}/{page(p)}" for folder in EDITIONS.values() for p in load().provinces]


def pages() -> dict[str, str]:
    """Every page this module writes, by its path from the checkout."""
    provinces = load().provinces.values()
    return {f"{folder}/{page(p.id)}": render(p, lang) for lang, folder in EDITIONS.items() for p in provinces}


def _folders(root: Path) -> list[Path]:
    return [root / folder / FOLDER for folder in EDITIONS.values()]


def problems(root: Path) -> list[str]:
    """Each page under ``root`` that is not what ``pages()`` writes, missing, or of no province."""
    wanted = pages()
    out = []
    for path, text in sorted(wanted.items()):
        file = root / path
        if not file.is_file():
            out.append(f"{path} is missing: run `make pages`")
        elif file.read_text(encoding="utf-8") != text:
            out.append(
                f"{path} is not what decision_tree/pages/provinces.py writes: run `make pages` "
                "(to change the page, change regions.toml, the catalog's regions.page or the generator)"
            )
    for folder in _folders(root):
        for file in sorted(folder.glob("*.md")) if folder.is_dir() else ():
            path = file.relative_to(root).as_posix()
            if path not in wanted:
                out.append(f"{path} is the page of no province in regions.toml: `make pages` removes it")
    return out


def write(root: Path) -> list[str]:
    """Writes every page that differs, removes the pages of no province; returns what it changed."""
    wanted = pages()
    changed = []
    for path, text in sorted(wanted.items()):
        file = root / path
        if not file.is_file() or file.read_text(encoding="utf-8") != text:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
            changed.append(f"wrote {path}")
    for folder in _folders(root):
        for file in sorted(folder.glob("*.md")) if folder.is_dir() else ():
            path = file.relative_to(root).as_posix()
            if path not in wanted:
                file.unlink()
                changed.append(f"removed {path}")
    return changed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--write"]):
        print("usage: python -m decision_tree.pages.provinces [--write]", file=sys.stderr)
        return 2
    if args == ["--write"]:
        for line in write(Path.cwd()):
            print(line)
        return 0
    found = problems(Path.cwd())
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
