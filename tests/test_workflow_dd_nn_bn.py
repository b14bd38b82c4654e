"""Pipeline runs of problems 4(d), 5 and 6 on small synthetic data (and the course's simple_nn data)."""

import hashlib

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import COURSE_DATA, needs_course_data, run_snakemake
from sklearn.linear_model import Ridge

from cs229ps2.io import read_json, read_vectors

pytestmark = pytest.mark.slow

TRAIN_SIZES = [30, 40, 50]
TARGETS = [
    "results/doubledescent/summary.json",
    "results/doubledescent/mse.csv",
    "results/doubledescent/doubledescent.pdf",
    "results/simple_nn/summary.json",
    "results/batchnorm/summary.json",
]


def small_config(workdir):
    path = workdir / "config.yaml"
    config = yaml.safe_load(path.read_text())
    config["train_sizes"] = TRAIN_SIZES
    config["synthetic"]["bayesianreg"].update(d=40, n_validation=200)
    config["doubledescent"]["fine_grid"] = {"low": 0.01, "high": 100.0, "points": 41}
    config["simple_nn"]["steps"] = 200
    config["batchnorm"].update(shapes=[[3, 2], [6, 3]], trials=1)
    path.write_text(yaml.safe_dump(config))


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pipeline_on_synthetic_data(workflow_copy):
    small_config(workflow_copy)
    run_snakemake(workflow_copy, *TARGETS)
    root = workflow_copy

    # 4(d): the table holds the ridge validation MSE for every n and multiplier (sklearn oracle)
    table = pd.read_csv(root / "results/doubledescent/mse.csv", index_col="n")
    config = yaml.safe_load((root / "config.yaml").read_text())
    multipliers = config["doubledescent"]["multipliers"]
    assert list(table.index) == TRAIN_SIZES and table.shape[1] == len(multipliers)
    summary = read_json(root / "results/doubledescent/summary.json")
    assert summary["lambda_opt"] == pytest.approx(40 / 2)
    x_val, y_val = read_vectors(root / "data/bayesianreg/validation.csv")
    for n in TRAIN_SIZES:
        x, y = read_vectors(root / f"data/bayesianreg/train{n}.csv")
        for k, mult in enumerate(multipliers):
            if mult == 0:
                theta = np.linalg.pinv(x) @ y
            else:
                theta = Ridge(alpha=2 * 0.5**2 * mult * 20, fit_intercept=False).fit(x, y).coef_
            assert table.loc[n].iloc[k] == pytest.approx(np.mean((x_val @ theta - y_val) ** 2), rel=1e-6)
        assert summary["best_multiplier_per_n"][str(n)] == table.columns[int(np.argmin(table.loc[n]))]

    # 5 and 6
    nn = read_json(root / "results/simple_nn/summary.json")
    assert nn["step_accuracy"] == 1.0
    assert nn["linear_possible"] is False and nn["best_linear_accuracy"] < 1.0
    assert read_json(root / "results/batchnorm/summary.json")["all_within_tolerance"] is True

    # nothing left to do; a forced rerun of the reports writes identical bytes
    assert "Nothing to be done" in run_snakemake(root, "-n", *TARGETS).stdout
    outputs = [
        root / "results/doubledescent" / f
        for f in ("mse.csv", "doubledescent.png", "doubledescent.pdf", "summary.json")
    ]
    outputs += [root / "results/simple_nn" / f for f in ("step_weights.png", "step_weights.pdf")]
    before = [digest(p) for p in outputs]
    run_snakemake(root, "--forcerun", "doubledescent_report", "simple_nn_step", "--", *TARGETS)
    assert [digest(p) for p in outputs] == before


@needs_course_data
def test_simple_nn_on_course_data(workflow_copy):
    small_config(workflow_copy)
    run_snakemake(workflow_copy, "results/simple_nn/summary.json", "--config", f"course_data={COURSE_DATA}")
    provenance = read_json(workflow_copy / "data/simple_nn/provenance.json")
    assert provenance["source"] == "course"
    nn = read_json(workflow_copy / "results/simple_nn/summary.json")
    assert nn["step_accuracy"] == 1.0
    assert nn["linear_possible"] is False
    assert nn["linear_certificate_margin"] <= 1e-9
    assert 0.5 < nn["best_linear_accuracy"] < 1.0
