"""Problem 5(b, c): simple_nn.py's weights, scored on train.csv with the course's activations."""

from __future__ import annotations

import numpy as np

from cs229ps2.grading.checks import SubmissionError, Verdict, call, returned
from cs229ps2.pipeline.files import read_points
from cs229ps2.problems import simple_nn
from cs229ps2.problems.maths import accuracy

HIDDEN = [f"hidden_layer_{i}_{j}" for i in range(3) for j in range(1, 4)]
OUTPUT = [f"output_layer_{j}" for j in range(4)]


def weight_arrays(weights: dict):
    """The course's weight dict as (w1 (3, 3), w2 (4,)) of the package."""
    w1 = np.array([[weights[f"hidden_layer_{i}_{j}"] for j in range(1, 4)] for i in range(3)], dtype=float)
    return w1, np.array([weights[k] for k in OUTPUT], dtype=float)


def weight_dict(w1, w2) -> dict:
    """The package's (w1 (3, 3), w2 (4,)) as the course's weight dict (the inverse of weight_arrays)."""
    hidden = {f"hidden_layer_{i}_{j}": float(w1[i][j - 1]) for i in range(3) for j in range(1, 4)}
    return hidden | {k: float(w2[j]) for j, k in enumerate(OUTPUT)}


def _weights(module, name: str) -> dict:
    weights = call(module, name)
    if not isinstance(weights, dict):
        raise returned(module, name, "a dict of weights", weights)
    missing = [k for k in HIDDEN + OUTPUT if k not in weights]
    if missing:
        raise SubmissionError(
            f"{module.grading_path}: {name} has no {', '.join(missing[:3])}"
            f"{' ...' if len(missing) > 3 else ''}"
        )
    try:
        return {k: float(weights[k]) for k in HIDDEN + OUTPUT}
    except (TypeError, ValueError):
        raise SubmissionError(f"{module.grading_path}: {name} holds a weight that is not a number") from None


def run(part: str, module, data: dict, settings: dict) -> dict:
    x, y = read_points(data["train"], columns=("x1", "x2", "y"))
    predict = simple_nn.predict_step if part == "5b" else simple_nn.predict_linear
    name = "optimal_step_weights" if part == "5b" else "optimal_linear_weights"
    weights = _weights(module, name)
    outputs = {
        "weights": weights,
        "accuracy": accuracy(y, predict(*weight_arrays(weights), x, settings["tol"])),
    }
    if part == "5c":
        outputs["template"] = weights == _weights(module, "example_weights")
    return outputs


def grade(part: str, got: dict, expected: dict, tolerances: dict, data: dict, settings: dict) -> Verdict:
    reached = f"accuracy {got['accuracy']:.1%}"
    if part == "5b":
        ok = got["accuracy"] == 1.0
        message = (
            "the step network classifies every training point" if ok else "not every point is classified"
        )
        return Verdict("pass" if ok else "fail", "accuracy 100.0%", reached, message)
    if got["template"]:
        return Verdict(
            "pass",
            "the template (impossible)",
            "the template",
            "the correct claim: with linear hidden units the network is a linear classifier",
        )
    if got["accuracy"] == 1.0:
        return Verdict("pass", "the template (impossible)", reached, "these weights classify every point")
    return Verdict(
        "fail",
        "the template (impossible)",
        reached,
        "weights below 100% accuracy: with linear hidden units the network is one line, "
        "and no line separates these points; return the template to say so",
    )
