"""Build the site and pack it for a web server: ``dist/icp-filing-guide-site.tar.gz``.

The tarball holds one folder, ``icp-filing-guide-site/``, which is the web root that
deploy/nginx.conf serves (docs/hosting.md). It is made by scripts/build_site.py, so it has the
``.br``/``.gz`` copies beside large files and the versioned runtime and bundle paths.

The same commit gives the same tarball, byte for byte: entries sorted, owner root, fixed modes,
and every file's time the commit's time (``SOURCE_DATE_EPOCH`` when set). Not a fixed old date:
nginx makes ETag and Last-Modified from a file's time and size, so a page edited to the same
length under an unchanged time would be answered "304 Not Modified" and the edit never shown.

Before packing, the built pages' inline scripts (Material's, a few lines each) are checked against
the hashes in deploy/nginx.conf's Content-Security-Policy, so a theme update that changes them
cannot ship a configuration that blocks them; the message prints the line to paste.

    python scripts/dist.py [OUTPUT]      (default: dist/icp-filing-guide-site.tar.gz)
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import build_site

ROOT = Path(__file__).resolve().parent.parent
NAME = "icp-filing-guide-site"
DEFAULT_OUTPUT = ROOT / "dist" / f"{NAME}.tar.gz"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
# The theme's source maps: only a browser's developer tools ask for them, and the minified files
# they describe work without them (a tenth of the tarball's size went to them).
LEFT_OUT = (".map",)

# An inline classic script: <script> with no src and no type, or a JavaScript type. Data blocks
# (type="application/json") are not scripts to the browser and need no hash.
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_JS_TYPES = ("", "text/javascript", "application/javascript", "module")
_HASH = re.compile(r"'(sha256-[A-Za-z0-9+/=]+)'")


def source_time() -> int:
    """``SOURCE_DATE_EPOCH``, else the time of the commit checked out, else now."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    proc = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False)
    return int(proc.stdout.strip()) if proc.returncode == 0 and proc.stdout.strip() else int(time.time())


def inline_script_hashes(site: Path) -> dict[str, str]:
    """``'sha256-…'`` of every inline script in the site's pages, each with one page that has it."""
    found: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        for match in _SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attrs = match["attrs"]
            kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attrs, re.I)
            if re.search(r"\bsrc\s*=", attrs, re.I) or (kind and kind[1].lower() not in _JS_TYPES):
                continue
            digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode()
            found.setdefault(f"sha256-{digest}", str(page.relative_to(site)))
    return found


def configured_hashes(conf: Path = NGINX_CONF) -> set[str]:
    """The script hashes the configuration's Content-Security-Policy allows."""
    lines = [line for line in conf.read_text(encoding="utf-8").splitlines() if "Content-Security-Policy" in line]
    return {h for line in lines for h in _HASH.findall(line)}


def check_csp(site: Path, conf: Path = NGINX_CONF) -> list[str]:
    """What is wrong between the site's inline scripts and the configuration's hashes (empty: nothing)."""
    needed, allowed = inline_script_hashes(site), configured_hashes(conf)
    problems = [f"inline script in {page} is not allowed by {conf.name}: '{h}'" for h, page in needed.items() if h not in allowed]
    problems += [f"{conf.name} allows '{h}', which no page has any more" for h in sorted(allowed - needed.keys())]
    if problems:
        wanted = " ".join(f"'{h}'" for h in sorted(needed))
        problems.append(f"the script hashes for {conf.relative_to(ROOT) if conf.is_relative_to(ROOT) else conf}: {wanted}")
    return problems


def pack(site: Path, output: Path, mtime: int) -> None:
    """``site`` as ``NAME/`` in a gzipped tarball that depends only on its files and ``mtime``, less
    what a web server never sends a reader (``LEFT_OUT``)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        kept = (p for p in site.rglob("*") if not p.name.endswith(LEFT_OUT))
        paths = sorted(kept, key=lambda p: p.relative_to(site).as_posix())
        for path in [site, *paths]:
            rel = path.relative_to(site).as_posix()
            info = tarfile.TarInfo(NAME if rel == "." else f"{NAME}/{rel}")
            info.mtime, info.uid, info.gid, info.uname, info.gname = mtime, 0, 0, "root", "root"
            if path.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                data = path.read_bytes()
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    with open(partial, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(buffer.getvalue())
    os.replace(partial, output)


def make(output: Path = DEFAULT_OUTPUT, site: Path | None = None) -> Path:
    """Build the site into a temporary folder (or take ``site``, built by scripts/build_site.py),
    check it against deploy/nginx.conf, pack it."""
    with tempfile.TemporaryDirectory(prefix="icp-dist-") as tmp:
        if site is None:
            site = Path(tmp) / NAME
            build_site.build(site)
        problems = check_csp(site)
        if problems:
            raise build_site.BuildError("deploy/nginx.conf's Content-Security-Policy does not fit the pages:\n  "
                                        + "\n  ".join(problems))
        pack(site, output, source_time())
    return output


def main(argv: list[str]) -> int:
    output = Path(argv[1]).resolve() if len(argv) > 1 else DEFAULT_OUTPUT
    try:
        made = make(output)
    except build_site.BuildError as exc:
        print(f"dist: {exc}", file=sys.stderr)
        return 1
    size = made.stat().st_size
    shown = made.relative_to(ROOT) if made.is_relative_to(ROOT) else made
    print(f"Wrote {shown} ({size / 1_000_000:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
