"""Shared test helpers: the course data folder and workflow copies to run Snakemake in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cs229ps2.workspace import copy_workflow

REPO = Path(__file__).resolve().parents[1]
COURSE_DATA = REPO.parent / "shared" / "cs229-ps2"

needs_course_data = pytest.mark.skipif(
    not COURSE_DATA.is_dir(), reason=f"course data folder {COURSE_DATA} not present"
)


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


# Merged into the copy's config.yaml: the same workflow, smaller.
REDUCED_CONFIG = {
    "train_sizes": [30, 60, 90],
    "synthetic": {
        "spam": {"n_train": 300, "n_val": 80, "n_test": 80},
        "perceptron": {"n_train": 100, "n_test": 100},
        "bayesianreg": {"d": 60, "n_validation": 100},
        "simple_nn": {"n_points": 100},
    },
    "stability": {
        "max_iter": 20000,
        "boundary_iterations": [10, 1000, 20000],
        "modifications": {
            "learning_rates": [],
            "decay_c": [10.0],
            "scales": [],
            "l2": [],
            "input_noise": [0.1],  # the two seeded modifications
            "label_noise": [0.1],
        },
    },
    "spam": {
        "min_messages": 3,
        "svm": {"radii": [0.1, 1.0], "outer_loops": 2},
        "logreg": {"learning_rates": [0.01, 0.001], "max_iterations": 200},
    },
    "perceptron": {"grid_resolution": 40},
    "doubledescent": {"fine_grid": {"low": 0.01, "high": 10.0, "points": 11}},
    "simple_nn": {"steps": 300, "log_every": 100, "plot_resolution": 40},
    "batchnorm": {"shapes": [[3, 4], [8, 5]], "trials": 1},
}


def _merge(base: dict, update: dict) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def reduced_copy(dest: Path, extra: dict | None = None) -> Path:
    """A copy of the workflow whose config.yaml has REDUCED_CONFIG (and extra) merged in."""
    copy_workflow(dest)
    path = dest / "config.yaml"
    config = yaml.safe_load(path.read_text())
    _merge(config, REDUCED_CONFIG)
    _merge(config, extra or {})
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return dest


@pytest.fixture(scope="session")
def small_run(tmp_path_factory) -> Path:
    """One clean, uninterrupted run of the whole workflow with REDUCED_CONFIG (shared by tests)."""
    workdir = reduced_copy(tmp_path_factory.mktemp("small_run") / "wf")
    run_snakemake(workdir)
    return workdir
