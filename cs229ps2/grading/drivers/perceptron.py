"""Problem 3: perceptron.py's initial_state, update_state and predict run as the course's driver does."""

from __future__ import annotations

import numpy as np

from cs229ps2.grading.checks import Verdict, agreement_verdict, as_labels, call
from cs229ps2.pipeline.files import read_points
from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.perceptron import make_kernel

KERNELS = {"3-dot": "dot", "3-rbf": "rbf", "3-non_psd": "invalid"}  # part -> the package's kernel


def pairwise(name: str, sigma: float):
    """The course's kernel of two points, K(a, b) -> float."""
    kernel = make_kernel(name, sigma)
    return lambda a, b: float(kernel(np.asarray(a)[None, :], np.asarray(b)[None, :])[0, 0])


def run(part: str, module, data: dict, settings: dict) -> dict:
    kernel = pairwise(KERNELS[part], settings["rbf_sigma"])
    x_train, y_train = read_points(data["train"])
    x_test, y_test = read_points(data["test"])
    state = call(module, "initial_state")
    for x_i, y_i in zip(x_train, y_train):
        call(
            module, "update_state", state, kernel, settings["learning_rate"], x_i, int(y_i)
        )  # return ignored
    predicted = [call(module, "predict", state, kernel, x_i) for x_i in x_test]
    predictions = as_labels(module, "predict", predicted, len(y_test))
    return {"predictions": predictions, "accuracy": accuracy(y_test, predictions)}


def grade(part: str, got: dict, expected: dict, tolerances: dict, data: dict, settings: dict) -> Verdict:
    return agreement_verdict(got, expected, tolerances)
