"""The build's parts that need no build: what goes into the browser's bundle, the keys of what the
build caches, the compressed copies, the pruning of old caches, the step list (scripts/build_site.py,
decision_tree/pages/bundle.py)."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import brotli  # type: ignore[import-untyped]
import pytest

from decision_tree import snapshot
from decision_tree.pages import bundle, imports

from .conftest import ROOT, build_site

sys.path.insert(0, str(ROOT / "scripts"))
import pyodide_bundle

sys.path.pop(0)


def test_the_bundle_holds_what_the_browser_runs_and_nothing_it_does_not() -> None:
    names = [name for name, _ in bundle.source_files("decision_tree")]
    assert "decision_tree/web.py" in names and "decision_tree/tools/web.py" in names
    assert not [n for n in names if n.startswith(bundle.LEAVE_OUT["decision_tree"]) or "__pycache__" in n]
    assert not [n for n in names if n.startswith("decision_tree/content/")]  # the snapshot stands for them
    psl = [name for name, _ in bundle.source_files("publicsuffixlist")]
    assert "publicsuffixlist/__init__.py" in psl and "publicsuffixlist/test.py" not in psl


def test_the_snapshot_is_made_from_the_content_files_it_stands_for() -> None:
    files = [p.relative_to(ROOT).as_posix() for p in bundle.content_files()]
    assert "decision_tree/content/tree.toml" in files and "decision_tree/content/messages/zh.toml" in files
    assert all(snapshot.replaces(f) for f in files)
    assert "decision_tree/content/glossary.toml" not in files  # the check's and the glossary page's only


def test_the_results_are_keyed_by_the_modules_that_render_them() -> None:
    rendering = imports.closure(imports.graph(), bundle.RESULTS_MADE_BY)
    assert {"decision_tree.widget", "decision_tree.markup", "decision_tree.loader", "decision_tree.messages"} <= rendering
    others = ("decision_tree.cli", "decision_tree.glossary")
    assert not [m for m in rendering if m.startswith("decision_tree.tools") or m in others]


def test_the_snapshot_is_the_same_bytes_in_every_process() -> None:
    # python.zip, and so the dist tarball, must not depend on the build process's hash seed.
    code = ("import sys, hashlib; sys.path.insert(0, 'scripts'); import build_site;"
            " print(hashlib.sha256(build_site.snapshot_bytes()).hexdigest())")
    digests = {
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_the_snapshot_joins_the_compiled_package_as_one_more_file() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("decision_tree/web.pyc", b"code")
    made = pyodide_bundle.with_snapshot(buffer.getvalue(), build_site.SNAPSHOT_NAME, b"data")
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert archive.namelist() == ["decision_tree/web.pyc", f"decision_tree/content/{snapshot.FILE}"]
        assert archive.read(build_site.SNAPSHOT_NAME) == b"data"
        assert archive.getinfo(build_site.SNAPSHOT_NAME).compress_type == zipfile.ZIP_STORED


def test_compressed_copies_are_the_file_and_made_once(tmp_path: Path) -> None:
    site, store = tmp_path / "site", tmp_path / "store"
    site.mkdir()
    files = [site / "a.html", site / "b.json"]
    files[0].write_text("<p>備案</p>" * 500, encoding="utf-8")
    files[1].write_text('{"a": 1}' * 400, encoding="utf-8")
    assert build_site.compress(files, jobs=2, store=store) == 2
    for path in files:
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes()
    kept = {p.name: p.stat().st_mtime_ns for p in store.iterdir()}
    assert len(kept) == 4
    build_site.compress(files, jobs=1, store=store)
    assert {p.name for p in store.iterdir()} == set(kept)  # the same contents: nothing made again


def test_what_no_build_used_for_a_day_is_pruned(tmp_path: Path) -> None:
    now = 1_800_000_000.0
    old, recent = now - build_site.CACHE_KEPT_S - 60, now - 60
    entries = {"code-old": old, "results-recent": recent, "compressed/aa.br": old, "compressed/bb.gz": recent}
    for name, when in entries.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if "." in name:
            path.write_bytes(b"x")
        else:
            path.mkdir()
        os.utime(path, (when, when))
    os.utime(tmp_path / "compressed", (old, old))  # the store itself is never pruned
    gone = build_site.prune(now, cache=tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in gone) == ["code-old", "compressed/aa.br"]
    assert (tmp_path / "results-recent").is_dir() and (tmp_path / "compressed" / "bb.gz").is_file()


def test_an_unknown_step_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    with pytest.raises(build_site.BuildError, match="no build step paegs"):
        build_site.build(tmp_path / "site", steps=("paegs",))
    assert not (tmp_path / "site").exists()


def test_every_step_is_named_once_and_the_pages_come_first() -> None:
    assert build_site.STEP_NAMES[0] == "pages"  # the English edition's build empties the site's folder
    assert len(set(build_site.STEP_NAMES)) == len(build_site.STEPS)
