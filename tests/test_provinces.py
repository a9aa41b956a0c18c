"""Each province's page in both editions is written by decision_tree/pages/provinces.py: the files in
the repository are exactly what it writes, every province has its pages and every page a province,
and the build stops on a page that differs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from decision_tree import load
from decision_tree.pages import editions, provinces

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_site  # noqa: E402

sys.path.pop(0)


def test_the_repositorys_pages_are_what_the_generator_writes() -> None:
    assert provinces.problems(ROOT) == []


def test_every_province_has_a_page_in_each_edition_and_every_page_a_province() -> None:
    ids = set(load().provinces)
    assert len(ids) == 31
    for folder in editions.EDITIONS.values():
        assert {p.stem for p in (ROOT / folder / provinces.FOLDER).glob("*.md")} == ids, folder


def test_a_page_says_its_province_in_its_editions_language() -> None:
    mongolia = load().provinces["neimenggu"]
    en, zh = provinces.render(mongolia, "en"), provinces.render(mongolia, "zh")
    assert en.startswith("# Inner Mongolia (内蒙古)\n\nThe rules Inner Mongolia's communications administration")
    assert "[Regional differences](../regions.md)" in en and "[Sources](../sources.md#confidence)." in en
    # The Chinese heading carries the id the English one gets from its words, for the language switch.
    assert zh.startswith("# 内蒙古 { #inner-mongolia }\n\n本页列出内蒙古通信管理局")
    assert "[地区差异](../regions.md)" in zh and "[来源](../sources.md#confidence)。" in zh
    assert en.endswith("\n```icp-province\nneimenggu\n```\n") and zh.endswith("\n```icp-province\nneimenggu\n```\n")


def test_a_changed_missing_or_stray_page_is_named_and_written_again(tmp_path: Path) -> None:
    written = provinces.write(tmp_path)
    assert len(written) == 62 and written[0] == "wrote docs-zh/regions/anhui.md"
    assert provinces.problems(tmp_path) == []
    (tmp_path / "docs/regions/beijing.md").write_text("# Beijing\n\nBy hand.\n", encoding="utf-8")
    (tmp_path / "docs-zh/regions/tianjin.md").unlink()
    (tmp_path / "docs/regions/atlantis.md").write_text("# Atlantis\n", encoding="utf-8")
    found = provinces.problems(tmp_path)
    named = ["docs-zh/regions/tianjin.md", "docs/regions/beijing.md", "docs/regions/atlantis.md"]
    assert [p.split(" ")[0] for p in found] == named
    assert "is missing" in found[0] and "is not what decision_tree/pages/provinces.py writes" in found[1]
    assert "is the page of no province" in found[2]
    assert provinces.write(tmp_path) == [
        "wrote docs-zh/regions/tianjin.md", "wrote docs/regions/beijing.md", "removed docs/regions/atlantis.md",
    ]
    assert provinces.problems(tmp_path) == []


def test_the_command_checks_and_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert provinces.main([]) == 1
    assert "docs/regions/beijing.md is missing: run `make pages`" in capsys.readouterr().err
    assert provinces.main(["--write"]) == 0
    assert provinces.main([]) == 0
    assert provinces.main(["--check"]) == 2


def test_a_page_not_as_written_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    provinces.write(tmp_path)
    for lang, folder in editions.EDITIONS.items():
        (tmp_path / folder / "index.md").write_text(f"# {lang}\n", encoding="utf-8")
    (tmp_path / "docs-zh/regions/beijing.md").write_text("# 北京\n", encoding="utf-8")
    monkeypatch.setattr(build_site, "ROOT", tmp_path)
    with pytest.raises(build_site.BuildError, match=r"docs-zh/regions/beijing\.md is not what"):
        build_site.build_pages(tmp_path / "site")
    assert not (tmp_path / "site").exists()
