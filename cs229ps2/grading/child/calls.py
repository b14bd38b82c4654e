"""What the course's driver calls in a student's file, part by part, and with what.

Runs in the child, beside the student's code: it imports nothing but numpy, and it holds only
what the driver hands to the student's functions (for 2(b): the training matrix, its labels and
the test matrix). Test labels, expected outputs and every reference result stay in the parent.
Each ``run`` returns the student's return values, unchanged; the parent checks and judges them.
"""

from __future__ import annotations

import inspect

import numpy as np


class SubmissionError(Exception):
    """The driver cannot call the student's function: it is missing or takes other arguments."""


def call(module, name: str, *args):
    """module.name(*args), after checking that the function exists and takes these arguments."""
    function = getattr(module, name, None)
    if not callable(function):
        raise SubmissionError(f"missing function {name}")
    try:
        inspect.signature(function).bind(*args)
    except TypeError as error:
        raise SubmissionError(
            f"{name}{inspect.signature(function)} cannot be called with the driver's {len(args)} "
            f"arguments ({error})"
        ) from None
    except ValueError:  # no signature to inspect (a builtin): let the call decide
        pass
    return function(*args)


# --- problem 2: spam ---------------------------------------------------------------------------

SPLITS = ("train", "val", "test")


def spam_2a(module, inputs: dict) -> dict:
    dictionary = call(module, "create_dictionary", inputs["messages"]["train"])
    return {
        "dictionary": dictionary,
        **{f"{s}_matrix": call(module, "transform_text", inputs["messages"][s], dictionary) for s in SPLITS},
    }


def spam_2b(module, inputs: dict) -> dict:
    model = call(module, "fit_naive_bayes_model", inputs["train_matrix"], inputs["train_labels"])
    return {"predictions": call(module, "predict_from_naive_bayes_model", model, inputs["test_matrix"])}


def spam_2c(module, inputs: dict) -> dict:
    model = call(module, "fit_naive_bayes_model", inputs["train_matrix"], inputs["train_labels"])
    return {"top_words": call(module, "get_top_five_naive_bayes_words", model, inputs["dictionary"])}


def spam_2d(module, inputs: dict) -> dict:
    np.random.seed(inputs["svm_seed"])  # noqa: NPY002 (the course's stream, as its svm import leaves it)
    args = (inputs["train_matrix"], inputs["train_labels"], inputs["val_matrix"], inputs["val_labels"])
    return {"choice": call(module, "compute_best_svm_radius", *args, list(inputs["radii"]))}


def spam_2e(module, inputs: dict) -> dict:
    args = (inputs["train_features"], inputs["train_labels"], inputs["val_features"], inputs["val_labels"])
    return {"choice": call(module, "compute_best_logreg_learning_rate", *args, list(inputs["rates"]))}


# --- problem 3: kernel perceptron ----------------------------------------------------------------


def course_kernel(name: str, sigma: float):
    """The course's kernel of two points, K(a, b) -> float: dot, rbf or non_psd."""

    def dot_kernel(a, b):
        return float(np.dot(a, b))

    def rbf_kernel(a, b):
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        squared = max(float(a @ a) + float(b @ b) - 2.0 * float(a @ b), 0.0)
        return float(np.exp(-squared / (2.0 * sigma**2)))

    def non_psd_kernel(a, b):
        return -1.0 if np.allclose(a, b, rtol=1e-5) else 0.0

    return {"dot": dot_kernel, "rbf": rbf_kernel, "non_psd": non_psd_kernel}[name]


def perceptron(module, inputs: dict) -> dict:
    kernel = course_kernel(inputs["kernel"], inputs["rbf_sigma"])
    state = call(module, "initial_state")
    for x_i, y_i in zip(inputs["x_train"], inputs["y_train"]):
        call(module, "update_state", state, kernel, inputs["learning_rate"], x_i, int(y_i))  # return ignored
    return {"predictions": [call(module, "predict", state, kernel, x_i) for x_i in inputs["x_test"]]}


# --- problem 4(d): ridge regression --------------------------------------------------------------


def ridge(module, inputs: dict) -> dict:
    """The module's constants set to the data's (sigma, d, eta, the lambda grid), then
    ridge_regression for each training file, by the file names in the working folder."""
    module.sigma, module.d = inputs["sigma"], inputs["d"]
    module.eta = inputs["eta"]
    module.scale_list = list(inputs["multipliers"])
    module.n_list = list(inputs["train_sizes"])
    errors = [
        call(module, "ridge_regression", f"train{n}.csv", "validation.csv") for n in inputs["train_sizes"]
    ]
    return {"errors": errors}


# --- problem 5: the simple network ---------------------------------------------------------------


def step_weights(module, inputs: dict) -> dict:
    return {"weights": call(module, "optimal_step_weights")}


def linear_weights(module, inputs: dict) -> dict:
    return {"weights": call(module, "optimal_linear_weights"), "template": call(module, "example_weights")}


CALLS = {
    "2a": spam_2a,
    "2b": spam_2b,
    "2c": spam_2c,
    "2d": spam_2d,
    "2e": spam_2e,
    "3-dot": perceptron,
    "3-rbf": perceptron,
    "3-non_psd": perceptron,
    "4d": ridge,
    "5b": step_weights,
    "5c": linear_weights,
}


def run(part: str, module, inputs: dict) -> dict:
    """The student's return values of a part, called as the course's driver calls them."""
    return CALLS[part](module, inputs)
