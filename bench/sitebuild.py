"""The benchmark's private copy of the site: built by scripts/build_site.py (or copied from --site),
plus the bare Pyodide page it is compared with. Also the build's timings and the runtime's file sizes.

The bare page (bench/bare.html) loads Pyodide with its default, full standard library, which the site
no longer ships: python_stdlib.zip and pyodide-lock.json are copied from node_modules/pyodide into the
copy's versioned runtime directory (with .br/.gz siblings, as the build makes them), for this copy only.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from config import BENCH, ROOT

from decision_tree.pages import prerender, tree_page

sys.path.insert(0, str(ROOT / "scripts"))
import build_site

sys.path.pop(0)

BuildError = build_site.BuildError
BARE_RUNTIME_FILES = ("python_stdlib.zip", "pyodide-lock.json")  # what bare.html needs beyond the site's runtime
PYODIDE_DIR = "{{pyodide}}"  # in bare.html: the runtime directory, relative to bench/


def build(out: Path, *, strict: bool) -> dict[str, float]:
    """scripts/build_site.py's build into ``out`` (MkDocs not strict, for development, when told);
    returns the seconds each step took."""
    return build_site.build(out, strict=strict).seconds


def time_page_builds(count: int, strict: bool, tmp: Path) -> list[float]:
    """Seconds for the build's pages step alone (both editions), ``count`` times."""
    times = []
    for i in range(count):
        out = tmp / f"pages-{i}"
        times.append(build_site.build(out, strict=strict, steps=("pages",)).seconds["pages"])
        shutil.rmtree(out, ignore_errors=True)
    return times


def add_bare_page(site: Path) -> Path:
    """bench/bare.html in the copy, pointed at the versioned runtime, with the files it needs beside the runtime."""
    runtime = site / tree_page.runtime_dir()
    if not runtime.is_dir():
        raise build_site.BuildError(f"no Pyodide runtime at {runtime}: is {site} a site built by scripts/build_site.py?")
    source = ROOT / "node_modules" / "pyodide"
    for name in BARE_RUNTIME_FILES:
        shutil.copy2(source / name, runtime / name)
    build_site.compress(runtime / name for name in BARE_RUNTIME_FILES)
    page = site / "bench" / "bare.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    html = (BENCH / "bare.html").read_text(encoding="utf-8")
    page.write_text(html.replace(PYODIDE_DIR, "../" + tree_page.runtime_dir()), encoding="utf-8")
    return page


def runtime_dir(site: Path) -> Path:
    return site / tree_page.runtime_dir()


def bundle_dir(site: Path) -> Path:
    return site / tree_page.bundle_dir()


def _sizes(path: Path) -> dict[str, int | None]:
    def size(p: Path) -> int | None:
        return p.stat().st_size if p.is_file() else None

    return {"raw": path.stat().st_size, "gzip": size(path.with_name(path.name + ".gz")),
            "brotli": size(path.with_name(path.name + ".br"))}


def file_sizes(site: Path) -> dict[str, Any]:
    """Raw, gzip and brotli sizes of the tree's files as the build wrote them (the .gz/.br siblings it made;
    none for files under 1 kB): the runtime, the bundle, the results (summed), the tree's scripts."""
    files: list[dict[str, Any]] = []
    runtime = runtime_dir(site)
    for name in build_site.RUNTIME_FILES:
        files.append({"group": "runtime", "name": f"{tree_page.runtime_dir()}{name}", **_sizes(runtime / name)})
    bundle = bundle_dir(site)
    for path in sorted(p for p in bundle.iterdir() if p.is_file() and p.suffix not in (".br", ".gz")):
        files.append({"group": "bundle", "name": f"{tree_page.bundle_dir()}{path.name}", **_sizes(path)})
    results = sorted((bundle / prerender.RESULTS_DIR).rglob("*.json"))
    if results:
        sizes = [_sizes(p) for p in results]
        label = f"{tree_page.bundle_dir()}{prerender.RESULTS_DIR} ({len(results)} files)"
        total: dict[str, Any] = {"group": "results", "name": label}
        for key in ("raw", "gzip", "brotli"):
            total[key] = sum((s[key] or s["raw"] or 0) for s in sizes)
        total["largest_brotli"] = max((s["brotli"] or s["raw"] or 0) for s in sizes)
        files.append(total)
    scripts = site / "assets" / "tree"
    for path in sorted(p for p in scripts.iterdir() if p.is_file() and p.suffix in (".js", ".mjs")):
        files.append({"group": "scripts", "name": f"assets/tree/{path.name}", **_sizes(path)})
    return {"files": files}
