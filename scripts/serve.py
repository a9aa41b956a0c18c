"""Serve a built site on loopback as a well-configured static host would (deploy/nginx.conf).

- MIME types Pyodide needs: `loadPyodide()` hangs (never resolves, never rejects) when `.wasm` is
  not sent as application/wasm, and browsers refuse `.mjs` modules without a JavaScript type.
- Compressed files: a file's `.br` or `.gz` sibling (written by the build) is sent with
  `Content-Encoding` when the browser accepts it, and `Vary: Accept-Encoding` always.
- Caching: the versioned runtime and bundle (`assets/pyodide/<version>/`, `assets/tree/<bundle>/`)
  for a year, immutable; everything else revalidated (`no-cache`), and every error too, so that a
  404 under a versioned path is not kept for a year.
- Every request is answered, as nginx answers it: 400 for a malformed request line (garbage, a TLS
  handshake on the plain port), 505 for an HTTP version it does not speak, 414 for a request line
  over 8 kB, 404 for a path with a null byte, 403 for a directory without index.html (never a
  listing). A listen backlog of 1,024 and a thread per connection answer 1,000 clients at once
  (bench/serve_load.py measures it); a connection that sends nothing is closed after 30 s.
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
REFERRER_POLICY = "strict-origin-when-cross-origin"
# Paths whose names change with their content: assets/pyodide/314.0.7/…, assets/tree/<12 hex>/…
VERSIONED = re.compile(r"^/assets/(pyodide/[0-9][^/]*/|tree/[0-9a-f]{12}/)")
# The longest request line answered (nginx's large_client_header_buffers: 8 kB); a longer one gets 414.
MAX_REQUEST_LINE = 8192
# Connections waiting to be accepted: socketserver's 5 dropped clients beyond a few hundred at once.
# The kernel caps it at net.core.somaxconn (4096 on current Linux).
BACKLOG = 1024
# Seconds a connection may send nothing before it is closed (a half-sent request, a TLS client
# waiting for a handshake that never comes), so that it does not hold a thread for ever.
IDLE_TIMEOUT = 30


def accepted(header: str) -> set[str]:
    """The content codings an Accept-Encoding header allows (q=0 excludes one)."""
    allowed = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name and not re.search(r"q\s*=\s*0(\.0*)?\s*$", params.strip()):
            allowed.add(name.strip().lower())
    return allowed


class Handler(SimpleHTTPRequestHandler):
    timeout = IDLE_TIMEOUT
    # The base class answers a line it cannot parse as if to an HTTP/0.9 client: a page with no status
    # line, which an HTTP/1.x client (all there are) reads as a broken response. Answered as 1.0, the
    # client sees its 400, 505 or 414.
    default_request_version = "HTTP/1.0"
    raw_requestline: bytes  # set by the base class's handle_one_request, before parse_request

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Set before the base class handles the request, which it does inside __init__.
        self.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
        self._encoding = ""
        self._status = 0
        super().__init__(*args, **kwargs)

    def parse_request(self) -> bool:
        # The base class takes request lines up to 64 kB; past MAX_REQUEST_LINE, 414 as nginx answers.
        if len(self.raw_requestline) > MAX_REQUEST_LINE:
            # What send_error reads, which the base class sets only while parsing: the answer has headers.
            self.command, self.request_version, self.requestline = "", "", ""
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return False
        return super().parse_request()

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def send_head(self) -> Any:
        """The file, or its compressed sibling when the browser takes it (same type, other coding)."""
        self._encoding = ""
        path = self.translate_path(self.path)
        if "\0" in path:
            # open() raises ValueError, not OSError, for a null byte: the base class would drop the connection.
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
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

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        # A directory without index.html: forbidden, as nginx answers without autoindex; never a listing.
        self.send_error(HTTPStatus.FORBIDDEN)

    def end_headers(self) -> None:
        # No cross-origin isolation headers: the site needs none (deploy/nginx.conf says why).
        if self._encoding:
            self.send_header("Content-Encoding", self._encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", IMMUTABLE if self._immutable() else "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", REFERRER_POLICY)
        super().end_headers()

    def _immutable(self) -> bool:
        """A versioned file sent (or confirmed unchanged); never an error, which a fixed build may correct.
        A malformed request is answered before ``path`` exists."""
        path = getattr(self, "path", "")
        return self._status in (HTTPStatus.OK, HTTPStatus.NOT_MODIFIED) and bool(VERSIONED.match(path.split("?")[0]))

    def log_message(self, format: str, *args: object) -> None:
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


class Server(ThreadingHTTPServer):
    request_queue_size = BACKLOG


def make_server(directory: Path, port: int = 0, *, verbose: bool = False) -> ThreadingHTTPServer:
    handler = functools.partial(Handler, directory=str(directory))
    server = Server(("127.0.0.1", port), handler)
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
