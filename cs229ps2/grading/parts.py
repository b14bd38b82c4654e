"""The graded parts: which file and functions each needs, its points, and whether a private set grades it."""

from __future__ import annotations

from dataclasses import dataclass

PRIVATE = "-private"
STATUSES = ("pass", "fail", "error", "timeout", "missing")


@dataclass(frozen=True)
class Part:
    name: str
    problem: str  # driver module in cs229ps2.grading.drivers
    folder: str  # folder of the course's src/
    file: str  # the student's file, relative to the submission
    functions: tuple[str, ...]  # what the part calls
    points: float  # the problem set's points for the part
    private: bool  # also graded on the private test set

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.file}"


_SPAM, _PERCEPTRON = ("spam", "spam", "spam.py"), ("perceptron", "perceptron", "perceptron.py")
_RIDGE, _NN = ("doubledescent", "bayesianreg", "doubledescent.py"), ("simple_nn", "simple_nn", "simple_nn.py")
_PERCEPTRON_FUNCTIONS = ("initial_state", "predict", "update_state")

PARTS = {
    part.name: part
    for part in (
        Part("2a", *_SPAM, ("get_words", "create_dictionary", "transform_text"), 5, True),
        Part("2b", *_SPAM, ("fit_naive_bayes_model", "predict_from_naive_bayes_model"), 10, True),
        Part("2c", *_SPAM, ("fit_naive_bayes_model", "get_top_five_naive_bayes_words"), 5, True),
        Part("2d", *_SPAM, ("compute_best_svm_radius",), 2, True),
        Part("2e", *_SPAM, ("compute_best_logreg_learning_rate",), 2, True),
        # 3(b)'s 10 points, shared by the three kernels the driver runs
        Part("3-dot", *_PERCEPTRON, _PERCEPTRON_FUNCTIONS, 10 / 3, True),
        Part("3-rbf", *_PERCEPTRON, _PERCEPTRON_FUNCTIONS, 10 / 3, True),
        Part("3-non_psd", *_PERCEPTRON, _PERCEPTRON_FUNCTIONS, 10 / 3, True),
        Part("4d", *_RIDGE, ("ridge_regression",), 5, True),
        Part("5b", *_NN, ("optimal_step_weights",), 10, False),
        Part("5c", *_NN, ("example_weights", "optimal_linear_weights"), 10, False),
    )
}


def graded_rows() -> list[str]:
    """Every row of a grade sheet, in order: each part, then its private row where there is one."""
    rows = []
    for name, part in PARTS.items():
        rows.append(name)
        if part.private:
            rows.append(name + PRIVATE)
    return rows


def split_row(row: str) -> tuple[Part, str]:
    """(part, dataset) of a sheet row: "2b-private" -> (2b, "private"), "2b" -> (2b, "main")."""
    if row.endswith(PRIVATE):
        return PARTS[row.removesuffix(PRIVATE)], "private"
    return PARTS[row], "main"


def row_points(row: str) -> float:
    """Points a row is worth: a part's points, split evenly with its private row when it has one."""
    part, _ = split_row(row)
    return part.points / 2 if part.private else part.points


def total_points() -> float:
    return sum(row_points(row) for row in graded_rows())
