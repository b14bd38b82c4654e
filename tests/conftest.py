"""Shared test helpers: the tiers, the course data folder, workflow copies to run Snakemake in, the
shared runs of the workflow, and checks of their outputs.

The tier of a test is its folder: tests/unit (the fast loop), tests/workflow (pipeline runs),
tests/system (kill and resume, cluster executor, browser); each gets the marker of that name.
"""

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
from hypothesis import HealthCheck, settings

from cs229ps2.pipeline.workspace import REPO, copy_workflow

COURSE_DATA = REPO.parent / "shared" / "cs229-ps2"
TIERS = ("unit", "workflow", "system")

# Generated-input tests (Hypothesis): the fast loop (pytest tests/unit, or files in it) tries 50
# random examples per property and keeps failures in .hypothesis/ to replay them first; any wider
# run (the full suite: pytest, make test, CI) tries 500 per property (1,000 per file format, which
# has two), derandomized, so a failure in CI reproduces anywhere. --hypothesis-profile NAME or
# HYPOTHESIS_PROFILE=NAME choose a profile explicitly.
_QUIET = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}  # the machine may be busy
settings.register_profile("fast", max_examples=50, **_QUIET)
settings.register_profile("full", max_examples=500, derandomize=True, database=None, **_QUIET)


def pytest_configure(config):
    """Choose the Hypothesis profile before the test modules are imported (see above)."""
    if config.getoption("--hypothesis-profile", None) is None:
        unit = REPO / "tests" / "unit"
        fast = all(Path(arg.split("::")[0]).resolve().is_relative_to(unit) for arg in config.args)
        settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("fast" if fast else "full"))


SHARED_RUNS = ("small_run", "course_run", "reference")  # session fixtures: their tests share one xdist worker


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (its hook has no order)
def pytest_collection_modifyitems(items):
    """Mark every test with its tier, the name of the folder it lives in. Tests that use a shared
    run of the workflow form one xdist group, so that run is made once (pytest -n, --dist loadgroup)."""
    for item in items:
        tier = Path(item.fspath).parent.name
        if tier in TIERS:
            item.add_marker(getattr(pytest.mark, tier))
        shared = [name for name in SHARED_RUNS if name in getattr(item, "fixturenames", ())]
        if shared:
            item.add_marker(pytest.mark.xdist_group(shared[0]))


needs_course_data = pytest.mark.skipif(
    not COURSE_DATA.is_dir(), reason=f"course data folder {COURSE_DATA} not present"
)


def run_module(
    workdir: Path, module: str, *args: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    """python -m module args in workdir, with the copy's own package first on the path (env: more
    environment variables)."""
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(workdir)}
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=workdir, env=env, capture_output=True, text=True
    )


def run_snakemake(
    workdir: Path, *args: str, check: bool = True, cores: int = 2
) -> subprocess.CompletedProcess:
    """Run Snakemake in workdir with its own copy of the package first on the path."""
    done = run_module(workdir, "snakemake", "--cores", str(cores), *args)
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


TEST_CONFIG = REPO / ".test" / "config.yaml"


def _merge(base: dict, update: dict) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


RUN_CONFIG = "test-run.yaml"  # the config of a test copy's runs: .test/config.yaml plus its changes


def run_config(workdir: Path) -> dict:
    """The config a workflow copy's runs use: test-run.yaml in a test copy, else config.yaml."""
    path = workdir / RUN_CONFIG
    return yaml.safe_load((path if path.exists() else workdir / "config.yaml").read_text())


def write_run_config(workdir: Path, config: dict) -> None:
    (workdir / RUN_CONFIG).write_text(yaml.safe_dump(config, sort_keys=False))


def test_copy(dest: Path, extra: dict | None = None) -> Path:
    """A copy of the workflow whose runs use .test/config.yaml with extra merged in.

    That config is written to test-run.yaml, which the copy's default profile passes as
    --configfile; config.yaml and .test/config.yaml stay as committed (the reference answers
    name them).
    """
    copy_workflow(dest)
    config = yaml.safe_load(TEST_CONFIG.read_text())
    _merge(config, extra or {})
    write_run_config(dest, config)
    with open(dest / "profiles" / "default" / "config.yaml", "a", encoding="utf-8") as profile:
        profile.write(f"configfile: [{RUN_CONFIG}]\n")
    return dest


test_copy.__test__ = False  # a helper, not a test (imported by test modules)


@pytest.fixture(scope="session")
def small_run(tmp_path_factory) -> Path:
    """One clean, uninterrupted run of the whole workflow on .test/config.yaml (shared by tests)."""
    workdir = test_copy(tmp_path_factory.mktemp("small_run") / "wf")
    run_snakemake(workdir)
    return workdir


@pytest.fixture(scope="session")
def course_run(tmp_path_factory) -> Path:
    """The course data's spam parts (a)-(c) and simple_nn, with .test/config.yaml but the course's
    dictionary threshold (shared by the course-data tests)."""
    extra = {"course_data": str(COURSE_DATA), "spam": {"min_messages": 5}}
    workdir = test_copy(tmp_path_factory.mktemp("course_run") / "wf", extra=extra)
    run_snakemake(workdir, *COURSE_RUN_TARGETS)
    return workdir


COURSE_RUN_TARGETS = (
    "results/spam/naive_bayes.json",
    "results/spam/top_words.json",
    "results/simple_nn/summary.json",
)


@pytest.fixture(scope="session")
def reference(tmp_path_factory) -> dict:
    """Graded rows on small synthetic sets: each part's inputs folder and the answer key's outputs
    (tests/grading_rows.py)."""
    from grading_rows import build_reference

    return build_reference(tmp_path_factory.mktemp("grading"))


@pytest.fixture
def run_copy(small_run, tmp_path) -> Path:
    """A private copy of the session's complete small run (results and Snakemake's records)."""
    return Path(shutil.copytree(small_run, tmp_path / "run", symlinks=True))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


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
