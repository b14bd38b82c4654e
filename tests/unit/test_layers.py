"""The layers of docs/architecture.md, read from its table and checked against every import of
the package: each module belongs to the first row whose pattern matches, and imports package
modules only of the layers its row allows."""

from __future__ import annotations

import ast
import re
from fnmatch import fnmatch
from pathlib import Path

import pytest

from cs229ps2.pipeline.workspace import REPO

PACKAGE = REPO / "cs229ps2"


def layer_table(text: str) -> list[tuple[str, list[str], set[str]]]:
    """(layer, patterns, layers it may import) of each row of the "## Layers" table, in order."""
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    table = []
    for row in rows:
        name, modules, _, allowed = (cell.strip() for cell in row.strip("|").split("|"))
        table.append((name, re.findall(r"`([^`]+)`", modules), {a.strip() for a in allowed.split(",")}))
    return table


TABLE = layer_table((REPO / "docs/architecture.md").read_text(encoding="utf-8"))
LAYERS = {name for name, _, _ in TABLE}


def layer_of(path: Path) -> str:
    """The layer of a package file (its path relative to the repository)."""
    relative = path.relative_to(REPO).as_posix()
    return next((name for name, patterns, _ in TABLE if any(fnmatch(relative, p) for p in patterns)), "")


def module_file(name: str) -> Path | None:
    """The file of a dotted package module, or None when the name is an attribute."""
    path = REPO.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of each package module a file imports (attributes resolved to their module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.append((node.lineno, full if module_file(full) else node.module))
    return [(line, name) for line, name in found if name.split(".")[0] in ("cs229ps2", "tools", "tests")]


def package_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "starter" not in p.relative_to(PACKAGE).parts)


def test_the_table_names_every_layer_it_allows():
    assert len(TABLE) >= 10
    allowed = set().union(*(a for _, _, a in TABLE)) - {"nothing", "every layer"}
    assert allowed <= LAYERS, allowed - LAYERS


def test_every_module_belongs_to_a_layer():
    assert [p for p in package_files() if not layer_of(p)] == []


def test_every_import_of_the_package_is_one_its_layer_allows():
    allowed = {name: a for name, _, a in TABLE}
    wrong = []
    for path in package_files():
        layer = layer_of(path)
        for line, name in imports(path):
            target = module_file(name)
            target_layer = layer_of(target) if target else "(outside the package)"
            if "every layer" in allowed[layer] and target_layer in LAYERS:
                continue
            if target_layer not in allowed[layer]:
                wrong.append(f"{path.relative_to(REPO)}:{line} ({layer}) imports {name} ({target_layer})")
    assert wrong == []


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("cs229ps2/problems/spam/__init__.py", "records"),
        ("cs229ps2/problems/spam/summary.py", "summaries"),
        ("cs229ps2/problems/spam/grading.py", "drivers"),
        ("cs229ps2/problems/spam/svm.py", "algorithms"),
        ("cs229ps2/problems/maths.py", "algorithms"),
        ("cs229ps2/grading/child/runner.py", "child"),
        ("cs229ps2/grading/sandbox.py", "grading"),
    ],
)
def test_modules_fall_in_the_layer_the_table_says(module, layer):
    assert layer_of(REPO / module) == layer


def test_the_check_finds_an_import_against_the_layers(tmp_path):
    algorithm = tmp_path / "alg.py"
    algorithm.write_text("from cs229ps2.pipeline.files import read_json\nimport tools.oracles\n")
    found = [name for _, name in imports(algorithm)]
    assert found == ["cs229ps2.pipeline.files", "tools.oracles"]
    assert layer_of(module_file(found[0])) not in dict((n, a) for n, _, a in TABLE)["algorithms"]
