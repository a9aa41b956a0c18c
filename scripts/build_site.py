"""Build the whole site: the MkDocs pages, plus the files the tree and the tools load at run time.

Nothing is loaded from elsewhere, and everything that can be cached for good has its version in
its path (decision_tree.pages.tree_page):

- ``assets/pyodide/<version>/``: the Pyodide runtime from the pinned npm package (its loader, the
  asm module, the wasm; not its standard library, not its lock file);
- ``assets/tree/<bundle id>/``: the Python the browser runs (decision_tree.pages.bundle: the package
  compiled inside Pyodide by scripts/pyodide_bundle.mjs, with a snapshot of its content; the
  trimmed standard library; the Public Suffix List for the tools), a minimal lock file, and every
  result of the tree prerendered (``results/``);
- ``changes/feed.xml`` in each edition: the "What changed" page as an Atom feed (decision_tree.pages.feed;
  its links are absolute when ``SITE_URL`` gives the site's address);
- ``data/``: the content as versioned JSON files with their JSON Schemas (decision_tree.pages.data_export);
- beside every large text or archive, its ``.br`` and ``.gz`` (scripts/serve.py serves them, as a
  host configured like deploy/nginx.conf does).

The build is one list of steps (``STEPS``), which `make build`, `make dev` (scripts/dev_hooks.py)
and `make bench` all run. What a step makes is kept in ``build/cache/`` under a key made from the
files it is made from (the compiled code, the results, each compressed file), so a build after an
edit makes again only what the edit changed; caches no build has used for a day are removed.

    python scripts/build_site.py [OUTPUT_DIR]      (default: site/)
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import pyodide_bundle
from decision_tree import load, snapshot
from decision_tree.messages import LANGUAGES, messages
from decision_tree.pages import (
    bundle,
    content_snapshot,
    data_export,
    editions,
    feed,
    prerender,
    provinces,
    site,
    theme,
    tree_page,
)

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "cache"
# The rules as data on the site: beside the page that explains them (docs/data.md is data/ too).
DATA_DIR = "data"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
# Files compressed beside themselves: text and stored archives of more than a few hundred bytes.
COMPRESSED_SUFFIXES = (".wasm", ".mjs", ".js", ".json", ".html", ".css", ".zip", ".xml", ".svg", ".txt")
MIN_COMPRESSED = 1024
# Brotli's best, measured against 9 (2026-12, this machine): the results' 188 files of 1 kB or more,
# 331,789 bytes against 368,694 (10 % less to send) for 1.5 s of CPU against 0.6 s; the Pyodide
# wasm, every reader's largest download, 2,766,607 bytes against 3,129,790 (362 kB less; seconds on
# a slow link to the mainland) for 26 s against 2 s, made once per Pyodide version and then cached.
BROTLI_QUALITY = 11
# A cache entry no build has used for this long is removed (a build in another checkout of the
# same cache, or a test session's, may still be using what this one did not).
CACHE_KEPT_S = 24 * 3600


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
# Each edition's language, by its folder (the configurations' theme.language).
EDITION_LANGUAGES = {"": "en", "zh": "zh"}


def build_pages(out: Path, *, strict: bool = True) -> str:
    """Both editions (strictly, unless told otherwise), at once; returns what MkDocs printed.

    A build empties its folder, and the Chinese edition's folder is inside the English one's: the
    Chinese pages are built beside it and moved in when both are done.
    """
    problems = editions.problems(ROOT) + provinces.problems(ROOT)
    if problems:
        raise BuildError("the pages cannot be built as they are:\n  " + "\n  ".join(problems))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}-") as aside:
        built = {folder: Path(aside) / folder if folder else out for _, folder in EDITIONS}
        running = []
        for config, folder in EDITIONS:
            cmd = [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-f", config,
                   "--site-dir", str(built[folder])]
            pipe = subprocess.PIPE
            running.append((cmd, subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=pipe, stderr=pipe, text=True)))
        said, failed = "", []
        for cmd, proc in running:
            stdout, stderr = proc.communicate()
            said += stdout + stderr
            if proc.returncode != 0:
                failed.append(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stdout}\n{stderr[-4000:]}")
        if failed:
            raise BuildError("\n".join(failed))
        for folder, made in built.items():
            if folder:
                shutil.rmtree(out / folder, ignore_errors=True)
                os.replace(made, out / folder)
    return said


def write_alternates(out: Path) -> None:
    """What the templates cannot do for the editions' links (decision_tree.pages.site): the theme's
    ``hreflang`` links, to the other edition's home page, go from every page (overrides/main.html
    writes the right ones when SITE_URL is set); with SITE_URL, each sitemap lists its pages with
    the same page in the other edition, and the root's lists both editions; without it, the other
    editions' 404 pages, written for a site at "/", are moved into their folders."""
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        kept = site.strip_theme_alternates(html)
        if kept != html:
            page.write_text(kept, encoding="utf-8")
    root = site.site_url()
    built = {lang: folder for lang, folder in site.EDITION_FOLDERS.items() if (out / folder / "index.html").is_file()}
    if root is None:
        for folder in filter(None, built.values()):
            missing = out / folder / "404.html"
            if missing.is_file():
                missing.write_text(site.rebase_root_links(missing.read_text(encoding="utf-8"), "/" + folder), encoding="utf-8")
        return
    roots = site.edition_urls(root) or {}
    maps = {lang: out / folder / "sitemap.xml" for lang, folder in built.items() if (out / folder / "sitemap.xml").is_file()}
    pages = {lang: site.read_sitemap(path.read_text(encoding="utf-8"), roots[lang]) for lang, path in maps.items()}
    for lang, path in maps.items():
        # A sitemap lists only addresses under its own folder (sitemaps.org): the root's has every edition.
        listed = tuple(pages) if not site.EDITION_FOLDERS[lang] else (lang,)
        xml = site.sitemap(pages, roots, listed)
        path.write_text(xml, encoding="utf-8")
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(xml.encode("utf-8"), compresslevel=9, mtime=0))


def copy_runtime(out: Path) -> Path:
    source = ROOT / "node_modules" / "pyodide"
    missing = [name for name in RUNTIME_FILES if not (source / name).is_file()]
    if missing:
        raise BuildError(f"Pyodide runtime files missing from {source}: {', '.join(missing)}. Run `npm ci` (make does).")
    target = out / tree_page.runtime_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(source / name, target / name)
    return target


def _made_once(folder: Path, make: Callable[[Path], None]) -> Path:
    """``folder`` in the cache, made by ``make`` into a temporary folder beside it the first time,
    then moved into place whole: two builds at once never see half of it."""
    if folder.is_dir():
        os.utime(folder)  # used: kept by ``prune``
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=f".{folder.name}-") as tmp:
        made = Path(tmp) / "made"
        made.mkdir()
        make(made)
        try:
            made.rename(folder)
        except OSError:
            if not folder.is_dir():  # else another build was quicker, with the same files
                raise
    return folder


def _make_code(folder: Path) -> None:
    node = shutil.which("node")
    if not node:
        raise BuildError("Node.js is needed to build the browser's Python (apt-get install nodejs; make does)")
    with tempfile.TemporaryDirectory() as tmp:
        given = {name: Path(tmp) / name for name in ("code-source.zip", "psl-source.zip", "snapshot.pickle")}
        given["code-source.zip"].write_bytes(bundle.source_zip("decision_tree"))
        given["psl-source.zip"].write_bytes(bundle.source_zip("publicsuffixlist"))
        given["snapshot.pickle"].write_bytes(snapshot_bytes())  # for the exercise only: python.zip gets its own
        output = run([node, str(ROOT / "scripts" / "pyodide_bundle.mjs"), str(folder), *map(str, given.values()), SNAPSHOT_NAME])
    report = json.loads(output.strip().splitlines()[-1])
    (folder / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


def code() -> Path:
    """The compiled code, the Public Suffix List and the trimmed standard library (cached by ``bundle.code_key``)."""
    return _made_once(CACHE / f"code-{bundle.code_key()}", _make_code)


SNAPSHOT_NAME = f"decision_tree/content/{snapshot.FILE}"


def snapshot_bytes() -> bytes:
    return pickle.dumps(content_snapshot.make(), protocol=pickle.HIGHEST_PROTOCOL)


def write_bundle(out: Path) -> Path:
    """The browser's Python: python.zip (the compiled code with this content's snapshot), stdlib.zip, psl.zip."""
    made = code()
    target = out / tree_page.bundle_dir()
    target.mkdir(parents=True, exist_ok=True)
    python = pyodide_bundle.with_snapshot((made / "code.zip").read_bytes(), SNAPSHOT_NAME, snapshot_bytes())
    (target / "python.zip").write_bytes(python)
    for name in ("stdlib.zip", "psl.zip"):
        shutil.copy2(made / name, target / name)
    lock = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    # Only the lock file's header: the site loads no package of Pyodide's.
    (target / "lock.json").write_text(json.dumps({"info": lock["info"], "packages": {}}), encoding="utf-8")
    return target


def _results_of(lang: str, folder: str) -> int:
    """One language's results, written under ``folder`` (run in a worker process: see ``write_results``)."""
    files = prerender.result_files(load(lang), messages(lang), "tree/")
    for name, data in files.items():
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(files)


def _make_results(folder: Path) -> None:
    # One process per language: rendering every result is the step's whole cost.
    with ProcessPoolExecutor(max_workers=min(len(LANGUAGES), os.cpu_count() or 1)) as pool:
        list(pool.map(_results_of, LANGUAGES, [str(folder)] * len(LANGUAGES)))


def write_results(out: Path) -> int:
    """Every result of the tree in each language, prerendered (decision_tree.pages.prerender), under
    the bundle where walk.js looks for them: prerender names the files (cached by ``bundle.results_key``)."""
    made = _made_once(CACHE / f"results-{bundle.results_key()}", _make_results) / prerender.RESULTS_DIR
    target = out / tree_page.bundle_dir() / prerender.RESULTS_DIR
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(made, target)
    return sum(1 for _ in target.rglob("*.json"))


def write_feeds(out: Path) -> list[Path]:
    """The "What changed" page's feed in each edition, beside the page (a few kilobytes: made every build,
    since its links follow ``SITE_URL``)."""
    try:
        site = feed.site_url()
    except feed.SiteUrlError as exc:
        raise BuildError(str(exc)) from exc
    written = []
    for _, folder in EDITIONS:
        lang = EDITION_LANGUAGES[folder]
        prefix = f"{folder}/" if folder else ""
        path = out / prefix / theme.CHANGES_FEED
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(feed.feed_xml(load(lang), messages(lang), feed.edition_base(prefix, site)))
        written.append(path)
    return written


def _make_data(folder: Path) -> None:
    data_export.write(folder, data_export.export(data_export.texts()))


def write_data(out: Path) -> int:
    """The rules as data under ``data/`` (decision_tree.pages.data_export; cached by ``bundle.export_key``)."""
    made = _made_once(CACHE / f"data-{bundle.export_key()}", _make_data)
    target = out / DATA_DIR
    target.mkdir(parents=True, exist_ok=True)
    copied = 0
    for file in sorted(made.rglob("*")):
        if file.is_file():
            (target / file.relative_to(made)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target / file.relative_to(made))
            copied += 1
    return copied


def _compressed(path: str, store: str) -> str:
    """``path``'s content compressed both ways into ``store``, named by its digest, unless there
    already (run in a worker process: see ``compress``); returns the digest."""
    import brotli  # type: ignore[import-untyped]

    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    makers: dict[str, Callable[[bytes], bytes]] = {
        ".br": lambda d: bytes(brotli.compress(d, quality=BROTLI_QUALITY, lgwin=24)),
        ".gz": lambda d: gzip.compress(d, compresslevel=9, mtime=0),
    }
    for suffix, method in makers.items():
        kept = Path(store) / (digest + suffix)
        if kept.is_file():
            os.utime(kept)  # used: kept by ``prune``
            continue
        partial = kept.with_name(f"{kept.name}.{os.getpid()}.part")
        partial.write_bytes(method(data))
        os.replace(partial, kept)
    return digest


def compress(files: Iterable[Path], jobs: int | None = None, store: Path = CACHE / "compressed") -> int:
    """``name.br`` and ``name.gz`` beside each file, made once per content (kept in ``store`` by its
    digest), on every core: the largest files first, so that no core is left with a big one at the end."""
    store.mkdir(parents=True, exist_ok=True)
    paths = sorted(files, key=lambda p: -p.stat().st_size)
    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        digests = list(pool.map(_compressed, map(str, paths), [str(store)] * len(paths), chunksize=8))
    for path, digest in zip(paths, digests, strict=True):
        for suffix in (".br", ".gz"):
            shutil.copy2(store / (digest + suffix), path.with_name(path.name + suffix))
    return len(paths)


def compressible(out: Path) -> list[Path]:
    return [
        p for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in COMPRESSED_SUFFIXES and p.stat().st_size >= MIN_COMPRESSED
    ]


def prune(now: float | None = None, cache: Path = CACHE) -> list[Path]:
    """Remove what no build has used for ``CACHE_KEPT_S`` (each build marks what it uses); returns what went."""
    limit = (time.time() if now is None else now) - CACHE_KEPT_S
    if not cache.is_dir():
        return []
    entries = [p for p in cache.iterdir() if p.name != "compressed"]
    if (cache / "compressed").is_dir():
        entries += list((cache / "compressed").iterdir())
    gone = []
    for entry in entries:
        if entry.lstat().st_mtime >= limit:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        gone.append(entry)
    return gone


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Path, bool], str]  # (the site's folder, whether MkDocs is strict) -> what its tools printed


def _silent(make: Callable[[Path], object]) -> Callable[[Path, bool], str]:
    def run(out: Path, strict: bool) -> str:
        make(out)
        return ""

    return run


# The build, in order. The pages come first: the English edition's build empties the site's folder.
STEPS = (
    Step("pages", lambda out, strict: build_pages(out, strict=strict)),
    Step("alternates", _silent(write_alternates)),
    Step("runtime", _silent(copy_runtime)),
    Step("bundle", _silent(write_bundle)),
    Step("results", _silent(write_results)),
    Step("feed", _silent(write_feeds)),
    Step("data", _silent(write_data)),
    Step("compress", _silent(lambda out: compress(compressible(out)))),
)
STEP_NAMES = tuple(step.name for step in STEPS)


@dataclass(frozen=True)
class Built:
    seconds: dict[str, float]  # by step, in the order run
    said: str  # what MkDocs printed (its warnings among it)


def build(out: Path, *, strict: bool = True, steps: Sequence[str] = STEP_NAMES) -> Built:
    """The steps named (all by default) into ``out``, in the order of ``STEPS``."""
    unknown = [name for name in steps if name not in STEP_NAMES]
    if unknown:
        raise BuildError(f"no build step {', '.join(unknown)} (steps: {', '.join(STEP_NAMES)})")
    try:
        site.site_url()  # before anything is built: the address every page names, if set
    except site.SiteUrlError as exc:
        raise BuildError(str(exc)) from None
    seconds: dict[str, float] = {}
    said = ""
    with ProcessPoolExecutor(max_workers=1) as early:
        # The runtime's files are known before anything is built, and its wasm takes longest of all
        # to compress: its copies are made beside the other steps, for the compress step to find.
        store = str(CACHE / "compressed")
        Path(store).mkdir(parents=True, exist_ok=True)
        runtime = ROOT / "node_modules" / "pyodide"
        ahead = [early.submit(_compressed, str(runtime / name), store)
                 for name in RUNTIME_FILES if "compress" in steps and (runtime / name).is_file()]
        for step in STEPS:
            if step.name in steps:
                started = time.perf_counter()
                if step.name == "compress":
                    wait(ahead)  # else the same file would be compressed twice at once
                said += step.run(out, strict)
                seconds[step.name] = time.perf_counter() - started
    prune()
    return Built(seconds, said)


def main(argv: list[str]) -> int:
    out = Path(argv[1]).resolve() if len(argv) > 1 else ROOT / "site"
    try:
        seconds = build(out).seconds
    except BuildError as exc:
        print(f"build_site: {exc}", file=sys.stderr)
        return 1
    steps = ", ".join(f"{name} {s:.1f} s" for name, s in seconds.items())
    print(f"Built the site into {out} in {sum(seconds.values()):.1f} s ({steps})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
