"""The package's import graph, read from its source: which of the package's modules each one imports.

Every import statement counts, wherever it is written: at the top of a file, inside a function (an
import deferred to a call is still a dependency, and can still close a circle: a function-level
import is how one stays hidden) and under ``if TYPE_CHECKING:`` (a type the module's signatures
name is part of what it knows, and a circle of type-only imports is one edit away from a real one).
The files are parsed, never imported, so a graph of a broken package can still be drawn. Only
imports are edges: the content a module reads (``content/``, through ``importlib.resources``) and
the classes unpickling the browser's snapshot brings in are not.

tests/test_layers.py holds the layers and the absence of circles to it; a build step can compute
from it which of the package's files it reads (``closure``, then ``modules`` for their files).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def modules(package_dir: Path = PACKAGE_DIR) -> dict[str, Path]:
    """Every module of the package by its dotted name (``decision_tree.tools.web``), with its file; a
    package is named by its ``__init__.py`` (``decision_tree.tools``)."""
    found: dict[str, Path] = {}
    for file in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in file.parts:
            continue
        parts = [package_dir.name, *file.relative_to(package_dir).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = file
    return found


def graph(package_dir: Path = PACKAGE_DIR) -> dict[str, set[str]]:
    """Each module of the package (as ``modules`` names it) -> the package's modules it imports.

    ``from . import urls`` is an import of the module ``urls``; ``from .engine import State``, of
    ``engine``; a name that is not a module (``from . import load``) is an import of the package that
    defines it. The packages a module sits in are not edges, though importing it runs their
    ``__init__`` first: ``closure`` adds them.
    """
    found = modules(package_dir)
    return {name: _imports(name, file, found) for name, file in found.items()}


def _imports(name: str, file: Path, known: Mapping[str, Path]) -> set[str]:
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), str(file))):
        if isinstance(node, ast.Import):
            out.update(_longest_known(alias.name, known) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                if node.level > len(parts):
                    continue  # beyond the package: not one of its modules
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            out.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names)
    return {module for module in out if module in known}


def _longest_known(dotted: str, known: Mapping[str, Path]) -> str:
    """``import a.b.c`` imports ``a.b.c``, or the deepest of its packages that is a module here."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in known:
            return ".".join(parts[:end])
    return dotted


def closure(imports: Mapping[str, Iterable[str]], start: Iterable[str]) -> set[str]:
    """Every module that importing ``start`` loads: each of them, the packages each sits in (whose
    ``__init__`` runs first), and whatever those import, directly or not (``imports`` is ``graph()``)."""
    seen: set[str] = set()
    stack = list(start)
    while stack:
        module = stack.pop()
        if module in seen or module not in imports:
            continue
        seen.add(module)
        stack.extend(imports[module])
        stack.extend(module.rsplit(".", depth)[0] for depth in range(1, module.count(".") + 1))
    return seen
