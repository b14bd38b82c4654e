"""The workflow as a whole: DAG, config validation, code-aware reruns, lint (bad input: test_faults.py)."""

import re

import pytest
from conftest import COURSE_DATA, RUN_CONFIG, edit, needs_course_data, planned_jobs, run_snakemake, test_copy

DATA_RULES = {f"data_{p}" for p in ("stability", "spam", "perceptron", "bayesianreg", "simple_nn")}
TARGET = "results/provenance.json"


def test_dag_builds_on_synthetic_data(workflow_copy):
    jobs = planned_jobs(workflow_copy)
    assert DATA_RULES | {"provenance", "all"} <= set(jobs)
    out = run_snakemake(workflow_copy, "-n", "--forceall", TARGET).stdout
    assert "input: /" not in out and "course_data" not in out  # nothing read from a course folder


@needs_course_data
def test_dag_builds_with_course_data(workflow_copy):
    out = run_snakemake(workflow_copy, "-n", TARGET, "--config", f"course_data={COURSE_DATA}").stdout
    assert f"{COURSE_DATA}/stability/ds1_a.csv" in out
    assert f"{COURSE_DATA}/spam/spam_train.tsv" in out
    assert f"{COURSE_DATA}/bayesianreg" not in out  # incomplete there: synthetic


@pytest.mark.parametrize(
    ("override", "key"),
    [("bogus_key=1", "bogus_key"), ("course_data=5", "course_data"), ("train_sizes=[0]", "train_sizes")],
)
def test_bad_config_fails_before_any_job_naming_the_key(workflow_copy, override, key):
    done = run_snakemake(workflow_copy, "--config", override, check=False)
    assert done.returncode != 0
    assert key in done.stderr
    assert not (workflow_copy / "data").exists()


def test_code_and_config_edits_rerun_exactly_the_affected_jobs(tmp_path):
    workflow_copy = test_copy(tmp_path / "wf")
    run_snakemake(workflow_copy, TARGET)
    assert planned_jobs(workflow_copy, TARGET) == {}

    # a module no script of this target imports
    edit(workflow_copy / "cs229ps2/problems/gradcheck.py", '"""Central', '"""Edited. Central')
    assert planned_jobs(workflow_copy, TARGET) == {}
    # comments do not count
    edit(
        workflow_copy / "cs229ps2/problems/stability/data.py",
        "import numpy as np\n",
        "import numpy as np  # a comment\n",
    )
    assert planned_jobs(workflow_copy, TARGET) == {}
    # a module only the provenance script imports
    edit(workflow_copy / "cs229ps2/pipeline/provenance.py", "KEY_PACKAGES = (", 'KEY_PACKAGES = ("pyyaml", ')
    assert planned_jobs(workflow_copy, TARGET) == {"provenance": 1}
    run_snakemake(workflow_copy, TARGET)
    # one problem's data module: its data job only
    edit(workflow_copy / "cs229ps2/problems/stability/data.py", "margin=0.05)", "margin=0.06)")
    assert planned_jobs(workflow_copy, TARGET) == {"data_stability": 1, "provenance": 1}
    run_snakemake(workflow_copy, TARGET)
    # a module every data job imports
    edit(workflow_copy / "cs229ps2/pipeline/files.py", '"""Read', '"""Edited. Read')
    assert planned_jobs(workflow_copy, TARGET) == {**dict.fromkeys(DATA_RULES, 1), "provenance": 1}
    run_snakemake(workflow_copy, TARGET)
    # one config value: exactly the job that uses it (and the provenance that records the config)
    edit(workflow_copy / RUN_CONFIG, "seed: 103", "seed: 113")
    assert planned_jobs(workflow_copy, TARGET) == {"data_perceptron": 1, "provenance": 1}


def test_lint_is_clean_but_for_software_environments(workflow_copy):
    """Every rule runs in the project's one locked environment, so per-rule conda envs are not used."""
    done = run_snakemake(workflow_copy, "--lint", check=False)
    output = done.stdout + done.stderr
    assert "Lints for rule data_stability" in output  # the linter ran over the rules
    lints = set(re.findall(r"^\s+\* (.+?):$", output, flags=re.M))
    assert lints <= {"Specify a conda environment or container for each rule."}
