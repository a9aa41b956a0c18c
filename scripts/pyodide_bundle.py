# Run inside Pyodide by scripts/pyodide_bundle.mjs. Defines how the browser's archives are made:
#   package_zip(name)  an installed package, compiled, as a zip for the import path (decision_tree
#                      with its content snapshot in place of the content files; publicsuffixlist);
#   stdlib_zip(paths)  the modules of the standard library that the exercise imported, as source
#                      without docstrings (brotli makes source far smaller than bytecode: 0.33 MB
#                      against 1.1 MB for these modules, measured; Python compiles them as it
#                      compiles Pyodide's own library, so start-up costs no more than a bare page's).
# Bytecode is made here because it must match this Python (3.14), not the build machine's, and
# archives are stored, not deflated: the server compresses each whole archive far better.

from __future__ import annotations

import ast
import io
import marshal
import pickle
import sys
import zipfile
from importlib import resources
from importlib.util import MAGIC_NUMBER, source_hash
from types import ModuleType

STDLIB = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip/"
EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed time stamps: the same sources give the same archive
# Never run in the browser: the build's page generators, the command line, tests, a downloader.
LEAVE_OUT = {
    "decision_tree": (
        "decision_tree/pages/", "decision_tree/cli.py", "decision_tree/__main__.py",
        "decision_tree/glossary.py", "decision_tree/content/glossary.toml",  # the build's and the check's only
    ),
    "publicsuffixlist": ("publicsuffixlist/test.py", "publicsuffixlist/test_psl.txt", "publicsuffixlist/update.py"),
}


def pyc(source: bytes, display: str) -> bytes:
    """Unchecked hash-based bytecode (PEP 552): valid without its source, and the same on every build."""
    code = compile(source, display, "exec", dont_inherit=True)
    flags = (0b01).to_bytes(4, "little")  # hash-based, not checked against a source
    return MAGIC_NUMBER + flags + source_hash(source) + marshal.dumps(code)


def _write(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.compress_type = zipfile.ZIP_STORED
    archive.writestr(info, data)


def package_zip(name: str) -> bytes:
    """The installed package ``name``, compiled; decision_tree's content files are replaced by its snapshot."""
    from decision_tree import snapshot
    from decision_tree.pages import content_snapshot

    leave_out = LEAVE_OUT.get(name, ())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        stack = [(resources.files(name), name)]
        while stack:
            folder, prefix = stack.pop()
            for entry in sorted(folder.iterdir(), key=lambda e: e.name):
                path = f"{prefix}/{entry.name}"
                if entry.name == "__pycache__" or path.startswith(leave_out) or snapshot.replaces(path):
                    continue
                if entry.is_dir():
                    stack.append((entry, path))
                elif entry.name.endswith(".py"):
                    _write(archive, path[:-3] + ".pyc", pyc(entry.read_bytes(), path))
                else:
                    _write(archive, path, entry.read_bytes())
        if name == "decision_tree":
            made = pickle.dumps(content_snapshot.make(), protocol=pickle.HIGHEST_PROTOCOL)
            _write(archive, f"decision_tree/content/{snapshot.FILE}", made)
    return buffer.getvalue()


def stdlib_modules(exercised: dict[str, ModuleType]) -> list[str]:
    """The paths, in the standard library's archive, of the modules in ``exercised``."""
    paths: list[str] = []
    for module in exercised.values():
        path = getattr(module, "__file__", None) or ""
        # A module may be known by two names (importlib._bootstrap is also _frozen_importlib).
        if path.startswith(STDLIB) and path[len(STDLIB) :] not in paths:
            paths.append(path[len(STDLIB) :])
    return sorted(paths)


def without_docstrings(source: bytes) -> bytes:
    """The same module, its docstrings removed and the rest written out again from its syntax tree
    (what ``python -OO`` drops, and the comments and layout): the same code, fewer bytes."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                node.body = node.body[1:] or [ast.Pass()]
    return ast.unparse(tree).encode("utf-8") + b"\n"


def stdlib_zip(paths: list[str]) -> bytes:
    source = zipfile.ZipFile(STDLIB.rstrip("/"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in paths:
            text = source.read(path)
            _write(archive, path, without_docstrings(text) if path.endswith(".py") else text)
    return buffer.getvalue()
