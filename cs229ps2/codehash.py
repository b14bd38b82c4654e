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
    for node in ast.walk(tree):
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


def _stamp(path: Path) -> tuple[Path, int, int]:
    """A cache key that changes when the file does."""
    stat = path.stat()
    return path, stat.st_mtime_ns, stat.st_size


@cache
def _parsed(stamp: tuple[Path, int, int]) -> ast.Module:
    return ast.parse(stamp[0].read_text(encoding="utf-8"))


@cache
def _fingerprint(stamp: tuple[Path, int, int]) -> str:
    return hashlib.sha256(ast.dump(_parsed(stamp)).encode()).hexdigest()


@cache
def _imports(stamp: tuple[Path, int, int], package: str, current: str | None) -> frozenset[str]:
    return frozenset(_imported_names(_parsed(stamp), package, current))


def used_modules(script: Path, package_dir: Path) -> list[Path]:
    """Package source files a script imports, directly or transitively, sorted."""
    root, package = package_dir.parent, package_dir.name
    seen: set[Path] = set()
    todo = [(Path(script), None)]
    while todo:
        path, current = todo.pop()
        for name in _imports(_stamp(path), package, current):
            parts = name.split(".")
            for k in range(1, len(parts) + 1):  # a package's __init__ runs too
                found = _module_file(".".join(parts[:k]), root)
                if found and found not in seen:
                    seen.add(found)
                    todo.append((found, _module_name(found, root)))
    return sorted(seen)


@cache
def code_digest(script: Path, package_dir: Path) -> str:
    """sha256 over the syntax trees of the package modules a script uses.

    Comments and formatting do not count; any change to code or docstrings does.
    Each file is parsed once per process (until it changes on disk).
    """
    digest = hashlib.sha256()
    for path in used_modules(Path(script), Path(package_dir)):
        digest.update(path.relative_to(package_dir.parent).as_posix().encode())
        digest.update(_fingerprint(_stamp(path)).encode())
    return digest.hexdigest()[:16]
