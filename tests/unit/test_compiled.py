"""The compiled loops' cache (numba): out of git, carried into workflow copies, out of the code digests."""

from __future__ import annotations

import shutil
import subprocess

from cs229ps2.pipeline.codehash import code_digest
from cs229ps2.pipeline.workspace import REPO, copy_workflow
from cs229ps2.problems.stability import training as stability

CACHE = REPO / "cs229ps2" / "problems" / "__pycache__"


def _compile() -> list:
    stability.compile_loops()  # compiles or loads the cache
    return sorted(CACHE.glob("compiled.*.nb[ic]"))


def test_cache_files_are_ignored_by_git():
    files = _compile()
    assert files, "numba wrote no cache beside the module"
    done = subprocess.run(
        ["git", "-C", str(REPO), "check-ignore", *map(str, files)], capture_output=True, text=True
    )
    assert done.stdout.split() == [str(f) for f in files]


def test_workflow_copies_carry_the_cache_not_the_bytecode(tmp_path):
    cache = _compile()
    copy = copy_workflow(tmp_path / "copy")
    carried = copy / "cs229ps2/problems/__pycache__"
    assert sorted(p.name for p in carried.glob("compiled.*.nb[ic]")) == [p.name for p in cache]
    assert not list(copy.rglob("*.pyc"))
    source = copy / "cs229ps2/problems/compiled.py"  # numba checks its entries against this stamp
    assert source.stat().st_mtime == (REPO / "cs229ps2/problems/compiled.py").stat().st_mtime


def test_code_digests_ignore_the_cache(tmp_path):
    package = shutil.copytree(
        REPO / "cs229ps2", tmp_path / "cs229ps2", ignore=shutil.ignore_patterns("__pycache__")
    )
    script = REPO / "workflow/scripts/stability_train.py"
    before = code_digest(script, package)
    cache = package / "problems/__pycache__"
    cache.mkdir()
    (cache / "compiled.logistic_ascent-30.py311.nbi").write_bytes(b"index")
    (cache / "compiled.logistic_ascent-30.py311.1.nbc").write_bytes(b"machine code")
    assert code_digest(script, package) == before
    (package / "problems/compiled.py").write_text(
        (package / "problems/compiled.py").read_text() + "\nX = 1\n"
    )
    assert code_digest(script, package) != before  # while the compiled module itself counts
