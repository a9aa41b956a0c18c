"""The Chinese texts are reviewed against their English as it is (decision_tree/pages/translations.py):
an edit of an English text, of the English catalog or of an English page flags its Chinese until the
review is recorded, and the record names nothing that no longer exists."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from decision_tree import cli
from decision_tree.pages import translations

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / translations.CONTENT


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of what the review reads: the content, both editions' pages and the record."""
    root = tmp_path / "checkout"
    shutil.copytree(CONTENT, root / translations.CONTENT, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    for folder in ("docs", "docs-zh"):
        shutil.copytree(ROOT / folder, root / folder, symlinks=True)
    shutil.copy2(ROOT / translations.RECORD, root / translations.RECORD)
    return root


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def keys(texts: tuple[translations.Text, ...]) -> list[str]:
    return [t.key for t in texts]


def test_every_chinese_text_of_the_repository_is_reviewed() -> None:
    found = translations.review(ROOT)
    assert (keys(found.changed), keys(found.new), found.gone) == ([], [], ())


def test_the_review_covers_content_tables_glossary_catalog_and_pages() -> None:
    found = translations.texts(ROOT)
    for key in (
        "tree.toml:questions.goal.text_zh",
        "outcomes.toml:outcomes.new_filing.steps_zh",
        "outcomes.toml:kinds_zh.procedure",
        "regions.toml:topics_zh.phone",
        "regions.toml:provinces.beijing.caveats[1].text_zh",
        "glossary.toml:group[1].term[1].definition_zh",
        "suffixes.toml:authority.text_zh",
        "messages/zh.toml:tree.back",
        "docs-zh/overview.md",
    ):
        assert key in found, key
    assert found["docs-zh/overview.md"].english == "docs/overview.md"
    # The province pages are written from texts reviewed where they are (the catalog, regions.toml).
    assert not [k for k in found if k.startswith("docs-zh/regions/")]


def test_an_edited_english_text_flags_its_chinese_until_reviewed(checkout: Path) -> None:
    outcomes = checkout / translations.CONTENT / "outcomes.toml"
    edit(outcomes, 'procedure = "A filing procedure to carry out"', 'procedure = "A filing procedure"')
    tree = checkout / translations.CONTENT / "tree.toml"
    text = tree.read_text(encoding="utf-8")
    goal = re.search(r'\[questions\.goal\]\ntext = "([^"]+)"', text)
    assert goal
    edit(tree, f'text = "{goal.group(1)}"', f'text = "{goal.group(1)} Now."')
    found = translations.review(checkout)
    assert keys(found.changed) == ["tree.toml:questions.goal.text_zh", "outcomes.toml:kinds_zh.procedure"]
    assert (found.new, found.gone) == ((), ())
    assert translations.mark_reviewed(["tree.toml:questions.goal.text_zh"], checkout) == 1
    assert keys(translations.review(checkout).changed) == ["outcomes.toml:kinds_zh.procedure"]
    translations.mark_reviewed(["outcomes.toml:kinds_zh.procedure"], checkout)
    assert not translations.review(checkout)


def test_an_edited_catalog_text_flags_its_chinese(checkout: Path) -> None:
    edit(checkout / translations.CATALOGS["en"], 'back = "Back"', 'back = "Go back"')
    assert keys(translations.review(checkout).changed) == ["messages/zh.toml:tree.back"]


def test_an_edited_page_flags_its_chinese_page_but_not_the_benchmarks_table(checkout: Path) -> None:
    with (checkout / "docs" / "faq.md").open("a", encoding="utf-8") as page:
        page.write("\nOne more answer.\n")
    performance = checkout / "docs" / "performance.md"
    text = performance.read_text(encoding="utf-8")
    table = text.split("<!-- bench:start -->")[1].split("<!-- bench:end -->")[0]
    performance.write_text(text.replace(table, "\n| a new run | 1 ms |\n"), encoding="utf-8")
    found = translations.review(checkout)
    assert keys(found.changed) == ["docs-zh/faq.md"]
    translations.mark_reviewed(["docs-zh/faq.md"], checkout)
    assert not translations.review(checkout)


def test_a_new_text_waits_for_its_first_review_and_the_texts_it_moves_keep_theirs(checkout: Path) -> None:
    regions = checkout / translations.CONTENT / "regions.toml"
    caveat = (
        '[[provinces.beijing.caveats]]\ntopic = "phone"\napplies_to = "all"\ntext = "A new rule."\n'
        'text_zh = "一条新规定。"\nsources = ["seed"]\nas_of = "2020"\nconfidence = "low"\n\n'
    )
    first = "[[provinces.beijing.caveats]]\n"
    regions.write_text(regions.read_text(encoding="utf-8").replace(first, caveat + first, 1), encoding="utf-8")
    found = translations.review(checkout)
    # The new caveat is first; every caveat after it moved one place down and is still reviewed.
    assert (keys(found.changed), keys(found.new)) == ([], ["regions.toml:provinces.beijing.caveats[1].text_zh"])
    before = translations.read_record(checkout)
    assert before is not None
    # A key only some caveats have (a scope's situation_zh) leaves a place that now holds none: its
    # record is named gone, and the text it reviewed is the one a place further down holds now.
    current = translations.texts(checkout)
    shifted = re.compile(r"caveats\[(\d+)\]")
    for key in found.gone:
        below = shifted.sub(lambda m: f"caveats[{int(m.group(1)) + 1}]", key)
        assert current[below].fingerprint == before[key], key
    translations.mark_reviewed(["regions.toml:provinces.beijing.caveats[1].text_zh", *found.gone], checkout)
    assert not translations.review(checkout)
    record = translations.read_record(checkout)
    assert record is not None
    # The moved caveats are recorded at their new places; the last place is new to the record.
    last = max(int(n) for n in re.findall(r"provinces\.beijing\.caveats\[(\d+)\]", " ".join(record)))
    assert f"regions.toml:provinces.beijing.caveats[{last}].text_zh" not in before
    place = "regions.toml:provinces.beijing.caveats[{}].text_zh".format
    assert record[place(2)] == before[place(1)]
    # Edited in place, a text in a list is flagged as changed, and only it.
    edit(regions, 'text = "A new rule."', 'text = "A newer rule."')
    assert keys(translations.review(checkout).changed) == ["regions.toml:provinces.beijing.caveats[1].text_zh"]


def test_records_of_texts_that_no_longer_exist_are_named_and_forgotten_when_reviewed(checkout: Path) -> None:
    record = translations.read_record(checkout)
    assert record is not None
    stale = {"tree.toml:questions.gone.text_zh": "0123456789ab", "docs-zh/nowhere.md": "0123456789ab"}
    translations.write_record({**record, **stale}, checkout)
    found = translations.review(checkout)
    assert found.gone == ("docs-zh/nowhere.md", "tree.toml:questions.gone.text_zh")
    assert not found.changed and not found.new
    with pytest.raises(translations.UnknownKey) as err:
        translations.mark_reviewed(["docs-zh/nowhere.md", "tree.toml:no.such_zh"], checkout)
    assert err.value.keys == ["tree.toml:no.such_zh"]
    assert translations.review(checkout).gone == found.gone  # nothing was written
    translations.mark_reviewed(["docs-zh/nowhere.md"], checkout)
    assert translations.review(checkout).gone == ("tree.toml:questions.gone.text_zh",)
    translations.mark_reviewed(None, checkout)
    assert not translations.review(checkout)
    assert translations.read_record(checkout) == record


def test_without_a_record_every_text_is_new(checkout: Path) -> None:
    (checkout / translations.RECORD).unlink()
    assert translations.read_record(checkout) is None
    found = translations.review(checkout)
    assert len(found.new) == len(translations.texts(checkout)) and not found.changed


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def test_the_hint_is_the_diff_since_the_commit_that_recorded_the_review(checkout: Path) -> None:
    faq = checkout / "docs" / "faq.md"
    with faq.open("a", encoding="utf-8") as page:
        page.write("\nOne more answer.\n")
    text = translations.review(checkout).changed[0]
    recorded = (translations.read_record(checkout) or {})[text.key]
    # No history: the page's whole log.
    assert translations.what_changed(text, recorded, translations.review_commits(checkout)) == "git log -p -- docs/faq.md"
    git(checkout, "init", "-q")
    git(checkout, "add", "-A")
    git(checkout, "commit", "-q", "-m", "reviewed")
    reviewed = git(checkout, "rev-parse", "--short", "HEAD").strip()
    faq.write_text(faq.read_text(encoding="utf-8") + "And another.\n", encoding="utf-8")
    text = translations.review(checkout).changed[0]
    hint = translations.what_changed(text, recorded, translations.review_commits(checkout))
    assert hint == f"git diff {reviewed} -- docs/faq.md"


# --- the command line ------------------------------------------------------------------------------


@pytest.fixture
def cli_checkout(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(translations, "CHECKOUT", checkout)
    return checkout


def test_check_fails_on_a_text_to_review_and_passes_once_it_is_reviewed(
    cli_checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check"], prog="icp-tree") == cli.EXIT_OK
    capsys.readouterr()
    edit(cli_checkout / translations.CATALOGS["en"], 'back = "Back"', 'back = "Go back"')
    assert cli.main(["check"], prog="icp-tree") == cli.EXIT_CONTENT
    err = capsys.readouterr().err
    assert "messages/zh.toml:tree.back: its English (messages/en.toml:tree.back) changed since the Chinese was reviewed" in err
    assert "git log -p -- decision_tree/content/messages/en.toml" in err
    assert "1 review to record." in err and "icp-tree translations --reviewed KEY" in err
    assert cli.main(["translations", "--format", "json"], prog="icp-tree") == cli.EXIT_CONTENT
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["key"] == "messages/zh.toml:tree.back" and entry["state"] == "changed"
    assert cli.main(["translations", "--reviewed", "messages/zh.toml:tree.back"], prog="icp-tree") == cli.EXIT_OK
    assert capsys.readouterr().out == "1 review recorded in translations.json\n"
    assert cli.main(["translations"], prog="icp-tree") == cli.EXIT_OK
    assert capsys.readouterr().out == "Every Chinese text has been reviewed against its English as it is.\n"
    assert cli.main(["check"], prog="icp-tree") == cli.EXIT_OK


def test_the_command_refuses_an_unknown_key_and_says_where_the_record_is_missing(
    cli_checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["translations", "--reviewed", "tree.toml:nothing_zh"], prog="icp-tree") == cli.EXIT_USAGE
    assert "no Chinese text or review is named tree.toml:nothing_zh" in capsys.readouterr().err
    (cli_checkout / translations.RECORD).unlink()
    assert cli.main(["check"], prog="icp-tree") == cli.EXIT_CONTENT
    assert "translations.json is missing: icp-tree translations --all-reviewed" in capsys.readouterr().err
    assert cli.main(["translations", "--all-reviewed"], prog="icp-tree") == cli.EXIT_OK
    assert cli.main(["check"], prog="icp-tree") == cli.EXIT_OK


def test_outside_a_checkout_check_has_no_translations_to_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(translations, "CHECKOUT", tmp_path)  # an installed package: no docs-zh beside it
    assert cli.main(["check"], prog="icp-tree") == cli.EXIT_OK
    assert cli.main(["translations"], prog="icp-tree") == cli.EXIT_USAGE
    assert "not in an installed package" in capsys.readouterr().err
