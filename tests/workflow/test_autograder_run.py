"""The Gradescope bundle's run_autograder, run here with AUTOGRADER_ROOT in place of /autograder: it
grades the example submission with the pipeline and writes results.json as the specification asks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml
from conftest import TEST_CONFIG
from grading_records import ROWS, gradescope_problems

from cs229ps2.grading.autograder import build
from cs229ps2.pipeline.workspace import REPO


def autograder_root(root: Path) -> Path:
    """/autograder as Gradescope lays it out: source (the bundle, with the tiny config and this
    machine's environment as its .venv), run_autograder, the example as submission."""
    with zipfile.ZipFile(build(root / "autograder.zip")) as bundle:
        bundle.extractall(root / "source")
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    shutil.copytree(REPO / "examples" / "submission", root / "submission")
    config = yaml.safe_load(TEST_CONFIG.read_text())
    config["spam"]["min_messages"] = 5  # the course's threshold, which the example has built in
    (root / "source" / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    (root / "source" / ".venv").symlink_to(sys.prefix)
    return root


def test_run_autograder_writes_gradescope_results_for_the_submission(tmp_path):
    root = autograder_root(tmp_path / "autograder")
    env = {**os.environ, "AUTOGRADER_ROOT": str(root)}
    done = subprocess.run(["bash", str(root / "run_autograder")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert gradescope_problems(results) == []
    assert results["score"] == 59 and len(results["tests"]) == len(ROWS)
    assert {t["status"] for t in results["tests"]} == {"passed"}
    private = [t for t in results["tests"] if "-private" in t["name"]]
    assert private and {t["visibility"] for t in private} == {"after_published"}
    assert "submission: 59 / 59 points" in done.stdout + done.stderr
