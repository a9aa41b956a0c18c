"""How many of N clients that connect at the same moment scripts/serve.py answers, and how fast.

With socketserver's listen backlog of 5, 926 of 1,000 clients were answered and the rest timed out
(issue 23); serve.py's backlog and a thread per connection are meant to answer them all. Each client
is a thread that waits at a barrier, so that all of them connect at once, then GETs one page.

    python bench/serve_load.py [--clients 1000] [--timeout 10] [--site DIR]

Without --site, a small site of one page is served from a temporary folder (the server's work per
request does not depend on the site). Prints one line; exit 1 when a client was not answered.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import serve

sys.path.pop(0)


@dataclass(frozen=True)
class Load:
    clients: int
    answered: int  # with 200
    failures: Counter[str]  # what the others got: an HTTP status or the exception's name
    seconds: float  # from the barrier to the last answer
    slowest: float  # one client's longest wait

    def line(self) -> str:
        failed = ", ".join(f"{n} {what}" for what, n in self.failures.most_common()) or "none"
        return (f"{self.answered} of {self.clients} clients answered at once in {self.seconds:.2f} s "
                f"(slowest {self.slowest:.2f} s); not answered: {failed}")


def fire(url: str, clients: int, timeout: float = 10.0) -> Load:
    """``clients`` GETs of ``url``, all started together."""
    barrier = threading.Barrier(clients)

    def one(_: int) -> tuple[str, float]:
        barrier.wait()
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                response.read()
                outcome = str(response.status)
        except urllib.error.HTTPError as exc:
            outcome = str(exc.code)
        except OSError as exc:  # refused, reset, timed out
            outcome = type(exc.reason if isinstance(exc, urllib.error.URLError) else exc).__name__
        return outcome, time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(one, range(clients)))
    seconds = time.perf_counter() - start
    outcomes = Counter(outcome for outcome, _ in results)
    answered = outcomes.pop("200", 0)
    return Load(clients, answered, outcomes, seconds, max(t for _, t in results))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a client waits for its answer")
    parser.add_argument("--site", type=Path, help="a built site to serve (default: a page in a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp)
        if args.site is None:
            (site / "index.html").write_text("<p>home</p>")
        server, url = serve.serve_in_thread(site)
        try:
            load = fire(url, args.clients, args.timeout)
        finally:
            server.shutdown()
            server.server_close()
    print(load.line())
    return 0 if load.answered == load.clients else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
