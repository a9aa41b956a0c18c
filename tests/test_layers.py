"""The package's layers: the browser's entry point loads only what the browser needs, no lower layer
reaches up into a higher one (the model knows nothing of codes, the codec nothing of content, the tree
nothing of the tools), and no import circle hides anywhere, function bodies included.

Every import counts (decision_tree.pages.imports says why): one inside a function is still a
dependency, and one under ``if TYPE_CHECKING:`` is part of what a module knows, even though neither
runs when the module is imported.
"""

from __future__ import annotations

import ast
import graphlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from decision_tree.pages import imports

BUILD_ONLY = ("html", "mkdocs", "pymdownx", "markdown", "jinja2", "yaml", "decision_tree.pages")
PACKAGE = "decision_tree"
FILES = imports.modules()


def _short(module: str) -> str:
    """``decision_tree.tools.web`` -> ``tools.web``; the package's own ``__init__`` -> ``__init__``."""
    return "__init__" if module == PACKAGE else module.removeprefix(PACKAGE + ".")


README = Path(__file__).resolve().parents[1] / "README.md"
GRAPH = {_short(m): {_short(i) for i in targets} for m, targets in imports.graph().items()}


def loaded_by(module: str) -> list[str]:
    code = f"import sys, json, {module}; print(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    loaded: list[str] = json.loads(proc.stdout)
    return loaded


def test_the_browser_entry_point_loads_no_build_time_module() -> None:
    loaded = loaded_by("decision_tree.web")
    offending = [m for m in loaded if any(m == b or m.startswith(b + ".") for b in BUILD_ONLY)]
    assert offending == []
    assert "decision_tree.widget" in loaded and "decision_tree.markup" in loaded


# What each module imports of the package, function bodies included; the order is the layering,
# lowest first: a module imports only modules listed before it. README.md's layer list follows it.
ALLOWED: dict[str, set[str]] = {
    # The tree's core: the standard library only.
    "model": set(),
    "errors": set(),
    "termwrap": set(),
    "localize": set(),
    "snapshot": set(),
    "routing": {"model"},
    "scope": {"model"},
    "urls": {"model"},
    "validate": {"model"},
    "reader": {"localize", "model"},
    "messages": {"errors", "snapshot"},
    "loader": {"errors", "localize", "model", "reader", "routing", "snapshot", "validate"},
    "answer_token": {"messages"},
    "engine": {"answer_token", "routing", "errors", "model", "scope"},
    "resume": {"answer_token", "routing", "engine", "model"},
    "paths": {"engine", "messages", "model"},
    "present": {"engine", "messages", "model", "scope"},
    "markup": {"urls", "messages", "model", "present"},
    "widget": {"answer_token", "urls", "engine", "markup", "messages", "model", "present"},
    "render": {"urls", "engine", "messages", "model", "paths", "present"},
    "web": {"render", "urls", "widget", "answer_token", "engine", "loader", "messages", "resume"},
    "__init__": {"answer_token", "engine", "errors", "loader", "messages", "model", "paths", "resume"},
    # Build and check time only (the glossary page, `check`): the browser's bundle leaves it out.
    "glossary": {"errors"},
    # The tools: above the tree, which never imports them; domain_check adds the Public Suffix List.
    "tools": set(),
    "tools.suffixes": {"errors", "localize", "model", "reader", "snapshot", "validate"},
    "tools.domain_check": {"errors", "messages", "model", "tools.suffixes"},
    "tools.filing_number": {"loader", "messages", "model"},
    "tools.footer": {"tools.filing_number", "loader", "messages", "model"},
    "tools.domain_view": {"urls", "tools.domain_check", "markup", "messages", "model", "present", "tools.suffixes", "termwrap"},
    "tools.number_view": {"urls", "tools.filing_number", "tools.footer", "loader", "markup", "messages", "model", "present",
                          "termwrap"},
    "tools.domain_answer": {"tools.domain_view", "tools.domain_check", "engine", "errors", "markup", "messages", "model",
                            "urls"},
    # The tools' browser entry: imported by the page scripts on first use, never by web.
    "tools.web": {"tools.domain_answer", "tools.domain_check", "tools.domain_view", "tools.filing_number", "tools.footer",
                  "tools.number_view", "urls", "loader", "messages", "resume"},
    # Build time only: the page generators, the Markdown fences, the bundle's snapshot, this graph.
    "pages": set(),
    "pages.editions": set(),
    "pages.imports": set(),
    "pages.edition": {"messages"},
    "pages.site": {"messages"},
    "pages.theme": {"messages", "urls"},
    "pages.glossary": {"glossary", "messages", "urls"},
    "pages.content_snapshot": {"loader", "messages", "tools.suffixes"},
    "pages.bundle": {"pages.imports", "snapshot"},
    "pages.provinces": {"loader", "messages", "model", "pages.editions", "present", "urls"},
    "pages.translations": {"localize", "messages", "pages.bundle", "pages.editions", "pages.provinces"},
    "pages.citations": {"loader", "messages", "pages.edition", "present", "urls"},
    "pages.fence_toc": set(),
    "pages.regions": {"markup", "messages", "model", "urls"},
    "pages.sources": {
        "markup", "messages", "model", "pages.theme", "present", "tools.domain_check", "tools.filing_number", "tools.footer",
        "urls",
    },
    "pages.feed": {"markup", "messages", "model", "pages.site", "pages.sources", "pages.theme", "urls"},
    "pages.data_export": {"loader", "model", "tools.domain_check", "tools.suffixes", "urls"},
    "pages.data_page": {"markup", "messages", "pages.data_export", "urls"},
    "pages.walkthrough": {"markup", "messages", "model", "urls"},
    "pages.prerender": {"answer_token", "engine", "messages", "model", "urls", "widget"},
    "pages.tree_page": {"engine", "markup", "messages", "model", "pages.bundle", "pages.prerender", "urls", "widget"},
    "pages.assets": {"pages.tree_page"},
    "pages.reviewed": {"pages.bundle"},
    "pages.tools_page": {"markup", "messages", "model", "pages.tree_page", "tools.domain_check", "tools.filing_number",
                         "tools.footer", "tools.number_view", "tools.suffixes", "urls"},
    "pages.fences": {"glossary", "loader", "messages", "model", "pages.data_page", "pages.edition", "pages.glossary",
                     "pages.regions", "pages.sources", "pages.tools_page", "pages.tree_page", "pages.walkthrough", "urls"},
    # The command line, above all: its check reads the checkout's record of reviewed translations too,
    # and its export writes the rules as data as the site's build does.
    "cli": {"answer_token", "engine", "errors", "glossary", "loader", "messages", "model", "paths", "present", "render",
            "resume", "routing", "termwrap", "tools.domain_check", "tools.domain_view", "tools.filing_number",
            "tools.footer", "tools.number_view", "pages.data_export", "pages.translations"},
    "__main__": {"cli"},
}
CORE = [m for m in ALLOWED if m not in ("glossary", "cli", "__main__") and not m.startswith(("tools", "pages"))]

# The only imports written inside a function, each with its reason: every other import sits at the
# top of its module, where the layering above sees it at a glance.
NO_TOML_IN_THE_BROWSER = (
    "the browser reads the content snapshot and never parses TOML, so its trimmed standard library "
    "leaves tomllib out (tests/test_pyodide.py): it is imported only where a file is parsed"
)
THE_CHECK_RUNS_WITHOUT_THE_DOCS_EXTRA = (
    "the command line's check of the translations imports this module and runs where the docs extra "
    "(MkDocs, Python-Markdown) is not installed: only the build and the tests call what needs it"
)
DEFERRED = {
    ("loader", "tomllib"): NO_TOML_IN_THE_BROWSER,
    ("messages", "tomllib"): NO_TOML_IN_THE_BROWSER,
    ("tools.suffixes", "tomllib"): NO_TOML_IN_THE_BROWSER,
    ("pages.editions", "mkdocs.utils.yaml"): THE_CHECK_RUNS_WITHOUT_THE_DOCS_EXTRA,
    ("pages.provinces", "markdown.extensions.toc"): THE_CHECK_RUNS_WITHOUT_THE_DOCS_EXTRA,
}


@pytest.mark.parametrize("module", sorted(ALLOWED))
def test_each_module_imports_what_its_layer_says(module: str) -> None:
    assert GRAPH[module] == ALLOWED[module]


def test_the_layer_table_names_every_module_each_after_all_it_imports() -> None:
    assert set(GRAPH) == set(ALLOWED), "add the new module to ALLOWED, in its layer, with what it imports"
    above: set[str] = set()
    for module, allowed in ALLOWED.items():
        assert allowed <= above, f"{module} imports {sorted(allowed - above)}, which the table lists after it"
        above.add(module)


def test_the_package_has_no_import_circle() -> None:
    try:
        graphlib.TopologicalSorter(GRAPH).prepare()
    except graphlib.CycleError as exc:
        pytest.fail(f"import circle: {' -> '.join(exc.args[1])}")


def test_the_tree_never_imports_the_tools_and_nothing_but_the_pages_imports_the_pages() -> None:
    assert "tools.web" not in ALLOWED["web"]  # the tree page never pays for the tools
    for module in CORE:
        assert not {m for m in GRAPH[module] if m.startswith("tools")}, f"{module} imports a tool"
    for module, imported in GRAPH.items():
        pages = {m for m in imported if m.startswith("pages")}
        if module == "cli":  # `check` and `translations` read the checkout's record of reviewed translations;
            pages -= {"pages.translations", "pages.data_export"}  # `export` writes what the site's data/ holds
        if not module.startswith("pages"):
            assert not pages, f"{module} imports the build-time page generators"


def _deferred(module: str) -> set[tuple[str, str]]:
    """(module, what it imports) for each import written inside one of its functions."""
    tree = ast.parse(FILES[PACKAGE if module == "__init__" else f"{PACKAGE}.{module}"].read_text(encoding="utf-8"))
    found = set()
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, ast.Import):
                    found |= {(module, alias.name) for alias in node.names}
                elif isinstance(node, ast.ImportFrom):
                    found.add((module, "." * node.level + (node.module or "")))
    return found


def test_imports_inside_functions_are_only_the_listed_ones() -> None:
    assert set().union(*(_deferred(m) for m in GRAPH)) == set(DEFERRED)


def _outside(module: str) -> set[str]:
    """The top-level names of what a module imports from outside the package (function bodies included)."""
    tree = ast.parse(FILES[PACKAGE if module == "__init__" else f"{PACKAGE}.{module}"].read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names - {PACKAGE} - set(sys.stdlib_module_names)


def test_the_core_needs_only_the_standard_library_and_the_tools_the_public_suffix_list() -> None:
    assert {m: _outside(m) for m in CORE if _outside(m)} == {}
    assert {m: _outside(m) for m in ALLOWED if m.startswith("tools") and _outside(m)} == {
        "tools.domain_check": {"publicsuffixlist"}
    }
    assert set().union(*(_outside(m) for m in ALLOWED if m.startswith("pages"))) == {"markdown", "mkdocs"}


BUILD_TIME = "Build time only"


def _readme_layers() -> list[list[str]]:
    """README.md's layer list, lowest first: the modules of each layer (``·`` between layers, in its
    bullets for the core, the tools and the command line); the build-time pages, not listed by
    module, are one layer of their own, ``[BUILD_TIME]``, where their bullet stands."""
    text = README.read_text(encoding="utf-8")
    block = text.split("Layers, lowest first", 1)[1].split("\n- `docs/`", 1)[0]
    bullets = re.split(r"\n  - ", re.sub(r"\([^()]*\)", "", block))[1:]
    return [
        [BUILD_TIME] if bullet.startswith(BUILD_TIME) else re.findall(r"`([^`]+)`", layer)
        for bullet in bullets
        for layer in ([bullet] if bullet.startswith(BUILD_TIME) else bullet.split(":", 1)[1].split("·"))
    ]


def test_the_readme_names_every_module_in_its_layer() -> None:
    layers = _readme_layers()
    named = [m for layer in layers for m in layer if m != BUILD_TIME]
    assert sorted(named) == sorted(m for m in GRAPH if not m.startswith("pages") and m != "tools")
    below: set[str] = set()
    for layer in layers:
        if layer == [BUILD_TIME]:
            below.update(m for m in GRAPH if m.startswith("pages"))
            continue
        for module in layer:
            assert GRAPH[module] <= below, f"README.md puts {module} below {sorted(GRAPH[module] - below)}, which it imports"
        below.update(layer)
