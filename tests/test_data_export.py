"""The rules as data (decision_tree/pages/data_export.py): every file valid against its published JSON
Schema (draft 2020-12, with the maintained `jsonschema` validator), listed in index.json with its
schema, size and digest, the same bytes from the same content, each text beside its Chinese, the
licence the project's; the CLI's export and the built site's data/ hold the same files."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonschema import Draft202012Validator

from decision_tree import load
from decision_tree.pages import data_export

from .conftest import ROOT, BuiltSite
from .test_browser import _describe, axe_violations, serve

SCHEMA_FILES = sorted(data_export.SCHEMAS.glob("*.schema.json"))


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return data_export.export(data_export.texts())


def as_json(data: bytes) -> Any:
    return json.loads(data.decode("utf-8"))


def validator(files: dict[str, bytes], schema: str) -> Draft202012Validator:
    return Draft202012Validator(as_json(files[schema]), format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("schema", SCHEMA_FILES, ids=lambda p: p.name)
def test_each_schema_is_a_valid_draft_2020_12_schema(schema: Path) -> None:
    loaded = json.loads(schema.read_text(encoding="utf-8"))
    assert loaded["$schema"] == data_export.SCHEMA_DIALECT
    Draft202012Validator.check_schema(loaded)


def test_index_lists_every_data_file_with_its_schema_size_and_digest(files: dict[str, bytes]) -> None:
    index = as_json(files[data_export.INDEX])
    validator(files, index["schema"]).validate(index)
    assert index["content_version"] == load().version
    assert index["format"] == data_export.FORMAT
    listed = {entry["path"]: entry for entry in index["files"]}
    data = {name for name in files if not name.startswith("schemas/") and name != data_export.INDEX}
    assert set(listed) == data == {"outcomes.json", "regions.json", "sources.json", "suffixes.json", "divisions.json"}
    for path, entry in listed.items():
        assert entry["bytes"] == len(files[path])
        assert entry["sha256"] == hashlib.sha256(files[path]).hexdigest()
        assert entry["schema"] in files
    published = {name for name in files if name.startswith("schemas/")}
    assert published == {e["schema"] for e in index["files"]} | {index["schema"]}


@pytest.mark.parametrize("name", [f.name for f in data_export.FILES])
def test_every_file_is_valid_against_its_schema(files: dict[str, bytes], name: str) -> None:
    entry = next(e for e in as_json(files[data_export.INDEX])["files"] if e["name"] == name)
    data = as_json(files[entry["path"]])
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(files, entry["schema"]).iter_errors(data)]
    assert errors == []
    assert data["content_version"] == load().version


def _broken(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Copies of regions.json, each with one thing a tool could not rely on."""
    for what, path, value in (
        ("an unknown field", ("provinces", 0, "caveats", 0, "said_by"), "x"),
        ("a text without its Chinese", ("provinces", 0, "caveats", 0, "text_zh"), None),
        ("an unknown fold", ("provinces", 0, "caveats", 0, "scope", "fold"), "hidden"),
        ("a date that is none", ("provinces", 0, "caveats", 0, "as_of"), "2019/09"),
        ("an answer with no choice", ("provinces", 0, "caveats", 0, "scope", "when"), [{"question": "q", "choices": []}]),
    ):
        broken = copy.deepcopy(data)
        target: Any = broken
        for key in path[:-1]:
            target = target[key]
        if value is None:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        yield what, broken


def test_the_schemas_refuse_what_a_tool_could_not_rely_on(files: dict[str, bytes]) -> None:
    check = validator(files, "schemas/regions.schema.json")
    for what, broken in _broken(as_json(files["regions.json"])):
        assert not check.is_valid(broken), what


def test_the_shared_definitions_are_the_same_in_every_schema() -> None:
    """Each schema is complete in itself (a tool loads one file); what they share must not drift apart."""
    seen: dict[str, tuple[str, Any]] = {}
    for path in SCHEMA_FILES:
        for name, definition in json.loads(path.read_text(encoding="utf-8")).get("$defs", {}).items():
            first = seen.setdefault(name, (path.name, definition))
            assert definition == first[1], f"$defs/{name} differs between {first[0]} and {path.name}"


def test_the_same_content_gives_the_same_bytes(files: dict[str, bytes]) -> None:
    assert data_export.export(data_export.texts()) == files


def _texts(value: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any], str]]:
    """Each object field that has a Chinese twin (name + _zh), with the object."""
    if isinstance(value, dict):
        for key in value:
            if key.endswith("_zh") and key != "name_zh":
                yield where, value, key.removesuffix("_zh")
            yield from _texts(value[key], f"{where}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _texts(item, f"{where}[{n}]")


@pytest.mark.parametrize("name", [f.name for f in data_export.FILES if f.name != "divisions"])
def test_each_text_has_its_chinese_beside_it(files: dict[str, bytes], name: str) -> None:
    found = list(_texts(as_json(files[f"{name}.json"])))
    assert found
    for where, obj, key in found:
        english, chinese = obj[key], obj[f"{key}_zh"]
        assert type(english) is type(chinese), f"{where}.{key}"
        if isinstance(english, list):
            assert len(english) == len(chinese), f"{where}.{key}"
        assert bool(english) == bool(chinese), f"{where}.{key}: one language says nothing"
        assert english != chinese or not english or key in ("title", "name"), f"{where}.{key}: not translated"


def test_the_regional_rules_keep_every_caveat_and_its_scope(files: dict[str, bytes]) -> None:
    content, zh = load("en"), load("zh")
    provinces = {p["id"]: p for p in as_json(files["regions.json"])["provinces"]}
    assert list(provinces) == list(content.provinces)
    for pid, province in content.provinces.items():
        exported = provinces[pid]["caveats"]
        assert [c["text"] for c in exported] == [c.text for c in province.caveats]
        assert [c["text_zh"] for c in exported] == [c.text for c in zh.provinces[pid].caveats]
        for caveat, data in zip(province.caveats, exported, strict=True):
            scope = caveat.scope
            assert data["scope"]["procedures"] == list(scope.procedures)
            assert [(w["question"], tuple(w["choices"])) for w in data["scope"]["when"]] == list(scope.when)
            assert (data["scope"]["situation"], data["scope"]["fold"]) == (scope.situation, scope.fold.value)
    scoped = [c for p in provinces.values() for c in p["caveats"]]
    assert any(c["scope"]["when"] for c in scoped) and any(c["scope"]["situation"] for c in scoped)
    assert {c["scope"]["fold"] for c in scoped} == {"", "dated", "detail"}


def test_every_source_a_file_cites_is_in_sources_json(files: dict[str, bytes]) -> None:
    keys = {s["key"] for s in as_json(files["sources.json"])["sources"]}

    def cited(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "sources" and isinstance(item, list) and all(isinstance(s, str) for s in item):
                    yield from item
                elif key == "source" and isinstance(item, str):
                    yield item
                else:
                    yield from cited(item)
        elif isinstance(value, list):
            for item in value:
                yield from cited(item)

    for name in ("outcomes.json", "regions.json", "suffixes.json", "divisions.json"):
        assert set(cited(as_json(files[name]))) <= keys, name


def test_the_licence_is_the_project_s() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == data_export.LICENCE


def test_the_command_line_writes_the_same_files(tmp_path: Path, files: dict[str, bytes]) -> None:
    out = tmp_path / "exported"
    run = subprocess.run([sys.executable, "-m", "decision_tree", "--lang", "en", "export", "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "content version" in run.stdout and str(out / "index.json") in run.stdout
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written == files
    again = subprocess.run([sys.executable, "-m", "decision_tree", "export", "--format", "json", "--out", str(out)],
                           cwd=ROOT, capture_output=True, text=True, check=False)
    assert json.loads(again.stdout) == as_json(files[data_export.INDEX])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_command_line_says_what_is_wrong_with_the_folder(tmp_path: Path, lang: str) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "decision_tree", "--lang", lang, "export", "--out", str(taken)],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert str(taken) in run.stderr and run.stderr.count("\n") == 1
    assert ("无法" in run.stderr) == (lang == "zh")


def test_validating_with_the_library_catches_a_file_that_drifted(files: dict[str, bytes]) -> None:
    """What docs/data.md tells tools to run: jsonschema.validate raises on a file its schema refuses."""
    data = as_json(files["sources.json"])
    data["sources"][0]["url"] = "not an address"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, as_json(files["schemas/sources.schema.json"]), cls=Draft202012Validator)


def test_the_built_site_publishes_the_export_under_data(built_site: BuiltSite, files: dict[str, bytes]) -> None:
    folder = built_site.root / "data"
    published = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
                 if p.is_file() and p.suffix in (".json",)}
    assert published == files
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="index.json"' in page and 'href="schemas/regions.schema.json"' in page
    zh_page = (built_site.root / "zh" / "data" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../data/index.json"' in zh_page


DATA_FILES = ("data/index.json", "data/schemas/index.schema.json")


@pytest.mark.parametrize(("path", "linked"), [
    ("data/", DATA_FILES), ("zh/data/", DATA_FILES),
    ("changes/", ("changes/feed.xml",)), ("zh/changes/", ("zh/changes/feed.xml",)),
])
def test_the_pages_that_link_the_data_and_the_feed_pass_axe(
    page: Any, built_site: BuiltSite, path: str, linked: tuple[str, ...],
) -> None:
    server, url = serve.serve_in_thread(built_site.root)
    try:
        page.goto(url + path)
        violations = axe_violations(page)
        assert violations == [], _describe(violations)
        for target in linked:  # what the page links to is served
            assert page.request.get(url + target).ok, target
    finally:
        server.shutdown()
