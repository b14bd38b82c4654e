"""Pipeline tests for problems 1 and 3 on the synthetic stand-ins (small iteration cap)."""

import re

import numpy as np
import pytest
from conftest import run_snakemake

from cs229ps2.io import read_json, read_points

TARGETS = [
    "results/stability/summary.json",
    "results/stability/modifications.png",
    "results/stability/training_curves.png",
    "results/perceptron/summary.json",
]


def small(workdir):
    """Shrink the iteration cap of the copied config so the run takes seconds."""
    config = workdir / "config.yaml"
    text = re.sub(r"max_iter: \d+", "max_iter: 20000", config.read_text())
    fewer = {
        "learning_rates": "[1.0]",
        "decay_c": "[0.1]",
        "scales": "[10.0]",
        "l2": "[0.1]",
        "input_noise": "[0.1]",
    }
    for key, value in fewer.items():
        text = re.sub(rf"^(\s+{key}): \[[^\]]*\]", rf"\1: {value}", text, flags=re.M)
    config.write_text(text.replace("trace_points: 200", "trace_points: 60"))


@pytest.mark.slow
def test_stability_and_perceptron_pipeline(workflow_copy):
    small(workflow_copy)
    run_snakemake(workflow_copy, *TARGETS)
    summary = read_json(workflow_copy / "results/stability/summary.json")
    for name, record in summary["datasets"].items():
        # the LP certificate and the training behaviour agree: separable <=> no limit
        assert record["separability"]["separable"] is not record["converged"], name
        assert record["svm"]["converged"]
    assert summary["datasets"]["ds1_b"]["iterations"] == 20000
    rows = {row["modification"]: row for row in summary["modifications"]}
    assert rows["l2-0.1"]["converged"] and rows["decay-0.1"]["converged"]
    assert not rows["lr-1"]["converged"]

    perceptron = read_json(workflow_copy / "results/perceptron/summary.json")
    _, y_test = read_points(workflow_copy / "data/perceptron/test.csv")
    for kernel, accuracy in perceptron["test_accuracy"].items():
        predictions = np.loadtxt(workflow_copy / f"results/perceptron/{kernel}_predictions.txt")
        assert np.mean(predictions == y_test) == pytest.approx(accuracy)
        assert kernel in perceptron["performance"][kernel]
    assert perceptron["test_accuracy"]["rbf"] > perceptron["test_accuracy"]["invalid"]

    again = run_snakemake(workflow_copy, *TARGETS, "-n")
    assert "Nothing to be done" in again.stdout + again.stderr
