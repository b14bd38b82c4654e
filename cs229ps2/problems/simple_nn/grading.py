"""Problem 5(b, c): simple_nn.py's weights, scored on train.csv with the course's activations."""

from __future__ import annotations

import numpy as np

from cs229ps2.grading.checks import Verdict, weight_dict
from cs229ps2.grading.driver import Inputs, Row
from cs229ps2.pipeline.files import read_points
from cs229ps2.problems.simple_nn import simple_nn

FILE = "simple_nn/simple_nn.py"
NAMES = simple_nn.HIDDEN + simple_nn.OUTPUT  # the course's weight names


def inputs(part: str, data: dict, settings: dict) -> Inputs:
    """Nothing for the functions (they only return weights); train.csv to score them with."""
    x, y = read_points(data["train"], columns=("x1", "x2", "y"))
    return Inputs(files={"train.csv": data["train"]}, judge={"x": x, "y": y, "tol": settings["tol"]})


def check(part: str, returned: dict, row: Row) -> dict:
    if part == "5b":
        return {"weights": weight_dict(FILE, "optimal_step_weights", returned["weights"], NAMES)}
    return {
        "weights": weight_dict(FILE, "optimal_linear_weights", returned["weights"], NAMES),
        "template": weight_dict(FILE, "example_weights", returned["template"], NAMES),
    }


def _accuracy(part: str, weights: dict, row: Row) -> float:
    data = row.judge()
    predict = simple_nn.predict_step if part == "5b" else simple_nn.predict_linear
    w1, w2 = simple_nn.weight_arrays(weights)
    return float(np.mean(predict(w1, w2, data["x"], float(data["tol"])) == data["y"]))


def judge(part: str, got: dict, expected: dict, row: Row, tolerances: dict) -> Verdict:
    accuracy = _accuracy(part, got["weights"], row)
    reached = f"accuracy {accuracy:.1%}"
    if part == "5b":
        ok = accuracy == 1.0
        message = (
            "the step network classifies every training point" if ok else "not every point is classified"
        )
        return Verdict("pass" if ok else "fail", "accuracy 100.0%", reached, message)
    if got["weights"] == got["template"]:
        return Verdict(
            "pass",
            "the template (impossible)",
            "the template",
            "the correct claim: with linear hidden units the network is a linear classifier",
        )
    if accuracy == 1.0:
        return Verdict("pass", "the template (impossible)", reached, "these weights classify every point")
    return Verdict(
        "fail",
        "the template (impossible)",
        reached,
        "weights below 100% accuracy: with linear hidden units the network is one line, "
        "and no line separates these points; return the template to say so",
    )
