"""Private copies of the workflow, where tests and the benchmark run Snakemake."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUN_FILES = ("Snakefile", "config.yaml", "workflow", "cs229ps2", "profiles", "reference")
WORKFLOW_FILES = (*RUN_FILES, ".test", "examples")


def copy_workflow(dest: Path, repo: Path = REPO) -> Path:
    """Copy the workflow and the package of repo into dest (a fresh folder) and return it.

    Bytecode stays behind; numba's cache of the compiled loops comes along, with the sources'
    time stamps, against which numba checks it (an edited copy compiles afresh)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("*.pyc")  # numba's cache (*.nbi, *.nbc) comes along
    for name in WORKFLOW_FILES:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        else:
            shutil.copy2(source, dest / name)
    return dest
