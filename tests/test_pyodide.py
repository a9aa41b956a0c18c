"""The same decision_tree module, from a wheel, under real Pyodide (Node + the npm runtime).

pytest-pyodide does not work offline here (see shared/reference/toolchain.md); this drives the
npm package's runtime directly, the one the site serves.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from decision_tree import all_paths, load, web
from decision_tree.render import paths_json

from .scenarios import FIRST_FILING

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).with_name("pyodide") / "run_in_pyodide.mjs"
SNIPPET = """
import json, sys
import decision_tree.web
loaded_by_web = sorted(sys.modules)
from decision_tree import load, all_paths, State, web
from decision_tree.render import paths_json
content = load()
json.dumps({
    "python": sys.version.split()[0],
    "platform": sys.platform,
    "modules": loaded_by_web,
    "paths": json.loads(paths_json(all_paths(content))),
    "provinces": list(content.provinces),
    "view": web.view(TOKEN),
    "bad": web.view("tampered-123")["notice"],
    "codes": {code: web.view(code) for code in CODES},
})
"""
FIXTURE = Path(__file__).with_name("fixtures") / "answer_codes.json"
CODES = [code for entry in json.loads(FIXTURE.read_text(encoding="utf-8")).values() for code in entry["codes"]]

pytestmark = pytest.mark.pyodide


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_site
    finally:
        sys.path.pop(0)
    return build_site.build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def inside(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run Pyodide (apt-get install nodejs)"
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.asm.wasm").exists(), "run `npm ci` (make test does)"
    content = load()
    state = FIRST_FILING.but("new website in Tibet", "new_website", province="xizang", subject_filed="yes").state(content)
    snippet = tmp_path_factory.mktemp("snippet") / "snippet.py"
    snippet.write_text(f"TOKEN = {state.token!r}\nCODES = {CODES!r}\n" + SNIPPET, encoding="utf-8")
    proc = subprocess.run([node, str(RUNNER), str(wheel), str(snippet)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    data["token"] = state.token
    return data


def test_runs_on_pyodide_python(inside: dict[str, object]) -> None:
    assert inside["platform"] == "emscripten"
    assert str(inside["python"]).startswith("3.")


def test_content_validates_and_paths_equal_cpythons(inside: dict[str, object]) -> None:
    expected = json.loads(paths_json(all_paths(load())))
    assert inside["paths"] == expected
    assert inside["provinces"] == list(load().provinces)


def test_widget_html_equals_cpythons(inside: dict[str, object]) -> None:
    assert inside["view"] == web.view(str(inside["token"]))
    assert "Tibet" in str(inside["view"]["html"])  # type: ignore[index]


def test_bad_token_gives_a_notice_in_pyodide_too(inside: dict[str, object]) -> None:
    assert inside["bad"] == web.view("tampered-123")["notice"]


def test_the_browser_entry_point_loads_no_build_time_module_in_pyodide(inside: dict[str, object]) -> None:
    from .test_layers import BUILD_ONLY

    modules = inside["modules"]
    assert isinstance(modules, list) and "decision_tree.widget" in modules
    assert [m for m in modules if any(m == b or m.startswith(b + ".") for b in BUILD_ONLY)] == []


def test_every_recorded_answer_code_gives_the_same_view_in_pyodide(inside: dict[str, object]) -> None:
    views = inside["codes"]
    assert isinstance(views, dict) and len(views) == len(CODES)
    for code in CODES:
        assert views[code] == web.view(code), code
