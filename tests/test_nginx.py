"""The `make dist` tarball served by Debian's nginx with deploy/nginx.conf, driven by Chromium.

The tarball is packed (scripts/dist.py) from the session's built site (tests/conftest.py) and
unpacked into a temporary folder; nginx runs as the current user on a free loopback port, with
its pid, logs and temporary files in a temporary prefix, from a small main configuration that
includes deploy/nginx.conf with only its `listen` and `root` changed (and `brotli_static` turned
on where Debian's module is installed, and the HSTS line, as the file's comments say to). The
Content-Security-Policy gets a `report-uri` here, so that a violation anywhere, in the page or in
Pyodide's worker, shows in nginx's access log.
"""

from __future__ import annotations

import getpass
import grp
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from decision_tree import State, load
from decision_tree.messages import messages
from decision_tree.pages import tree_page

from .conftest import BuiltSite
from .test_browser import READY, click_choice, current_id

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "deploy" / "nginx.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")
REPORTS = "/__csp-report"
IMMUTABLE = "public, max-age=31536000, immutable"
PY_TIMEOUT = 90_000

sys.path.insert(0, str(ROOT / "scripts"))
import dist  # noqa: E402

sys.path.pop(0)


def nginx_path() -> str:
    # Debian puts it in /usr/sbin, which is not on every user's PATH.
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not path:
        pytest.skip("nginx not found: install Debian's 'nginx' package (make test does, as root)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def site_conf(root: Path, port: int, brotli: bool) -> str:
    """deploy/nginx.conf as served here: each change must find its line, or the file has moved on."""
    text = CONF.read_text(encoding="utf-8")
    changes = [
        (r"^(\s*)listen 80;$", rf"\1listen 127.0.0.1:{port};"),
        (r"^\s*listen \[::\]:80;\n", ""),
        (r"^(\s*)root /var/www/icp-filing-guide-site;$", rf"\1root {root};"),
        (r"""frame-ancestors 'self'" always;$""", f"""frame-ancestors 'self'; report-uri {REPORTS}" always;"""),
    ]
    # The line for a site served over HTTPS: here over HTTP, which browsers ignore it on, to show
    # that nginx takes it as it is written and sends it with every answer.
    changes.append((r"^(\s*)# (add_header Strict-Transport-Security .* always;)$", r"\1\2"))
    if brotli:
        changes.append((r"^(\s*)# brotli_static on;$", r"\1brotli_static on;"))
    for pattern, replacement in changes:
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        assert count == 1, f"deploy/nginx.conf: expected one line matching {pattern!r}, found {count}"
    return text


def main_conf(prefix: Path, brotli: bool) -> str:
    user = f"user {getpass.getuser()} {grp.getgrgid(os.getgid()).gr_name};" if os.geteuid() == 0 else ""
    load = f"load_module {BROTLI_MODULE};" if brotli else ""
    temps = "\n".join(f"    {kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""
{user}
{load}
daemon off;
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {prefix / "access.log"};
{temps}
    include {prefix / "site.conf"};
}}
"""


@dataclass
class Server:
    url: str
    prefix: Path
    brotli: bool
    tarball: Path

    def log(self) -> str:
        return (self.prefix / "access.log").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    nginx = nginx_path()
    tmp = tmp_path_factory.mktemp("nginx")
    tarball = dist.make(tmp / "icp-filing-guide-site.tar.gz", site=built_site.root)
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp / "www", filter="data")
    root = tmp / "www" / dist.NAME
    prefix = tmp / "prefix"
    prefix.mkdir()
    brotli = BROTLI_MODULE.is_file()
    port = free_port()
    (prefix / "site.conf").write_text(site_conf(root, port, brotli), encoding="utf-8")
    (prefix / "nginx.conf").write_text(main_conf(prefix, brotli), encoding="utf-8")
    cmd = [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")]
    check = subprocess.run([*cmd, "-t"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, f"nginx -t failed:\n{check.stderr}"
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # it logs to error.log (-e)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"nginx did not start:\n{(prefix / 'error.log').read_text()}") from None
                time.sleep(0.05)
        yield Server(f"http://127.0.0.1:{port}/", prefix, brotli, tarball)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def fetch(url: str, encoding: str = "") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_the_tarball_is_the_site_under_one_folder(server: Server) -> None:
    with tarfile.open(server.tarball) as tar:
        names = tar.getnames()
        members = tar.getmembers()
    assert names[0] == dist.NAME and names[1:] == sorted(names[1:])
    assert all(n == dist.NAME or n.startswith(dist.NAME + "/") for n in names)
    wasm = f"{dist.NAME}/{tree_page.runtime_dir()}pyodide.asm.wasm"
    assert {wasm, wasm + ".br", wasm + ".gz", f"{dist.NAME}/tree/index.html", f"{dist.NAME}/404.html"} <= set(names)
    assert any(n.startswith(f"{dist.NAME}/{tree_page.bundle_dir()}") for n in names)
    assert {(m.uid, m.gid, m.uname) for m in members} == {(0, 0, "root")}
    assert f"{dist.NAME}/zh/404.html" in names
    assert [n for n in names if n.endswith(".map")] == []  # the theme's source maps stay out
    assert len({m.mtime for m in members}) == 1


@pytest.mark.parametrize(
    ("path", "cache"),
    [
        ("", "no-cache"),
        ("tree/", "no-cache"),
        ("assets/tree/boot.js", "no-cache"),
        (f"{tree_page.runtime_dir()}pyodide.asm.wasm", IMMUTABLE),
        (f"{tree_page.runtime_dir()}pyodide.mjs", IMMUTABLE),
        (f"{tree_page.bundle_dir()}python.zip", IMMUTABLE),
    ],
)
def test_cache_headers_by_path(server: Server, path: str, cache: str) -> None:
    status, headers, _ = fetch(server.url + path)
    assert status == 200
    assert headers["cache-control"] == cache
    assert headers["vary"] == "Accept-Encoding"
    assert "wasm-unsafe-eval" in headers["content-security-policy"]


def test_types_and_precompressed_copies(server: Server) -> None:
    wasm = server.url + tree_page.runtime_dir() + "pyodide.asm.wasm"
    plain = fetch(wasm)
    assert plain[1]["content-type"] == "application/wasm" and "content-encoding" not in plain[1]
    assert plain[2][:4] == b"\0asm"
    gzipped = fetch(wasm, "gzip")
    assert gzipped[1]["content-type"] == "application/wasm" and gzipped[1]["content-encoding"] == "gzip"
    assert len(gzipped[2]) < len(plain[2]) / 2
    if server.brotli:
        brotli = fetch(wasm, "gzip, deflate, br")
        assert brotli[1]["content-encoding"] == "br" and len(brotli[2]) < len(gzipped[2])
    module = fetch(server.url + tree_page.runtime_dir() + "pyodide.mjs", "gzip")
    assert module[1]["content-type"] == "text/javascript" and module[1]["content-encoding"] == "gzip"
    page = fetch(server.url + "tree/", "gzip")  # a directory's index.html has its .gz too
    assert page[1]["content-type"].startswith("text/html") and page[1]["content-encoding"] == "gzip"


@pytest.mark.parametrize(("path", "page"), [("no/such/page/", "404.html"), ("zh/no/such/page/", "zh/404.html"),
                                           ("zh/tree/no-such-file.html", "zh/404.html"), ("zhx/", "404.html")])
def test_an_unknown_path_gets_its_editions_404_page(server: Server, path: str, page: str) -> None:
    status, headers, body = fetch(server.url + path)
    assert status == 404
    assert headers["cache-control"] == "no-cache" and "content-security-policy" in headers
    assert body == (server.prefix.parent / "www" / dist.NAME / page).read_bytes()


# The headers every answer carries, whatever it is: a page, a versioned file, an error.
EVERY_ANSWER = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "strict-transport-security": "max-age=31536000",  # uncommented here (site_conf)
    "vary": "Accept-Encoding",
}


@pytest.mark.parametrize(
    ("path", "status", "cache"),
    [
        ("", 200, "no-cache"),
        ("zh/tree/", 200, "no-cache"),
        (f"{tree_page.runtime_dir()}pyodide.asm.wasm", 200, IMMUTABLE),
        ("no/such/page/", 404, "no-cache"),
        ("zh/no/such/page/", 404, "no-cache"),
        # In the versioned folders: the folder itself (no index: nginx's 403), a missing file. Neither
        # may be kept for a year: the folder is never a page, but the file may be there after a deploy.
        (tree_page.bundle_dir(), 403, "no-cache"),
        (f"{tree_page.bundle_dir()}no-such-file.json", 404, "no-cache"),
        (f"{tree_page.runtime_dir()}no-such-file.mjs", 404, "no-cache"),
    ],
)
def test_every_answer_carries_the_security_headers_and_errors_are_never_immutable(
    server: Server, path: str, status: int, cache: str
) -> None:
    found, headers, _ = fetch(server.url + path)
    assert found == status
    assert headers["cache-control"] == cache
    assert {name: headers.get(name) for name in EVERY_ANSWER} == EVERY_ANSWER
    assert "wasm-unsafe-eval" in headers["content-security-policy"]


def test_an_unchanged_versioned_file_stays_immutable_on_revalidation(server: Server) -> None:
    url = server.url + tree_page.runtime_dir() + "pyodide.mjs"
    _, headers, _ = fetch(url)
    request = urllib.request.Request(url, headers={"If-None-Match": headers["etag"]})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=10)
    assert answer.value.code == 304 and answer.value.headers["Cache-Control"] == IMMUTABLE


def test_the_hsts_advice_is_a_comment_in_the_file() -> None:
    """Sent only where the site is served over HTTPS for good: the file leaves it to the person who knows."""
    lines = [line.strip() for line in CONF.read_text(encoding="utf-8").splitlines() if "Strict-Transport-Security" in line]
    assert lines == ['# add_header Strict-Transport-Security "max-age=31536000" always;']


# In the page, before any of its scripts: every violation the document sees.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def test_the_tree_boots_and_answers_under_the_policy(server: Server, browser: Any) -> None:
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    responses: dict[str, Any] = {}
    context.on("response", lambda r: responses.setdefault(r.url, r))
    try:
        page.goto(server.url + "tree/")
        page.wait_for_selector(READY, timeout=PY_TIMEOUT)
        first = State.start(load())
        assert first.question is not None and current_id(page) == first.question.id
        click_choice(page, "online")
        following = first.answer("online").question
        assert following is not None and current_id(page) == following.id
        violations = page.evaluate("() => window.__cspViolations")
        accept = responses[server.url + "tree/"].request.all_headers()["accept-encoding"]
        wasm = responses[server.url + tree_page.runtime_dir() + "pyodide.asm.wasm"].all_headers()
        html = responses[server.url + "tree/"].all_headers()
    finally:
        context.close()
    assert violations == []
    # Chromium's words for a blocked WebAssembly compile in the worker: "violates the following Content Security policy".
    assert [m for m in console if "content security policy" in m.lower() or "content-security-policy" in m.lower()] == []
    assert REPORTS not in server.log()
    assert wasm["content-type"] == "application/wasm"
    assert wasm["cache-control"] == IMMUTABLE
    # Whether Chromium asks for br over plain HTTP to 127.0.0.1 is its choice; the message says which.
    coding = "br" if server.brotli and "br" in accept else "gzip"
    assert wasm["content-encoding"] == coding, f"Chromium sent Accept-Encoding: {accept}"
    assert html["cache-control"] == "no-cache" and html["content-encoding"] == coding
    print(f"Accept-Encoding: {accept}\nwasm: {wasm}\ntree/: {html}")


def test_the_404_page_and_the_home_page_in_the_browser(server: Server, browser: Any) -> None:
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    try:
        response = page.goto(server.url + "procedures/no-such-procedure/")
        assert response is not None and response.status == 404
        assert "404" in page.inner_text("article") and page.locator("nav a[href='/tree/']").count() >= 1
        violations = page.evaluate("() => window.__cspViolations")
        # The Chinese edition's: in Chinese, its links into the Chinese edition, its own inline scripts allowed.
        response = page.goto(server.url + "zh/procedures/no-such-procedure/")
        assert response is not None and response.status == 404
        assert page.evaluate("() => document.documentElement.lang") == "zh"
        assert messages("zh")("not_found.title") in page.inner_text("article")
        assert page.locator("article a[href='/zh/tree/'], nav a[href='/zh/tree/']").count() >= 2
        violations += page.evaluate("() => window.__cspViolations")
        # Material's inline scripts differ with a page's depth: the home page has its own.
        page.goto(server.url)
        page.wait_for_selector("nav a[href='tree/']")
        violations += page.evaluate("() => window.__cspViolations")
    finally:
        context.close()
    assert violations == []
    assert REPORTS not in server.log()
