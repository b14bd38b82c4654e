"""Problem 3: what perceptron.py's initial_state, update_state and predict receive, and the
predictions judged."""

from __future__ import annotations

from cs229ps2.grading.checks import Verdict, agreement_verdict, labels
from cs229ps2.grading.driver import Inputs, Row
from cs229ps2.pipeline.files import read_points

KERNELS = {"3-dot": "dot", "3-rbf": "rbf", "3-non_psd": "non_psd"}  # part -> the course's kernel
FILE = "perceptron/perceptron.py"


def inputs(part: str, data: dict, settings: dict) -> Inputs:
    """The training points and labels, the test points; the test labels stay with the judge."""
    x_train, y_train = read_points(data["train"])
    x_test, y_test = read_points(data["test"])
    values = {
        "kernel": KERNELS[part],
        "rbf_sigma": settings["rbf_sigma"],
        "learning_rate": settings["learning_rate"],
    }
    arrays = {"x_train": x_train, "y_train": y_train, "x_test": x_test}
    return Inputs(values, arrays, {"train.csv": data["train"]}, {"test_labels": y_test})


def check(part: str, returned: dict, row: Row) -> dict:
    return {"predictions": labels(FILE, "predict", returned["predictions"], len(row.judge()["test_labels"]))}


def judge(part: str, got: dict, expected: dict, row: Row, tolerances: dict) -> Verdict:
    return agreement_verdict(
        got["predictions"], expected["predictions"], row.judge()["test_labels"], tolerances
    )
