"""Serve a built site on loopback with the MIME types Pyodide needs.

`loadPyodide()` hangs (never resolves, never rejects) when `.wasm` is not sent as application/wasm,
and browsers refuse `.mjs` modules without a JavaScript type, so both are set here rather than left
to the machine's mime.types.

    python scripts/serve.py [DIRECTORY] [PORT]      (default: site/ on 127.0.0.1:8000)
"""

from __future__ import annotations

import functools
import sys
import threading
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


class Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Set before the base class handles the request, which it does inside __init__.
        self.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        # Cross-origin isolation: Pyodide touches SharedArrayBuffer, which Chromium flags on pages
        # that are not isolated. The site loads nothing from elsewhere, so nothing else changes.
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
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
