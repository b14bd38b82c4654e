"""Shared test helpers: the course data folder, workflow copies to run Snakemake in, the shared
runs of the workflow, and checks of their outputs."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cs229ps2.pipeline.workspace import REPO, copy_workflow

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
        assert "Nothing to be done" in out, out
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
            "learning_rates": [1.0],  # diverges on B
            "decay_c": [0.1],  # these two converge on B
            "scales": [],
            "l2": [0.1],
            "input_noise": [0.1],  # the two seeded modifications
            "label_noise": [0.1],
        },
    },
    "spam": {
        "min_messages": 3,
        "svm": {"radii": [0.1, 1.0], "outer_loops": 2},
        "logreg": {"learning_rates": [10.0, 0.01, 0.001], "max_iterations": 200},  # 10: divergent
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


def run_config(workdir: Path) -> dict:
    """The config.yaml of a workflow copy (the settings its run used)."""
    return yaml.safe_load((workdir / "config.yaml").read_text())


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


@pytest.fixture(scope="session")
def course_run(tmp_path_factory) -> Path:
    """The course data's spam parts (a)-(c) and simple_nn, with REDUCED_CONFIG but the course's
    dictionary threshold (shared by the course-data tests)."""
    extra = {"course_data": str(COURSE_DATA), "spam": {"min_messages": 5}}
    workdir = reduced_copy(tmp_path_factory.mktemp("course_run") / "wf", extra=extra)
    run_snakemake(workdir, *COURSE_RUN_TARGETS)
    return workdir


COURSE_RUN_TARGETS = (
    "results/spam/naive_bayes.json",
    "results/spam/top_words.json",
    "results/simple_nn/summary.json",
)


def digests(workdir: Path, folder: str = "results") -> dict[str, str]:
    """Relative path -> sha256 of every file below workdir/folder."""
    root = workdir / folder
    return {
        str(p.relative_to(workdir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def differences(left: dict[str, str], right: dict[str, str]) -> list[str]:
    """Files whose bytes differ or that only one side has, each with the reason."""
    found = [f"{name}: differs" for name in sorted(left.keys() & right.keys()) if left[name] != right[name]]
    found += [f"{name}: only in the first run" for name in sorted(left.keys() - right.keys())]
    found += [f"{name}: only in the second run" for name in sorted(right.keys() - left.keys())]
    return found


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium) - browser check skipped"
)
CHECK_SCRIPT = """<script>window.addEventListener("load", function () {
var imgs = Array.from(document.images);
document.body.dataset.images = imgs.length;
document.body.dataset.loaded = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
document.body.dataset.sections = Array.from(document.querySelectorAll("section[data-problem]"))
  .map(function (s) { return s.dataset.problem; }).join(",");
});</script>"""


def browser_check(page: str, workdir: Path) -> dict:
    """Open a copy of the page in headless Chromium; return images, loaded images and section numbers."""
    path = workdir / "browser_check.html"
    path.write_text(page.replace("</body>", CHECK_SCRIPT + "</body>"), encoding="utf-8")
    profile = workdir / "chromium-profile"
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    body = re.search(r"<body([^>]*)>", done.stdout)
    assert body, f"no DOM from chromium:\n{done.stderr[-2000:]}"
    attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', body.group(1)))
    return {
        "images": int(attrs["images"]),
        "loaded": int(attrs["loaded"]),
        "sections": attrs["sections"].split(","),
    }
