"""Copy the tree's browser files out of a built site, for another team's MkDocs or Zensical site.

    python -m decision_tree.pages.assets SOURCE DEST

SOURCE is a site built by scripts/build_site.py (``make build`` writes site/) or the tarball
``make dist`` writes; DEST is a folder in the team's docs (``docs/icp-assets``). The runtime and
the bundle are made with Node.js and Pyodide, so a team copies them rather than building them.
DEST gets the layout the ``icp-tree`` fence's ``assets`` option expects (tree_page.EMBED_*):

- ``pyodide/``: the Pyodide runtime (loader, asm module, wasm);
- ``bundle/``: the Python the browser runs, and every result prerendered;
- ``boot.js``, ``runtime.js``, ``worker.js``, ``python-setup.mjs``: the page's scripts;
- ``icp-tree.css``: the widget's styles (the guide's stylesheet);
- ``icp-assets.json``: what was copied from where (the versions), for the team's records.

Compressed siblings (``.br``, ``.gz``) come along, for a host that serves them.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

from . import tree_page

RUNTIME_VERSION = re.compile(r"^[0-9][^/]*$")
BUNDLE_ID = re.compile(r"^[0-9a-f]{12}$")


class AssetsError(Exception):
    pass


def _only(folder: Path, pattern: re.Pattern[str], what: str) -> Path:
    found = sorted(p for p in folder.iterdir() if p.is_dir() and pattern.match(p.name)) if folder.is_dir() else []
    if len(found) != 1:
        names = ", ".join(p.name for p in found) or "none"
        raise AssetsError(f"expected one {what} in {folder}, found {names}: is this a site built by scripts/build_site.py?")
    return found[0]


def find_site(root: Path) -> Path:
    """The built site's root in ``root``: itself, or the one folder of an unpacked tarball that has assets/."""
    if (root / "assets" / "pyodide").is_dir():
        return root
    inside = [p.parent.parent for p in root.glob("*/assets/pyodide")]
    if len(inside) == 1:
        return inside[0]
    raise AssetsError(f"{root} holds no built site (no assets/pyodide/): build one with `make build` or `make dist`")


def _with_siblings(source: Path, target: Path) -> None:
    for path in [source, *(source.with_name(source.name + s) for s in (".br", ".gz"))]:
        if path.is_file():
            shutil.copy2(path, target.with_name(target.name + path.name[len(source.name):]))


def copy_assets(site: Path, dest: Path) -> dict[str, str]:
    """Copy what the widget loads from the built ``site`` into ``dest``; return the manifest written."""
    assets = site / "assets"
    runtime = _only(assets / "pyodide", RUNTIME_VERSION, "Pyodide runtime version folder")
    bundle = _only(assets / "tree", BUNDLE_ID, "bundle folder")
    scripts = assets / "tree"
    missing = [n for n in tree_page.EMBED_SCRIPTS if not (scripts / n).is_file()]
    if missing or not (assets / "extra.css").is_file():
        raise AssetsError(f"{site} lacks {', '.join(missing) or 'assets/extra.css'}: is this a whole built site?")
    dest.mkdir(parents=True, exist_ok=True)
    for folder, name in ((runtime, tree_page.EMBED_RUNTIME), (bundle, tree_page.EMBED_BUNDLE)):
        target = dest / name.rstrip("/")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(folder, target)
    for name in tree_page.EMBED_SCRIPTS:
        _with_siblings(scripts / name, dest / name)
    _with_siblings(assets / "extra.css", dest / tree_page.EMBED_CSS)
    manifest = {"pyodide": runtime.name, "bundle": bundle.name, "copied_from": str(site)}
    (dest / "icp-assets.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def copy_from(source: Path, dest: Path) -> dict[str, str]:
    """Copy from a built site folder or from a ``.tar.gz`` of one."""
    if source.is_dir():
        return copy_assets(find_site(source), dest)
    if source.is_file() and source.name.endswith((".tar.gz", ".tgz", ".tar")):
        with tempfile.TemporaryDirectory() as tmp, tarfile.open(source) as tar:
            tar.extractall(tmp, filter="data")
            manifest = copy_assets(find_site(Path(tmp)), dest)
        manifest["copied_from"] = str(source)
        (dest / "icp-assets.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        return manifest
    raise AssetsError(f"{source} is neither a built site folder nor a .tar.gz of one")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python -m decision_tree.pages.assets SOURCE DEST  (SOURCE: a built site or its .tar.gz)", file=sys.stderr)
        return 2
    try:
        manifest = copy_from(Path(argv[1]), Path(argv[2]))
    except (AssetsError, OSError, tarfile.TarError) as exc:
        print(f"assets: {exc}", file=sys.stderr)
        return 1
    print(f"Copied Pyodide {manifest['pyodide']} and bundle {manifest['bundle']} into {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
