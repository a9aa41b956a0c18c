"""Build the whole site: the MkDocs pages, plus the files the tree page loads at run time.

The pages come from `mkdocs build --strict`. The tree widget then needs, inside the site itself
(nothing is loaded from elsewhere): Pyodide's runtime files from the pinned npm package, and a wheel
of `decision_tree` built from this checkout.

    python scripts/build_site.py [OUTPUT_DIR]      (default: site/)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Only what loadPyodide() fetches for a pure-Python app: loader, asm module, wasm, stdlib, lock.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


class BuildError(Exception):
    pass


def run(cmd: list[str]) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BuildError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


def build_pages(out: Path) -> None:
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)])


def copy_runtime(out: Path) -> None:
    source = ROOT / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (source / name).is_file()]
    if missing:
        raise BuildError(f"Pyodide runtime files missing from {source}: {', '.join(missing)}. Run `npm ci` (make does).")
    target = out / "assets" / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(source / name, target / name)


def build_wheel(out: Path) -> Path:
    target = out / "assets" / "tree"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp, str(ROOT)])
        wheels = list(Path(tmp).glob("*.whl"))
        if len(wheels) != 1:
            raise BuildError(f"expected one wheel, got {wheels}")
        shutil.copy2(wheels[0], target / wheels[0].name)
        return target / wheels[0].name


def build(out: Path) -> None:
    build_pages(out)
    copy_runtime(out)
    build_wheel(out)


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
