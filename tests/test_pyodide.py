"""The same decision_tree module under real Pyodide (Node + the npm runtime), started as the page's
worker starts it: the build's trimmed standard library and the compiled package with its content
snapshot. Whatever the widget or the tools import must be in that library: these tests fail if not.

pytest-pyodide does not work offline here (see shared/reference/toolchain.md); this drives the
npm package's runtime directly, the one the site serves.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from decision_tree import all_paths, load, web
from decision_tree.pages import tree_page
from decision_tree.render import paths_json

from .conftest import BuiltSite
from .scenarios import FIRST_FILING

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).with_name("pyodide") / "run_in_pyodide.mjs"
SNIPPET = """
import json, sys
import decision_tree.web
loaded_by_web = sorted(sys.modules)
from decision_tree import load, all_paths, State, web
from decision_tree.tools import web as tools_web
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
    "snapshot": __import__("decision_tree.snapshot", fromlist=["_read"])._read() is not None,
    "stdlib": sorted(n for n, m in sys.modules.items() if (getattr(m, "__file__", "") or "").startswith("/lib/python314")),
    "tools": [tools_web.run(tool, fields) for tool, fields in TOOL_CASES],
    "domain_answer": json.loads(tools_web.domain_answer_json("www.example.io", DOMAIN_TOKEN)),
    "view_zh": web.view(TOKEN, "tree/", "zh"),
    "markdown_zh": web.markdown(TOKEN, "https://example.org/zh/", "zh"),
    "tools_zh": [tools_web.run(tool, fields, "tools/", "zh") for tool, fields in TOOL_CASES],
})
"""
# The tools on inputs that cover each kind of answer and refusal: the same in Pyodide as on CPython.
TOOL_CASES = [
    ("domain", {"domain": "https://api.shop.example.com.cn/cart?x=1"}),
    ("domain", {"domain": "例子.中国"}),
    ("domain", {"domain": "xn--fsqu00a.xn--fiqs8s"}),
    ("domain", {"domain": "foo.github.io"}),
    ("domain", {"domain": "site.cc"}),
    ("domain", {"domain": "a..b"}),
    # Refused, the input echoed escaped and cut to a preview: Pyodide's unicodedata agrees with CPython's.
    ("domain", {"domain": "\x1b]0;title\x07" + "a" * 80 + "\u202e.cn"}),
    ("number", {"number": "京ICP备 12345678号－1"}),
    ("number", {"number": "粤ICP备2021012345号-2A"}),
    ("number", {"number": "京公网安备11010502030143号"}),
    ("number", {"number": "港ICP备12345678号"}),
    ("number", {"number": "\u202e京ICP备" + "1" * 100 + "号\x9b"}),
    ("footer", {"footer": "粤ICP备2021012345号-3", "psb": "粤公网安备44030502000001号"}),
    ("footer", {"footer": "京ICP备12345678号-1", "psb": "京ICP备12345678号"}),
]
FIXTURE = Path(__file__).with_name("fixtures") / "answer_codes.json"
CODES = [code for entry in json.loads(FIXTURE.read_text(encoding="utf-8")).values() for code in entry["codes"]]

pytestmark = pytest.mark.node


@pytest.fixture(scope="module")
def bundle(built_site: BuiltSite) -> Path:
    """The bundle the site serves, from the session's build (tests/conftest.py)."""
    return built_site.root / tree_page.bundle_dir()


def _domain_token() -> str:
    from decision_tree import State

    state = State.start(load())
    for answer in ("online", "website", "mainland_servers", "no", "individual", "id_card", "beijing", "not_filed"):
        state = state.answer(answer)
    assert state.current.id == "domain_checks"
    return state.token


@pytest.fixture(scope="module")
def inside(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run Pyodide (apt-get install nodejs)"
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.asm.wasm").exists(), "run `npm ci` (make test does)"
    content = load()
    state = FIRST_FILING.but("new website in Tibet", "new_website", province="xizang", subject_filed="yes").state(content)
    snippet = tmp_path_factory.mktemp("snippet") / "snippet.py"
    head = f"TOKEN = {state.token!r}\nCODES = {CODES!r}\nTOOL_CASES = {TOOL_CASES!r}\nDOMAIN_TOKEN = {_domain_token()!r}\n"
    snippet.write_text(head + SNIPPET, encoding="utf-8")
    proc = subprocess.run([node, str(RUNNER), str(snippet), str(bundle)], cwd=ROOT,
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


def test_the_tools_give_the_same_answers_in_pyodide(inside: dict[str, object]) -> None:
    from decision_tree.tools import web as tools_web

    answers = inside["tools"]
    assert isinstance(answers, list) and len(answers) == len(TOOL_CASES)
    for (tool, fields), answer in zip(TOOL_CASES, answers, strict=True):
        assert answer == tools_web.run(tool, fields), (tool, fields)
    assert [a["field"] for a in answers if a["error"]] == ["domain", "domain", "number", "number", "psb"]  # refused there too
    assert inside["domain_answer"] == json.loads(tools_web.domain_answer_json("www.example.io", _domain_token()))
    assert "Give these answers" in str(inside["domain_answer"])


def test_the_tree_page_never_loads_the_public_suffix_list(inside: dict[str, object]) -> None:
    modules = inside["modules"]
    assert isinstance(modules, list)
    assert not [m for m in modules if m.startswith(("publicsuffixlist", "decision_tree.tools"))]


def test_the_browser_reads_the_content_snapshot_not_toml(inside: dict[str, object]) -> None:
    assert inside["snapshot"] is True
    assert "tomllib" not in inside["modules"]  # type: ignore[operator]


def test_the_chinese_edition_gets_the_same_views_in_pyodide(inside: dict[str, object]) -> None:
    from decision_tree import render, web
    from decision_tree.resume import read
    from decision_tree.tools import web as tools_web

    token = str(inside["token"])
    assert inside["view_zh"] == web.view(token, "tree/", "zh")
    zh = load("zh")
    assert inside["markdown_zh"] == render.result_markdown(zh, read(zh, token).state.result(), "https://example.org/zh/", "zh")
    assert inside["tools_zh"] == [tools_web.run(tool, fields, "tools/", "zh") for tool, fields in TOOL_CASES]
    assert zh.outcomes[read(zh, token).state.current.id].title in str(inside["view_zh"])
