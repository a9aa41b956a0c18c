"""scripts/serve.py serves the site as a real host would: types, compressed siblings, cache headers."""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import serve

sys.path.pop(0)


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


@pytest.mark.parametrize("path", ["assets/pyodide/314.0.7/no-such-file.js", "assets/tree/0123456789ab/python.zip"])
def test_an_error_in_a_versioned_path_is_never_immutable(base: str, path: str) -> None:
    # A file missing today may be there tomorrow (a deploy half done): its 404 must not be kept for a year.
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(base + path)
    assert answer.value.code >= 400
    assert answer.value.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["", "assets/pyodide/314.0.7/pyodide.asm.wasm", "no/such/page/"])
def test_every_answer_says_nosniff_and_its_referrer_policy(base: str, path: str) -> None:
    try:
        headers = get(base + path)[0]
    except urllib.error.HTTPError as error:
        headers = {k.lower(): v for k, v in error.headers.items()}
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
