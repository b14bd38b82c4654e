"""Pipeline runs of problems 4(d), 5 and 6 on small synthetic data (and the course's simple_nn data)."""

import numpy as np
import pandas as pd
import pytest
from conftest import digests, needs_course_data, planned_jobs, run_config, run_snakemake
from sklearn.linear_model import Ridge

from cs229ps2.pipeline.files import read_json, read_vectors

TARGETS = [
    "results/doubledescent/summary.json",
    "results/doubledescent/mse.csv",
    "results/doubledescent/doubledescent.pdf",
    "results/simple_nn/summary.json",
    "results/batchnorm/summary.json",
]


def test_pipeline_on_synthetic_data(small_run):
    root = small_run
    config = run_config(root)
    train_sizes, multipliers = config["train_sizes"], config["doubledescent"]["multipliers"]
    sigma, d = config["doubledescent"]["sigma"], config["synthetic"]["bayesianreg"]["d"]
    assert config["doubledescent"]["eta"] is None  # eta = 1 / sqrt(d)
    lambda_opt = d / 2  # 1 / (2 eta^2)

    # 4(d): the table holds the ridge validation MSE for every n and multiplier (sklearn oracle)
    table = pd.read_csv(root / "results/doubledescent/mse.csv", index_col="n")
    assert list(table.index) == train_sizes and table.shape[1] == len(multipliers)
    summary = read_json(root / "results/doubledescent/summary.json")["numbers"]
    assert summary["lambda_opt"] == pytest.approx(lambda_opt)
    x_val, y_val = read_vectors(root / "data/bayesianreg/validation.csv")
    for n in train_sizes:
        x, y = read_vectors(root / f"data/bayesianreg/train{n}.csv")
        for k, mult in enumerate(multipliers):
            if mult == 0:
                theta = np.linalg.pinv(x) @ y
            else:
                theta = Ridge(alpha=2 * sigma**2 * mult * lambda_opt, fit_intercept=False).fit(x, y).coef_
            assert table.loc[n].iloc[k] == pytest.approx(np.mean((x_val @ theta - y_val) ** 2), rel=1e-6)
        assert summary["best_multiplier_per_n"][str(n)] == table.columns[int(np.argmin(table.loc[n]))]

    # 5 and 6
    nn = read_json(root / "results/simple_nn/summary.json")["numbers"]
    assert nn["step_accuracy"] == 1.0
    assert nn["linear_possible"] is False and nn["best_linear_accuracy"] < 1.0
    assert read_json(root / "results/batchnorm/summary.json")["numbers"]["all_within_tolerance"] is True

    # nothing left to do; a forced rerun of the reports writes identical bytes
    assert planned_jobs(root, *TARGETS) == {}
    outputs = [
        f"results/doubledescent/{f}"
        for f in ("mse.csv", "doubledescent.png", "doubledescent.pdf", "summary.json")
    ]
    outputs += [f"results/simple_nn/{f}" for f in ("step_weights.png", "step_weights.pdf")]
    before = digests(root)
    # the default target: the jobs downstream of the two rerun as well, so the shared run stays up to date
    run_snakemake(root, "--forcerun", "doubledescent_plots", "doubledescent_summary", "simple_nn_step")
    after = digests(root)
    assert [after[name] for name in outputs] == [before[name] for name in outputs]


@needs_course_data
def test_simple_nn_on_course_data(course_run):
    provenance = read_json(course_run / "data/simple_nn/provenance.json")
    assert provenance["source"] == "course"
    nn = read_json(course_run / "results/simple_nn/summary.json")["numbers"]
    assert nn["step_accuracy"] == 1.0
    assert nn["linear_possible"] is False
    assert nn["linear_certificate_margin"] <= 1e-9
    assert 0.5 < nn["best_linear_accuracy"] < 1.0
