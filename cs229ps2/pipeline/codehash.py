"""Fingerprints of the package code a pipeline script runs.

Snakemake reruns a job when its script or params change, not when a module the
script imports changes. The workflow passes :func:`code_digest` of each script
through ``params:``, so editing a package module reruns exactly the jobs whose
scripts import it, directly or through other package modules.
"""

from __future__ import annotations

import ast
import hashlib
from functools import cache
from pathlib import Path


def _imported_names(tree: ast.AST, package: str, current: str | None) -> set[str]:
    """Dotted names of package modules (or their attributes) imported in a parsed file."""
    names = set()
    for node in _statements(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.split(".")[0] == package)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = current.rsplit(".", node.level)[0] if current else package
                base = f"{parent}.{base}".rstrip(".")
            if base.split(".")[0] == package:
                names.add(base)
                names.update(f"{base}.{a.name}" for a in node.names)
    return names


def _statements(node: ast.AST):
    """Every statement in a tree, nested ones included (an import is a statement, so the
    expressions, most of the tree, need not be visited)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.stmt | ast.excepthandler | ast.match_case):
            yield child
            yield from _statements(child)


def _module_file(name: str, root: Path) -> Path | None:
    """The source file of a dotted module name under root, or None (an attribute)."""
    path = root.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _parsed(source: str) -> ast.Module:
    return ast.parse(source)


@cache
def _fingerprint(source: str) -> str:
    return hashlib.sha256(ast.dump(_parsed(source)).encode()).hexdigest()


@cache
def _imports(source: str, package: str, current: str | None) -> frozenset[str]:
    return frozenset(_imported_names(_parsed(source), package, current))


def _sources(script: Path, package_dir: Path) -> dict[Path, str]:
    """Text of each package source file a script imports, directly or transitively.

    Files are read afresh on every call; the caches above are keyed by their content.
    """
    root, package = package_dir.parent, package_dir.name
    sources: dict[Path, str] = {}
    todo = [(script.read_text(encoding="utf-8"), None)]
    while todo:
        text, current = todo.pop()
        for name in _imports(text, package, current):
            parts = name.split(".")
            for k in range(1, len(parts) + 1):  # a package's __init__ runs too
                found = _module_file(".".join(parts[:k]), root)
                if found and found not in sources:
                    sources[found] = found.read_text(encoding="utf-8")
                    todo.append((sources[found], _module_name(found, root)))
    return sources


def code_digest(script: Path, package_dir: Path) -> str:
    """sha256 over the syntax trees of the package modules a script uses.

    Comments and formatting do not count; any change to code or docstrings does.
    Each file is parsed once per process until it changes on disk: every call reads the files
    again, and the parse caches are keyed by their content.
    """
    sources = _sources(Path(script), Path(package_dir))
    digest = hashlib.sha256()
    for path in sorted(sources):
        digest.update(path.relative_to(package_dir.parent).as_posix().encode())
        digest.update(_fingerprint(sources[path]).encode())
    return digest.hexdigest()[:16]


def file_digest(path: Path, package_dir: Path) -> str:
    """sha256 over a package file's own syntax tree and those of the package modules it uses."""
    own = _fingerprint(Path(path).read_text(encoding="utf-8"))
    return hashlib.sha256((own + code_digest(path, package_dir)).encode()).hexdigest()[:16]
