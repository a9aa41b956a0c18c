"""The built site served as a real host serves it: scripts/serve.py's server (compressed siblings with
Content-Encoding, immutable caching of the versioned runtime and bundle), on a free loopback port."""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from config import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import serve

sys.path.pop(0)


def _quiet_errors(default: Any) -> Any:
    def handle_error(request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a browser closed while a file was still being sent: expected when a profile is closed
        default(request, client_address)

    return handle_error


def free_port() -> int:
    """A loopback port free now: the bench builds the site for its address before serving it there."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serving(directory: Path, port: int = 0) -> Iterator[str]:
    """The site at ``directory`` on http://127.0.0.1:<port>/ (a free one by default) for the duration of the block."""
    server = serve.make_server(directory, port)
    setattr(server, "handle_error", _quiet_errors(server.handle_error))  # noqa: B010 - an instance's method, replaced
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
