"""Each page's "last reviewed" date (decision_tree/pages/reviewed.py), from git history: right in a
full clone, and an honest "date unknown" in a shallow clone or without git history."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from decision_tree.messages import messages
from decision_tree.pages import reviewed, theme

ROOT = Path(__file__).resolve().parent.parent
DAY = 86_400
START = 1_780_000_000  # 2026-05-28 20:26 UTC, already 2026-05-29 at +0800


def git(repo: Path, *args: str, when: int | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0800"
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def commit(repo: Path, files: dict[str, str], when: int) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edit", when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q")
    commit(path, {"docs/index.md": "# Home\n", "docs/regions/beijing.md": "# Beijing\n", "README.md": "x\n"}, START)
    commit(path, {"docs/regions/beijing.md": "# Beijing, reviewed\n"}, START + 10 * DAY)
    # A change outside docs/ is no review of any page.
    commit(path, {"README.md": "y\n"}, START + 20 * DAY)
    return path


@pytest.mark.parametrize(("src", "url"), [
    ("index.md", ""), ("tree.md", "tree/"), ("regions/beijing.md", "regions/beijing/"), ("procedures/index.md", "procedures/"),
])
def test_page_url_is_the_one_mkdocs_makes(src: str, url: str) -> None:
    assert reviewed.page_url(src) == url


def test_each_page_has_the_date_of_the_last_commit_that_touched_it(repo: Path) -> None:
    found = reviewed.review_dates(repo)
    # Dates are UTC days: the commits' +0800 offset does not move them.
    assert found == {"state": reviewed.DATED, "dates": {"": "2026-05-28", "regions/beijing/": "2026-06-07"}}


def test_a_shallow_clone_gives_no_date_rather_than_a_wrong_one(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert reviewed.review_dates(clone) == {"state": reviewed.SHALLOW, "dates": {}}
    git(clone, "fetch", "-q", "--unshallow")
    assert reviewed.review_dates(clone) == reviewed.review_dates(repo)


def test_without_git_history_there_is_no_date(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    assert reviewed.review_dates(tmp_path) == {"state": reviewed.NO_HISTORY, "dates": {}}


def test_the_checkout_gives_the_home_page_its_last_commit_date() -> None:
    if git(ROOT, "rev-parse", "--is-shallow-repository").strip() == "true":
        assert reviewed.REVIEWED["state"] == reviewed.SHALLOW
        return
    stamp = git(ROOT, "log", "-1", "--format=%ct", "--", "docs/index.md").strip()
    assert stamp, "docs/index.md has no commit"
    expected = subprocess.run(["date", "-u", "-d", f"@{stamp}", "+%F"], capture_output=True, text=True, check=True).stdout.strip()
    assert reviewed.REVIEWED["dates"][""] == expected


def test_the_template_words_come_from_the_catalog() -> None:
    texts = theme.TEMPLATE_TEXTS["en"]
    assert texts["reviewed_before"] + "2026-05-28" + texts["reviewed_after"] == messages()("reviewed.on", date="2026-05-28")
    assert "shallow" in texts["reviewed_shallow"]
