"""Problem 4(d): doubledescent.py's ridge_regression for every training set, and common mistakes named."""

from __future__ import annotations

import numpy as np

from cs229ps2.grading.checks import SubmissionError, Verdict, call
from cs229ps2.pipeline.files import read_vectors
from cs229ps2.problems import ridge


def _module_constants(module, data: dict, settings: dict) -> None:
    """Set the module's constants to the data's: sigma, d, eta = 1/sqrt(d) and the lambda grid."""
    d = read_vectors(data["validation"])[0].shape[1]
    module.sigma, module.d = settings["sigma"], d
    module.eta = settings["eta"] or 1 / np.sqrt(d)
    module.scale_list = list(settings["multipliers"])


def run(part: str, module, data: dict, settings: dict) -> dict:
    _module_constants(module, data, settings)
    rows = []
    for n, path in zip(settings["train_sizes"], data["train"]):
        errors = call(module, "ridge_regression", path, data["validation"])
        try:
            row = np.asarray(errors, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            raise SubmissionError(
                f"{module.grading_path}: ridge_regression returned {type(errors).__name__}, "
                "expected a list of validation errors"
            ) from None
        if row.shape != (len(settings["multipliers"]),):
            raise SubmissionError(
                f"{module.grading_path}: ridge_regression returned {row.size} errors for "
                f"train{n}.csv, expected {len(settings['multipliers'])} (one per lambda)"
            )
        rows.append(row)
    return {"errors": np.array(rows)}


SCALED = {2.0: "twice", 0.5: "half"}  # lambda off by these factors: a common mistake, named


def _errors_at(data: dict, settings: dict, factors) -> dict[float, np.ndarray]:
    """Reference validation errors with every lambda multiplied by each factor (files read once)."""
    x_val, y_val = read_vectors(data["validation"])
    eta = settings["eta"] or 1 / np.sqrt(x_val.shape[1])
    lambdas = np.outer(factors, settings["multipliers"]) * ridge.lambda_opt(eta)  # (factors, lambdas)
    alphas = ridge.ridge_alpha(lambdas.ravel(), settings["sigma"])
    errors = np.array(
        [ridge.validation_mse(*read_vectors(path), x_val, y_val, alphas) for path in data["train"]]
    )
    return dict(zip(factors, np.split(errors, len(factors), axis=1)))


def _worst(got: np.ndarray, expected: np.ndarray) -> float:
    return float(np.max(np.abs(got - expected) / np.maximum(np.abs(expected), 1e-300)))


def grade(part: str, got: dict, expected: dict, tolerances: dict, data: dict, settings: dict) -> Verdict:
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
    for factor, errors in _errors_at(data, settings, tuple(SCALED)).items():
        if _worst(got_e, errors) <= tolerances["relative"]:
            said = SCALED[factor]
            return Verdict(
                "fail",
                *summary,
                f"the errors are those of {said} each lambda: objective (6) is "
                "||y - X theta||^2 / (2 sigma^2) + lambda ||theta||^2",
            )
    n, k = np.unravel_index(np.argmax(np.abs(got_e - expected_e) / np.abs(expected_e)), got_e.shape)
    return Verdict(
        "fail",
        *summary,
        f"largest difference at n = {settings['train_sizes'][n]}, "
        f"lambda = {settings['multipliers'][k]:g} lambda_opt: {got_e[n, k]:.6g}, "
        f"expected {expected_e[n, k]:.6g}",
    )
