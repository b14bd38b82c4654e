"""Shared test helpers: the course data folder and workflow copies to run Snakemake in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
COURSE_DATA = REPO.parent / "shared" / "cs229-ps2"
WORKFLOW_FILES = ("Snakefile", "config.yaml", "workflow", "cs229ps2", "profiles")

needs_course_data = pytest.mark.skipif(
    not COURSE_DATA.is_dir(), reason=f"course data folder {COURSE_DATA} not present"
)


def copy_workflow(dest: Path) -> Path:
    """Copy the workflow and the package into dest (a fresh folder) and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in WORKFLOW_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        else:
            shutil.copy2(source, dest / name)
    return dest


def run_snakemake(workdir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run Snakemake in workdir with its own copy of the package first on the path."""
    env = {**os.environ, "PYTHONPATH": str(workdir)}
    done = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"snakemake {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture
def workflow_copy(tmp_path: Path) -> Path:
    """A private copy of the workflow in a temporary folder."""
    return copy_workflow(tmp_path / "workflow_copy")


def planned_jobs(workdir: Path, *args: str) -> dict[str, int]:
    """Rule name -> number of jobs a dry run of Snakemake plans (empty when nothing to do)."""
    out = run_snakemake(workdir, "-n", *args).stdout
    if "Job stats:" not in out:
        return {}
    table = out.split("Job stats:", 1)[1].splitlines()[3:]
    jobs = {}
    for line in table:
        fields = line.split()
        if len(fields) != 2 or fields[0] == "total":
            break
        jobs[fields[0]] = int(fields[1])
    return jobs
