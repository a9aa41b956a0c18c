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


def _imports(file: Path) -> set[str]:
    """The package modules a file imports at its top level (imports inside functions are deferred on purpose)."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = (node.module or "").split(".")[0]
            if base:
                found.add(base)
            else:
                found |= {alias.name for alias in node.names}
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
    "suffixes": {"errors", "localize", "model", "reader", "snapshot", "validate"},
    "domain_check": {"errors", "messages", "model", "suffixes"},
    "domain_view": {"urls", "domain_check", "markup", "messages", "model", "present", "suffixes", "termwrap"},
    "filing_number": {"loader", "messages", "model"},
    "footer": {"filing_number", "loader", "messages", "model"},
    "number_view": {"urls", "filing_number", "footer", "loader", "markup", "messages", "model", "present", "termwrap"},
    # Build and check time only (the glossary page, `check`): the browser's bundle leaves it out.
    "glossary": {"errors"},
    "domain_answer": {"domain_view", "domain_check", "engine", "errors", "markup", "messages", "model", "urls"},
    # The tools' browser entry: imported by the page scripts on first use, never by web.
    "tools_web": {"domain_answer", "domain_check", "domain_view", "filing_number", "footer", "number_view", "urls",
                  "loader", "messages", "resume"},
}


@pytest.mark.parametrize("module", sorted(ALLOWED))
def test_each_module_imports_only_from_below(module: str) -> None:
    assert _imports(PACKAGE / f"{module}.py") <= ALLOWED[module]


def test_nothing_but_the_command_line_and_the_pages_sits_above_web() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__", "cli"}
    assert "tools_web" not in ALLOWED["web"]  # the tree page never pays for the tools
    assert modules == set(ALLOWED), "add the new module to ALLOWED with what it may import"
    for file in PACKAGE.glob("*.py"):
        assert "pages" not in _imports(file), f"{file.name} imports the build-time page generators"
