"""scripts/serve.py serves the site as a real host would: types, compressed siblings, cache headers,
an answer to every request however malformed, and to hundreds of clients at once."""

from __future__ import annotations

import socket
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import serve_load

import serve

del sys.path[:2]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text("<p>home</p>")
    (site / "tree").mkdir()
    (site / "tree" / "index.html").write_text("<p>tree, plain</p>")
    (site / "tree" / "index.html.br").write_bytes(b"brotli bytes of the tree page")
    runtime = site / "assets" / "pyodide" / "314.0.7"
    runtime.mkdir(parents=True)
    (runtime / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (runtime / "pyodide.asm.wasm.br").write_bytes(b"brotli wasm")
    (runtime / "pyodide.asm.wasm.gz").write_bytes(b"gzip wasm")
    (site / "assets" / "tree").mkdir()
    (site / "assets" / "tree" / "boot.js").write_text("export {};")
    (site / "assets" / "tree" / "setup.mjs").write_text("export {};")
    server, url = serve.serve_in_thread(site)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def get(url: str, accept: str = "") -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept} if accept else {})
    with urllib.request.urlopen(request) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_wasm_is_sent_as_application_wasm(base: str) -> None:
    headers, body = get(base + "assets/pyodide/314.0.7/pyodide.asm.wasm")
    assert headers["content-type"] == "application/wasm"
    assert body == b"\0asm"
    assert "content-encoding" not in headers


def test_modules_have_a_javascript_type(base: str) -> None:
    for path in ("assets/tree/boot.js", "assets/tree/setup.mjs"):
        assert get(base + path)[0]["content-type"] == "text/javascript"


@pytest.mark.parametrize(
    ("accept", "coding", "body"),
    [
        ("gzip, deflate, br", "br", b"brotli wasm"),
        ("gzip", "gzip", b"gzip wasm"),
        ("br;q=0, gzip", "gzip", b"gzip wasm"),
        ("identity", None, b"\0asm"),
    ],
)
def test_a_compressed_sibling_when_the_browser_takes_it(base: str, accept: str, coding: str | None, body: bytes) -> None:
    headers, sent = get(base + "assets/pyodide/314.0.7/pyodide.asm.wasm", accept)
    assert headers.get("content-encoding") == coding
    assert headers["content-type"] == "application/wasm"  # the type of what was asked for, not of .br
    assert headers["vary"] == "Accept-Encoding"
    assert sent == body


def test_a_directory_index_gets_its_compressed_sibling(base: str) -> None:
    headers, sent = get(base + "tree/", "br")
    assert headers.get("content-encoding") == "br"
    assert headers["content-type"].startswith("text/html")
    assert sent == b"brotli bytes of the tree page"
    headers, sent = get(base + "tree/")
    assert "content-encoding" not in headers
    assert sent == b"<p>tree, plain</p>"


def test_versioned_paths_are_immutable_and_pages_revalidated(base: str) -> None:
    assert "immutable" in get(base + "assets/pyodide/314.0.7/pyodide.asm.wasm")[0]["cache-control"]
    assert get(base + "tree/")[0]["cache-control"] == "no-cache"
    assert get(base + "assets/tree/boot.js")[0]["cache-control"] == "no-cache"


def test_an_unchanged_compressed_file_is_revalidated_not_sent_again(base: str) -> None:
    headers, _ = get(base + "tree/", "br")
    request = urllib.request.Request(
        base + "tree/", headers={"Accept-Encoding": "br", "If-Modified-Since": headers["last-modified"]}
    )
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request)
    assert answer.value.code == 304
    older = "Thu, 01 Jan 1970 00:00:01 GMT"
    request = urllib.request.Request(base + "tree/", headers={"Accept-Encoding": "br", "If-Modified-Since": older})
    with urllib.request.urlopen(request) as response:
        assert response.read() == b"brotli bytes of the tree page"


# --- every request gets an answer ---------------------------------------------------------------------

# The start of a TLS 1.2 ClientHello, as a browser sends it to https:// on the plain port (with the
# supported_groups extension, type 0x000a: a line break for readline).
TLS_HELLO = bytes.fromhex("16030100c4010000c00303") + bytes(range(32)) + bytes.fromhex("0000000a00080006001d00170018")


def raw(base: str, request: bytes) -> tuple[str, dict[str, str]]:
    """The status line and headers the server sends for ``request``, written as bytes on a socket."""
    address = urllib.parse.urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    return head[0], {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:])}


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GARBAGE\r\n\r\n", 400),
        (b"GET / HTTP/1.1 extra\r\n\r\n", 400),
        (b"GET / HTTP/one\r\n\r\n", 400),
        (b"GET / HTTP/9.9\r\n\r\n", 505),
        (TLS_HELLO, 400),
        (bytes(range(256)) + b"\r\n\r\n", 400),
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"GET /a%00b.html HTTP/1.1\r\n\r\n", 404),
        (b"GET /assets/pyodide/314.0.7/%00 HTTP/1.1\r\n\r\n", 404),
        (b"GET /assets/tree/ HTTP/1.1\r\n\r\n", 403),
        (b"GET /assets/pyodide/314.0.7/missing.js HTTP/1.1\r\n\r\n", 404),
        (b"GET / HTTP/1.1\r\n" + b"X-A: b\r\n" * 200 + b"\r\n", 431),
        (b"BREW / HTTP/1.1\r\n\r\n", 501),
    ],
    ids=["garbage", "bad-version-word", "bad-version", "http-9.9", "tls-handshake", "binary", "9kB-url", "70kB-url",
         "null-byte", "null-byte-versioned", "directory", "missing-versioned", "200-headers", "unknown-method"],
)
def test_a_malformed_request_is_answered_with_its_status_and_never_cached(
    base: str, request_bytes: bytes, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    line, headers = raw(base, request_bytes)
    assert line.startswith(f"HTTP/1.0 {status} "), line
    assert headers["cache-control"] == "no-cache"  # an error is never kept, even under a versioned path
    assert "Traceback" not in capsys.readouterr().err


def test_a_directory_is_never_listed(base: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(base + "assets/")
    assert answer.value.code == 403 and b"boot.js" not in answer.value.read()


def test_hundreds_of_clients_at_once_are_all_answered(base: str) -> None:
    # socketserver's backlog of 5 answered about 110 of 300 (and 600-900 of 1,000) within 10 s here;
    # bench/serve_load.py --clients 1000 measures the full figure.
    load = serve_load.fire(base, 300, timeout=10)
    assert load.answered == 300, load.line()


@pytest.mark.parametrize("path", ["", "assets/pyodide/314.0.7/pyodide.asm.wasm", "no/such/page/"])
def test_every_answer_says_nosniff_and_its_referrer_policy(base: str, path: str) -> None:
    try:
        headers = get(base + path)[0]
    except urllib.error.HTTPError as error:
        headers = {k.lower(): v for k, v in error.headers.items()}
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
