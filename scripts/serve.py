"""Serve a built site on loopback as a well-configured static host would (deploy/nginx.conf).

- MIME types Pyodide needs: `loadPyodide()` hangs (never resolves, never rejects) when `.wasm` is
  not sent as application/wasm, and browsers refuse `.mjs` modules without a JavaScript type.
- Compressed files: a file's `.br` or `.gz` sibling (written by the build) is sent with
  `Content-Encoding` when the browser accepts it, and `Vary: Accept-Encoding` always.
- Caching: the versioned runtime and bundle (`assets/pyodide/<version>/`, `assets/tree/<bundle>/`)
  for a year, immutable; everything else, and every error, revalidated (`no-cache`).
- `X-Content-Type-Options: nosniff` and the `Referrer-Policy` of deploy/nginx.conf.

    python scripts/serve.py [DIRECTORY] [PORT]      (default: site/ on 127.0.0.1:8000)
"""

from __future__ import annotations

import email.utils
import functools
import os
import re
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".json": "application/json",
    ".svg": "image/svg+xml",
}
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
IMMUTABLE = "public, max-age=31536000, immutable"
# A file found, in part, or unchanged since the browser's copy (deploy/nginx.conf's map says why not errors).
CACHEABLE = (HTTPStatus.OK, HTTPStatus.PARTIAL_CONTENT, HTTPStatus.NOT_MODIFIED)
REFERRER_POLICY = "strict-origin-when-cross-origin"
# Paths whose names change with their content: assets/pyodide/314.0.7/…, assets/tree/<12 hex>/…
VERSIONED = re.compile(r"^/assets/(pyodide/[0-9][^/]*/|tree/[0-9a-f]{12}/)")


def accepted(header: str) -> set[str]:
    """The content codings an Accept-Encoding header allows (q=0 excludes one)."""
    allowed = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name and not re.search(r"q\s*=\s*0(\.0*)?\s*$", params.strip()):
            allowed.add(name.strip().lower())
    return allowed


class Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Set before the base class handles the request, which it does inside __init__.
        self.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
        self._encoding = ""
        self._status = 0
        super().__init__(*args, **kwargs)

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def send_head(self) -> Any:
        """The file, or its compressed sibling when the browser takes it (same type, other coding)."""
        self._encoding = ""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            # A directory's index.html gets its compressed sibling too, as nginx's index + gzip_static do.
            path = os.path.join(path, "index.html")
        if os.path.isfile(path):
            allowed = accepted(self.headers.get("Accept-Encoding", ""))
            for coding, suffix in ENCODINGS:
                if coding in allowed and os.path.isfile(path + suffix):
                    self._encoding = coding
                    return self._send_file(path + suffix, self.guess_type(path))
        return super().send_head()

    def _send_file(self, path: str, content_type: str) -> Any:
        # Revalidation as the base class does it for plain files: a page sent `no-cache` comes back
        # with If-Modified-Since, and an unchanged file gets 304 rather than its bytes again.
        modified = int(os.stat(path).st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                unchanged = email.utils.parsedate_to_datetime(since).timestamp() >= modified
            except (TypeError, ValueError, IndexError, OverflowError):
                unchanged = False
            if unchanged:
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.end_headers()
                return None
        handle = open(path, "rb")  # noqa: SIM115 - the base class closes what send_head returns
        size = os.fstat(handle.fileno()).st_size
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(size))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return handle

    def end_headers(self) -> None:
        # No cross-origin isolation headers: the site needs none (deploy/nginx.conf says why).
        if self._encoding:
            self.send_header("Content-Encoding", self._encoding)
        self.send_header("Vary", "Accept-Encoding")
        versioned = VERSIONED.match(self.path.split("?")[0]) and self._status in CACHEABLE
        self.send_header("Cache-Control", IMMUTABLE if versioned else "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", REFERRER_POLICY)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


def make_server(directory: Path, port: int = 0, *, verbose: bool = False) -> ThreadingHTTPServer:
    handler = functools.partial(Handler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def serve_in_thread(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    """Start a server on a free port; returns it and its base URL. Call ``shutdown()`` when done."""
    server = make_server(directory)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(argv: list[str]) -> int:
    directory = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "site"
    port = int(argv[2]) if len(argv) > 2 else 8000
    if not (directory / "index.html").is_file():
        print(f"serve: {directory} holds no built site; run `make serve`, which builds it first", file=sys.stderr)
        return 1
    server = make_server(directory, port, verbose=True)
    print(f"Serving {directory} on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
