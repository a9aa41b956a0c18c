"""`make dev`: mkdocs serve with mkdocs.dev.yml, the live preview for people who edit the guide.

The preview must carry the tree's runtime and bundle (scripts/dev_hooks.py puts them in), with
the content types Pyodide needs, so that the tree boots in it as on the built site; and each
rebuild must read the content and the catalog afresh.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from decision_tree import load, urls
from decision_tree.messages import messages
from decision_tree.pages import tree_page

from .conftest import BuiltSite
from .test_browser import PY_TIMEOUT, READY

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers.get("Content-Type", "")


@pytest.fixture(scope="module")
def dev_url(built_site: BuiltSite) -> Iterator[str]:
    """mkdocs serve with mkdocs.dev.yml; after the session's build (``built_site``), so that its hooks
    take the bundle from the cache instead of making it a second time at once."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.dev.yml", "-a", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"mkdocs serve stopped: {proc.stderr.read()[-3000:] if proc.stderr else ''}")
            try:
                fetch(url + urls.TREE_PAGE)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("mkdocs serve did not answer in time")
                time.sleep(1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_preview_serves_the_runtime_and_the_bundle(dev_url: str) -> None:
    assert fetch(dev_url + tree_page.runtime_dir() + "pyodide.asm.wasm") == (200, "application/wasm")
    status, kind = fetch(dev_url + tree_page.runtime_dir() + "pyodide.mjs")
    assert status == 200 and "javascript" in kind
    assert fetch(dev_url + tree_page.bundle_dir() + "python.zip")[0] == 200


@pytest.mark.browser
def test_the_tree_boots_in_the_preview(page: Any, dev_url: str) -> None:
    page.goto(dev_url + urls.TREE_PAGE)
    page.wait_for_selector(READY, timeout=PY_TIMEOUT)
    assert page.console_errors == []


def test_each_rebuild_reads_the_content_and_catalog_afresh() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import dev_hooks
    finally:
        sys.path.pop(0)
    content, catalog = load(), messages()
    tree_page.bundle_id()
    config: dict[str, Any] = {"extra": {}}
    dev_hooks.on_pre_build(config)
    assert load() is not content and messages() is not catalog
    assert tree_page.bundle_id.cache_info().currsize == 0  # the pages name the bundle the content makes now
    assert config["extra"]["icp"]["en"]["disclaimer_link"] == messages()("disclaimer.read_more")
    assert config["extra"]["reviewed"]["state"] in ("dated", "shallow", "no_history")
