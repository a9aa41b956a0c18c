"""The tree on another team's MkDocs site (docs/embedding.md), as that team would set it up.

tests/embed/ is such a site: its own mkdocs.yml with the ``icp-tree`` fence and one page that uses
it with ``assets="icp-assets/"``. The test copies the browser files out of the session's built site
(tests/conftest.py) with ``python -m decision_tree.pages.assets``, builds the team's site with MkDocs against the package
installed from its wheel (apart from this checkout), serves it (scripts/serve.py) and drives it
in Chromium: the first question shows, a click is answered, and Python boots.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from decision_tree import State, load
from decision_tree.messages import messages
from decision_tree.pages import fences, tree_page

from .conftest import BuiltSite
from .test_browser import PY_TIMEOUT, READY, click_choice, current_id, serve

ROOT = Path(__file__).resolve().parent.parent
TEAM_SITE = ROOT / "tests" / "embed"


def copy_command(source: Path, dest: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "decision_tree.pages.assets", str(source), str(dest)],
        capture_output=True, text=True, check=False, timeout=120,
    )


@pytest.fixture(scope="module")
def guide(built_site: BuiltSite) -> Path:
    """The guide's built site, which the copy command reads."""
    return built_site.root


@pytest.fixture(scope="module")
def team_url(guide: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("team") / "project"
    shutil.copytree(TEAM_SITE, project)
    copied = copy_command(guide, project / "docs" / "icp-assets")
    assert copied.returncode == 0, copied.stderr
    # The package as a team gets it: built into a wheel and installed apart from this checkout (no
    # node_modules, no scripts), ahead of the editable install on the import path.
    installed = tmp_path_factory.mktemp("installed")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(installed), str(ROOT)], check=True, capture_output=True, timeout=300)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(installed)}
    where = subprocess.run([sys.executable, "-c", "import decision_tree; print(decision_tree.__file__)"],
                           env=env, cwd=project, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(installed)), where
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        capture_output=True, text=True, check=False, env=env, cwd=project, timeout=300,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    server, url = serve.serve_in_thread(project / "site")
    yield url
    server.shutdown()


def test_the_copy_lays_out_what_the_fence_points_at(guide: Path, tmp_path: Path) -> None:
    dest = tmp_path / "icp-assets"
    result = copy_command(guide, dest)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((dest / "icp-assets.json").read_text(encoding="utf-8"))
    assert manifest["pyodide"] == tree_page.pyodide_version() and manifest["bundle"] == tree_page.bundle_id()
    expected = (*tree_page.EMBED_SCRIPTS, tree_page.EMBED_CSS, "pyodide/pyodide.asm.wasm", "bundle/python.zip",
                "bundle/lock.json")
    for name in expected:
        assert (dest / name).is_file(), name
    assert any((dest / "bundle" / "results").rglob("*.json"))


def test_the_copy_reads_a_tarball_of_the_site(guide: Path, tmp_path: Path) -> None:
    tarball = tmp_path / "site.tar.gz"
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(guide, arcname="icp-filing-guide-site")
    result = copy_command(tarball, tmp_path / "dest")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "dest" / "pyodide" / "pyodide.mjs").is_file()


def test_the_copy_says_in_one_line_what_is_wrong(tmp_path: Path) -> None:
    result = copy_command(tmp_path, tmp_path / "dest")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no built site" in result.stderr
    assert not (tmp_path / "dest").exists()


@pytest.mark.parametrize("value", ["https://cdn.example.com/icp/", "//cdn.example.com/icp/", "", 'a"b'])
def test_assets_on_another_origin_is_refused_with_the_reason(value: str) -> None:
    with pytest.raises(ValueError, match="same-origin"):
        tree_page.embed_location(value)


def test_the_fence_points_at_the_team_location_relative_to_the_page() -> None:
    html = tree_page.widget_html(load(), "team/icp/", messages(), site_name="x",
                                 assets="icp-assets")
    assert 'data-pyodide="../../icp-assets/pyodide/"' in html and 'data-bundle="../../icp-assets/bundle/"' in html
    assert 'src="../../icp-assets/boot.js"' in html
    absolute = tree_page.widget_html(load(), "team/icp/", messages(), site_name="x",
                                     assets="/shared/icp/")
    assert 'data-pyodide="/shared/icp/pyodide/"' in absolute and 'src="/shared/icp/boot.js"' in absolute


def test_an_unknown_fence_option_stops_the_build() -> None:
    with pytest.raises(Exception, match="unknown option colour"):
        fences.icp_tree("", "icp-tree", "icp-tree", {"colour": "red"}, md=None)


@pytest.mark.browser
def test_the_tree_works_on_the_team_page(page: Any, team_url: str) -> None:
    page.goto(team_url + "team/icp/")
    first = State.start(load()).question
    assert first is not None
    # The first question is in the page as served, before any script has run.
    assert page.locator(f".icp-tree__view [data-question='{first.id}']").count() == 1
    page.wait_for_selector(READY, timeout=PY_TIMEOUT)
    choice = first.choices[0]
    click_choice(page, choice.id)
    expected = State.start(load()).answer(choice.id)
    assert current_id(page) == expected.current.id
    assert page.console_errors == []
    assert not page.requests.outside()
