"""Problem 4(d): doubledescent.py's ridge_regression for every training set, and common mistakes named."""

from __future__ import annotations

import numpy as np

from cs229ps2.grading.checks import Verdict, numbers
from cs229ps2.grading.driver import Inputs, Row
from cs229ps2.pipeline.files import read_vectors
from cs229ps2.problems.doubledescent import doubledescent as ridge

FILE = "bayesianreg/doubledescent.py"


def inputs(part: str, data: dict, settings: dict) -> Inputs:
    """The training and validation files by the course's names, and the module's constants for
    the data (sigma, d, eta = 1/sqrt(d) unless set, the lambda grid)."""
    d = read_vectors(data["validation"])[0].shape[1]
    values = {
        "sigma": settings["sigma"],
        "d": d,
        "eta": settings["eta"] or 1 / np.sqrt(d),
        "multipliers": settings["multipliers"],
        "train_sizes": settings["train_sizes"],
    }
    files = {f"train{n}.csv": path for n, path in zip(settings["train_sizes"], data["train"])}
    return Inputs(values=values, files=files | {"validation.csv": data["validation"]})


def check(part: str, returned: dict, row: Row) -> dict:
    values = row.values()
    shape = (len(values["train_sizes"]), len(values["multipliers"]))
    return {
        "errors": numbers(
            FILE, "ridge_regression", returned["errors"], shape, "validation errors (one per n and lambda)"
        )
    }


SCALED = {2.0: "twice", 0.5: "half"}  # lambda off by these factors: a common mistake, named


def _errors_at(row: Row, factors) -> dict[float, np.ndarray]:
    """Reference validation errors with every lambda multiplied by each factor (files read once)."""
    values = row.values()
    x_val, y_val = read_vectors(row.file("validation.csv"))
    lambdas = np.outer(factors, values["multipliers"]) * ridge.lambda_opt(values["eta"])  # (factors, lambdas)
    alphas = ridge.ridge_alpha(lambdas.ravel(), values["sigma"])
    errors = np.array(
        [
            ridge.validation_mse(*read_vectors(row.file(f"train{n}.csv")), x_val, y_val, alphas)
            for n in values["train_sizes"]
        ]
    )
    return dict(zip(factors, np.split(errors, len(factors), axis=1)))


def _worst(got: np.ndarray, expected: np.ndarray) -> float:
    with np.errstate(invalid="ignore"):
        gap = np.abs(got - expected) / np.maximum(np.abs(expected), 1e-300)
    return float(np.max(np.nan_to_num(gap, nan=np.inf)))


def judge(part: str, got: dict, expected: dict, row: Row, tolerances: dict) -> Verdict:
    got_e, expected_e = got["errors"], expected["errors"]
    worst = _worst(got_e, expected_e)
    summary = (
        f"{expected_e.size} validation MSEs, median {np.median(expected_e):.4g}",
        f"median {np.median(got_e):.4g}, largest relative error {worst:.2g}",
    )
    if worst <= tolerances["relative"]:
        return Verdict("pass", *summary, "every (n, lambda) within the tolerance")
    if _worst(got_e, expected_e / 2) <= tolerances["relative"]:
        return Verdict("fail", *summary, "the errors are half the MSE: use (1/n_v) ||X_v theta - y_v||^2")
    for factor, errors in _errors_at(row, tuple(SCALED)).items():
        if _worst(got_e, errors) <= tolerances["relative"]:
            return Verdict(
                "fail",
                *summary,
                f"the errors are those of {SCALED[factor]} each lambda: objective (6) is "
                "||y - X theta||^2 / (2 sigma^2) + lambda ||theta||^2",
            )
    values = row.values()
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.nan_to_num(np.abs(got_e - expected_e) / np.abs(expected_e), nan=np.inf)
    n, k = np.unravel_index(np.argmax(gap), got_e.shape)
    return Verdict(
        "fail",
        *summary,
        f"largest difference at n = {values['train_sizes'][n]}, "
        f"lambda = {values['multipliers'][k]:g} lambda_opt: {got_e[n, k]:.6g}, "
        f"expected {expected_e[n, k]:.6g}",
    )
