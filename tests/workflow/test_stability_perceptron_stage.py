"""Pipeline tests for problems 1 and 3 on the synthetic stand-ins (the shared small run)."""

import numpy as np
import pytest
from conftest import planned_jobs, run_config

from cs229ps2.pipeline.files import read_json, read_points

TARGETS = [
    "results/stability/summary.json",
    "results/stability/modifications.png",
    "results/stability/training_curves.png",
    "results/perceptron/summary.json",
]


def test_stability_and_perceptron_pipeline(small_run):
    config = run_config(small_run)
    summary = read_json(small_run / "results/stability/summary.json")["numbers"]
    for name, record in summary["datasets"].items():
        # the LP certificate and the training behaviour agree: separable <=> no limit
        assert record["separable"] is not record["converged"], name
        assert record["svm"]["converged"]
    assert summary["datasets"]["ds1_b"]["iterations"] == config["stability"]["max_iter"]
    rows = {row["modification"]: row for row in summary["modifications"]}
    assert rows["l2-0.1"]["converged"] and rows["decay-0.1"]["converged"]
    assert not rows["lr-1"]["converged"]

    kernels = read_json(small_run / "results/perceptron/summary.json")["numbers"]["kernels"]
    _, y_test = read_points(small_run / "data/perceptron/test.csv")
    for kernel, numbers in kernels.items():
        predictions = np.loadtxt(small_run / f"results/perceptron/{kernel}_predictions.txt")
        assert np.mean(predictions == y_test) == pytest.approx(numbers["test_accuracy"])
        assert np.mean(predictions == 1) == pytest.approx(numbers["predicted_class1_fraction"])
        assert kernel in numbers["sentence"]
    assert kernels["rbf"]["test_accuracy"] > kernels["non_psd"]["test_accuracy"]

    assert planned_jobs(small_run, *TARGETS) == {}
