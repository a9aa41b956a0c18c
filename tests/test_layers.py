"""The package's layers: the browser's entry point loads only what the browser needs, and no lower
layer reaches up into a higher one (the model knows nothing of codes, the codec nothing of content)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "decision_tree"
BUILD_ONLY = ("html", "mkdocs", "pymdownx", "markdown", "jinja2", "yaml", "decision_tree.pages")


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


def _imports(module: str) -> set[str]:
    """The package modules (``engine``, ``tools.web``) a module imports at its top level (imports inside
    functions are deferred on purpose)."""
    file = PACKAGE / (module.replace(".", "/") + ".py")
    here = module.split(".")[:-1]
    tree = ast.parse(file.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[: len(here) - node.level + 1]
            if node.module:
                found.add(".".join([*base, *node.module.split(".")]))
            else:
                found |= {".".join([*base, alias.name]) for alias in node.names}
    return found


# What each module may import from the package; the order is the layering, lowest first.
ALLOWED = {
    "errors": set(),
    "model": set(),
    "termwrap": set(),
    "snapshot": set(),
    "localize": set(),
    "messages": {"errors", "snapshot"},
    "answer_token": {"messages"},
    "routing": {"model"},
    "validate": {"model"},
    "reader": {"localize", "model"},
    "urls": {"model"},
    "loader": {"errors", "localize", "model", "reader", "routing", "snapshot", "validate"},
    "engine": {"answer_token", "routing", "errors", "model"},
    "resume": {"answer_token", "routing", "engine", "model"},
    "paths": {"engine", "messages", "model"},
    "present": {"engine", "messages", "model"},
    "markup": {"urls", "messages", "model", "present"},
    "widget": {"urls", "engine", "markup", "messages", "model", "present"},
    "render": {"urls", "engine", "messages", "model", "paths", "present"},
    "web": {"render", "urls", "widget", "answer_token", "engine", "loader", "messages", "resume"},
    # Build and check time only (the glossary page, `check`): the browser's bundle leaves it out.
    "glossary": {"errors"},
    "tools.suffixes": {"errors", "localize", "model", "reader", "snapshot", "validate"},
    "tools.domain_check": {"errors", "messages", "model", "tools.suffixes"},
    "tools.domain_view": {"urls", "tools.domain_check", "markup", "messages", "model", "present", "tools.suffixes", "termwrap"},
    "tools.filing_number": {"loader", "messages", "model"},
    "tools.footer": {"tools.filing_number", "loader", "messages", "model"},
    "tools.number_view": {"urls", "tools.filing_number", "tools.footer", "loader", "markup", "messages", "model", "present",
                          "termwrap"},
    "tools.domain_answer": {"tools.domain_view", "tools.domain_check", "engine", "errors", "markup", "messages", "model",
                            "urls"},
    # The tools' browser entry: imported by the page scripts on first use, never by web.
    "tools.web": {"tools.domain_answer", "tools.domain_check", "tools.domain_view", "tools.filing_number", "tools.footer",
                  "tools.number_view", "urls", "loader", "messages", "resume"},
}


@pytest.mark.parametrize("module", sorted(ALLOWED))
def test_each_module_imports_only_from_below(module: str) -> None:
    assert _imports(module) <= ALLOWED[module]


def test_nothing_but_the_command_line_and_the_pages_sits_above_web() -> None:
    files = [*PACKAGE.glob("*.py"), *(PACKAGE / "tools").glob("*.py")]
    modules = {p.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".") for p in files}
    modules -= {"__init__", "__main__", "cli", "tools.__init__"}
    assert "tools.web" not in ALLOWED["web"]  # the tree page never pays for the tools
    assert modules == set(ALLOWED), "add the new module to ALLOWED with what it may import"
    for module in modules:
        assert not any(m.startswith("pages") for m in _imports(module)), f"{module} imports the build-time page generators"
