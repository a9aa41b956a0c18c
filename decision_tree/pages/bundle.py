"""What the browser's Python is made of, and the keys that name what the build makes from it.

The browser loads three archives (``tree_page``): ``python.zip`` (the package compiled, with a
snapshot of its content in place of the content files), ``psl.zip`` (the Public Suffix List, for the
tools) and ``stdlib.zip`` (the part of the standard library they use). scripts/build_site.py makes
them in two parts that change for different reasons, each cached under a key made from exactly the
files it is made from:

- the **code**: the package's modules the browser runs and the Public Suffix List, compiled inside
  Pyodide (bytecode must come from Pyodide's Python), and the trimmed standard library, found by
  running them there (scripts/pyodide_bundle.mjs). Its key: those source files, the scripts that make
  it, Pyodide's version;
- the **snapshot** of the content (``content_snapshot.make``), pickled by CPython and added to the
  compiled package as one more file. A content edit changes only this, so Pyodide is not started again.

The prerendered results have their own key (``results_key``): the content and the modules that
render them. The bundle's id, its folder's name on the site, is made from all three keys, so that a
host may cache the folder's files for good and a reader never gets a stale one.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterable
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from .. import snapshot
from . import imports

PACKAGE_DIR = Path(__file__).resolve().parents[1]
# The checkout this package runs from (an editable install), where node_modules and scripts are.
CHECKOUT = PACKAGE_DIR.parent
# Never run in the browser: the build's page generators, the command line, tests, a downloader.
LEAVE_OUT = {
    "decision_tree": (
        "decision_tree/pages/", "decision_tree/cli.py", "decision_tree/__main__.py",
        "decision_tree/glossary.py", "decision_tree/content/glossary.toml",  # the build's and the check's only
    ),
    "publicsuffixlist": ("publicsuffixlist/test.py", "publicsuffixlist/test_psl.txt", "publicsuffixlist/update.py"),
}
# What else makes the code part: the scripts that build it and the Python start-up they share with the page.
CODE_INPUTS = (
    "scripts/pyodide_bundle.mjs", "scripts/pyodide_bundle.py", "scripts/pyodide_exercise.py",
    "docs/assets/tree/python-setup.mjs",
)
# The modules that read the content and render the prerendered results (``results_key``: these,
# and every module they import).
RESULTS_MADE_BY = ("decision_tree.loader", "decision_tree.pages.prerender")
# The module that writes the rules as data (``export_key``), and the schemas it publishes beside them.
EXPORT_MADE_BY = ("decision_tree.pages.data_export",)
EXPORT_SCHEMAS = PACKAGE_DIR / "pages" / "schemas"
EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed time stamps: the same sources give the same archive, byte for byte


class SiteAssetsError(Exception):
    """The runtime the page needs is not where the build expects it (``npm ci`` not run)."""


@cache
def pyodide_version() -> str:
    """The pinned Pyodide runtime's version (node_modules/pyodide, installed by ``npm ci``)."""
    manifest = CHECKOUT / "node_modules" / "pyodide" / "package.json"
    try:
        version: str = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    except (OSError, KeyError, ValueError) as exc:
        raise SiteAssetsError(f"Pyodide's runtime is missing ({manifest}): run `npm ci` (make does)") from exc
    return version


def _package_root(package: str) -> Path:
    return PACKAGE_DIR if package == "decision_tree" else Path(str(resources.files(package)))


def source_files(package: str) -> list[tuple[str, Path]]:
    """The files of ``package`` the browser loads, as (path in the archive, file), sorted: its modules
    and data, without what it never runs (``LEAVE_OUT``) and, for decision_tree, without the content
    files the snapshot stands for."""
    root = _package_root(package)
    leave_out = LEAVE_OUT.get(package, ())
    found = []
    for path in root.rglob("*"):
        name = f"{package}/{path.relative_to(root).as_posix()}"
        if not path.is_file() or "__pycache__" in path.parts or name.startswith(leave_out) or snapshot.replaces(name):
            continue
        found.append((name, path))
    return sorted(found)


def source_zip(package: str) -> bytes:
    """``source_files(package)`` as a stored zip (Pyodide compiles it; the server compresses it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, path in source_files(package):
            archive.writestr(zipfile.ZipInfo(name, date_time=EPOCH), path.read_bytes(), zipfile.ZIP_STORED)
    return buffer.getvalue()


def content_files() -> list[Path]:
    """The content files the snapshot is made from."""
    return sorted(p for p in (PACKAGE_DIR / "content").rglob("*")
                  if p.is_file() and snapshot.replaces(p.relative_to(CHECKOUT).as_posix()))


def _digest(files: Iterable[tuple[str, Path]], *extra: str) -> str:
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()[:12]


def _checkout_files(names: Iterable[str]) -> list[tuple[str, Path]]:
    return [(name, CHECKOUT / name) for name in names if (CHECKOUT / name).is_file()]


def _content() -> list[tuple[str, Path]]:
    return [(p.relative_to(CHECKOUT).as_posix(), p) for p in content_files()]


@cache
def code_key() -> str:
    """The code part's key: what the browser runs, the scripts that make it, the runtime's version."""
    files = source_files("decision_tree") + source_files("publicsuffixlist") + _checkout_files(CODE_INPUTS)
    return _digest(files, f"pyodide {pyodide_version()}", f"publicsuffixlist {metadata.version('publicsuffixlist')}")


@cache
def content_key() -> str:
    return _digest(_content())


@cache
def results_key() -> str:
    """The results' key: the content, and the modules that read it and render the results."""
    known = imports.modules()
    code = sorted(imports.closure(imports.graph(), RESULTS_MADE_BY))
    return _digest([*_content(), *((name, known[name]) for name in code)])


@cache
def export_key() -> str:
    """The data export's key: the content, the modules that read and write it, its schemas."""
    known = imports.modules()
    code = sorted(imports.closure(imports.graph(), EXPORT_MADE_BY))
    schemas = [(f"schemas/{p.name}", p) for p in sorted(EXPORT_SCHEMAS.glob("*.json"))]
    return _digest([*_content(), *((name, known[name]) for name in code), *schemas])


@cache
def bundle_id() -> str:
    """The bundle folder's name: it changes whenever anything in the folder could."""
    return _digest((), code_key(), content_key(), results_key())


def forget() -> None:
    """Drop the keys worked out so far (a long-running preview, after an edit)."""
    for function in (code_key, content_key, results_key, export_key, bundle_id):
        function.cache_clear()
