"""Build the whole site: the MkDocs pages, plus the files the tree page loads at run time.

The pages come from `mkdocs build --strict`. The tree widget then needs, inside the site itself
(nothing is loaded from elsewhere): Pyodide's runtime files from the pinned npm package, and a wheel
of `decision_tree` built from this checkout.

    python scripts/build_site.py [OUTPUT_DIR]      (default: site/)
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
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
    wheel_meta = dist.read_text("WHEEL") or ""
    if "Root-Is-Purelib: true" not in wheel_meta:
        raise BuildError(f"{dist_name} is not a pure-Python wheel; the browser cannot use it as installed")
    files = [
        f for f in dist.files or []
        if "__pycache__" not in f.parts and not str(f).startswith("..") and not str(f).endswith(leave_out)
        and f.name not in ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")
    ]
    from decision_tree.pages.tree_page import wheel_name

    name = dist.metadata["Name"].replace("-", "_")
    info = f"{name}-{dist.version}.dist-info"
    path = target / wheel_name(dist_name)
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


def vendor_wheels(out: Path) -> list[Path]:
    target = out / "assets" / "tree"
    target.mkdir(parents=True, exist_ok=True)
    from decision_tree.pages.tree_page import TOOL_PACKAGES

    return [wheel_from_installed(name, target, leave_out) for name, leave_out in TOOL_PACKAGES.items()]


def build(out: Path) -> None:
    build_pages(out)
    copy_runtime(out)
    build_wheel(out)
    vendor_wheels(out)


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
