"""Build the whole site: the MkDocs pages, plus the files the tree and the tools load at run time.

Nothing is loaded from elsewhere, and everything that can be cached for good has its version in
its path (decision_tree.pages.tree_page):

- ``assets/pyodide/<version>/``: the Pyodide runtime from the pinned npm package (its loader, the
  asm module, the wasm; not its standard library, not its lock file);
- ``assets/tree/<bundle id>/``: the Python the browser runs, made inside Pyodide by
  scripts/pyodide_bundle.mjs (the package compiled with a snapshot of its content, the trimmed
  standard library, the Public Suffix List for the tools), a minimal lock file, and every result
  of the tree prerendered (``results/``);
- beside every large text or archive, its ``.br`` and ``.gz`` (scripts/serve.py serves them, as a
  host configured like deploy/nginx.conf does).

Made files are kept in ``build/cache/`` under the bundle id, so a build that changes only pages
takes seconds.

    python scripts/build_site.py [OUTPUT_DIR]      (default: site/)
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "cache"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
# Files compressed beside themselves: text and stored archives of more than a few hundred bytes.
COMPRESSED_SUFFIXES = (".wasm", ".mjs", ".js", ".json", ".html", ".css", ".zip", ".xml", ".svg", ".txt")
MIN_COMPRESSED = 1024
# The Public Suffix List's files the browser never runs (tests, the list's downloader).
PSL_LEAVE_OUT = ("publicsuffixlist/test.py", "publicsuffixlist/test_psl.txt", "publicsuffixlist/update.py", "/entry_points.txt")


class BuildError(Exception):
    pass


def run(cmd: list[str]) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BuildError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr[-4000:]}")
    return proc.stdout


# Each edition: its configuration, and its folder in the site (mkdocs.zh.yml says why two configurations).
EDITIONS = (("mkdocs.yml", ""), ("mkdocs.zh.yml", "zh"))


def build_pages(out: Path) -> None:
    """Both editions, strictly; the English one first, since a build empties its folder (and zh/ is in it)."""
    from decision_tree.pages import editions

    problems = editions.problems(ROOT)
    if problems:
        raise BuildError("the two editions do not have the same pages:\n  " + "\n  ".join(problems))
    for config, folder in EDITIONS:
        run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(out / folder)])


def copy_runtime(out: Path) -> Path:
    from decision_tree.pages import tree_page

    source = ROOT / "node_modules" / "pyodide"
    missing = [name for name in RUNTIME_FILES if not (source / name).is_file()]
    if missing:
        raise BuildError(f"Pyodide runtime files missing from {source}: {', '.join(missing)}. Run `npm ci` (make does).")
    target = out / tree_page.runtime_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(source / name, target / name)
    return target


def build_wheel(out: Path) -> Path:
    """A wheel of decision_tree from this checkout (the bundle is made from it; tests load it too)."""
    target = out / "assets" / "tree"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp, str(ROOT)])
        wheels = list(Path(tmp).glob("*.whl"))
        if len(wheels) != 1:
            raise BuildError(f"expected one wheel, got {wheels}")
        shutil.copy2(wheels[0], target / wheels[0].name)
        return target / wheels[0].name


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def wheel_from_installed(dist_name: str, target: Path, leave_out: tuple[str, ...] = ()) -> Path:
    """A wheel of an installed pure-Python distribution, rebuilt from its installed files, less
    those whose path ends with one of ``leave_out``.

    The browser then runs exactly the version the tests ran on CPython, and the build needs no
    network. Only a pure-Python ("py3-none-any") distribution can be carried over like this.
    """
    dist = metadata.distribution(dist_name)
    if "Root-Is-Purelib: true" not in (dist.read_text("WHEEL") or ""):
        raise BuildError(f"{dist_name} is not a pure-Python wheel; the browser cannot use it as installed")
    files = [
        f for f in dist.files or []
        if "__pycache__" not in f.parts and not str(f).startswith("..") and not str(f).endswith(leave_out)
        and f.name not in ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")
    ]
    name = dist.metadata["Name"].replace("-", "_")
    info = f"{name}-{dist.version}.dist-info"
    path = target / f"{name}-{dist.version}-py3-none-any.whl"
    record: list[str] = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as wheel:
        for file in sorted(files, key=str):
            data = Path(str(dist.locate_file(file))).read_bytes()
            # A fixed date: the same sources give the same wheel, byte for byte.
            wheel.writestr(zipfile.ZipInfo(str(file), date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
            record.append(_record_line(str(file), data))
        record.append(f"{info}/RECORD,,")
        wheel.writestr(zipfile.ZipInfo(f"{info}/RECORD", date_time=(1980, 1, 1, 0, 0, 0)), "\n".join(record) + "\n",
                       zipfile.ZIP_DEFLATED)
    return path


def _cached(name: str) -> Path:
    from decision_tree.pages import tree_page

    return CACHE / f"bundle-{tree_page.bundle_id()}" / name


def make_bundle() -> dict[str, object]:
    """The browser's Python (python.zip, stdlib.zip, psl.zip), made inside Pyodide, or from the cache."""
    report = _cached("bundle.json")
    if report.is_file():
        found: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
        return found
    node = shutil.which("node")
    if not node:
        raise BuildError("Node.js is needed to build the browser's Python (apt-get install nodejs; make does)")
    CACHE.mkdir(parents=True, exist_ok=True)
    # Made aside, then moved into place whole: two builds at once never see half a bundle.
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        wheels, folder = Path(tmp) / "wheels", Path(tmp) / "bundle"
        tree = build_wheel(wheels)
        psl = wheel_from_installed("publicsuffixlist", wheels, PSL_LEAVE_OUT)
        output = run([node, str(ROOT / "scripts" / "pyodide_bundle.mjs"), str(folder), str(tree), str(psl)])
        made: dict[str, object] = json.loads(output.strip().splitlines()[-1])
        (folder / "bundle.json").write_text(json.dumps(made, indent=2), encoding="utf-8")
        report.parent.mkdir(parents=True, exist_ok=True)
        for name in ("python.zip", "stdlib.zip", "psl.zip", "bundle.json"):
            os.replace(folder / name, report.parent / name)  # the report last: it marks the bundle complete
    return made


def write_bundle(out: Path) -> Path:
    from decision_tree.pages import tree_page

    make_bundle()
    target = out / tree_page.bundle_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in ("python.zip", "stdlib.zip", "psl.zip"):
        shutil.copy2(_cached(name), target / name)
    lock = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    # Only the lock file's header: the site loads no package of Pyodide's.
    (target / "lock.json").write_text(json.dumps({"info": lock["info"], "packages": {}}), encoding="utf-8")
    return target


def write_results(out: Path) -> int:
    """Every result of the tree in each language, prerendered (decision_tree.pages.prerender), under
    the bundle where walk.mjs looks for them (prerender names the files)."""
    from decision_tree import load
    from decision_tree.messages import LANGUAGES, messages
    from decision_tree.pages import prerender, tree_page

    cache = _cached("results")  # the bundle's results folder, as it is in the bundle
    if not cache.is_dir():
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache.parent) as tmp:
            made = Path(tmp)
            for lang in LANGUAGES:
                for name, data in prerender.result_files(load(lang), messages(lang), "tree/").items():
                    path = made / name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            try:
                (made / prerender.RESULTS_DIR).rename(cache)  # whole, or not at all (another build may have been quicker)
            except OSError:
                if not cache.is_dir():
                    raise
    target = out / tree_page.bundle_dir() / prerender.RESULTS_DIR
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(cache, target)
    return sum(1 for _ in target.rglob("*.json"))


def _brotli(data: bytes) -> bytes:
    import brotli  # type: ignore[import-untyped]

    return bytes(brotli.compress(data, quality=11, lgwin=24))


def compress(files: Iterable[Path]) -> int:
    """``name.br`` and ``name.gz`` beside each file, made once per content (cached by its digest)."""
    count = 0
    store = CACHE / "compressed"
    store.mkdir(parents=True, exist_ok=True)
    for path in files:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        for suffix, method in ((".br", _brotli), (".gz", lambda d: gzip.compress(d, compresslevel=9, mtime=0))):
            kept = store / (digest + suffix)
            if not kept.is_file():
                kept.write_bytes(method(data))
            shutil.copy2(kept, path.with_name(path.name + suffix))
        count += 1
    return count


def compressible(out: Path) -> list[Path]:
    return [
        p for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in COMPRESSED_SUFFIXES and p.stat().st_size >= MIN_COMPRESSED
    ]


def build(out: Path, *, compressed: bool = True) -> None:
    build_pages(out)
    copy_runtime(out)
    write_bundle(out)
    write_results(out)
    if compressed:
        compress(compressible(out))


def main(argv: list[str]) -> int:
    out = Path(argv[1]).resolve() if len(argv) > 1 else ROOT / "site"
    try:
        build(out)
    except BuildError as exc:
        print(f"build_site: {exc}", file=sys.stderr)
        return 1
    print(f"Built the site into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
