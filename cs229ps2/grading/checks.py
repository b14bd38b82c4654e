"""Calling a submission's functions as the course's driver does, and checking what they return.

Each failure raises :class:`SubmissionError` with a message a student can act on, naming the
submission's file.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

import numpy as np


class SubmissionError(Exception):
    """The submission cannot be run or returned something the driver cannot use."""


@dataclass(frozen=True)
class Verdict:
    status: str  # pass or fail
    expected: str
    got: str
    message: str


def call(module, name: str, *args):
    """module.name(*args), after checking that the function exists and takes these arguments."""
    where = module.grading_path
    function = getattr(module, name, None)
    if not callable(function):
        raise SubmissionError(f"{where}: missing function {name}")
    try:
        inspect.signature(function).bind(*args)
    except TypeError as error:
        raise SubmissionError(
            f"{where}: {name}{inspect.signature(function)} cannot be called with the driver's "
            f"{len(args)} arguments ({error})"
        ) from None
    except ValueError:  # no signature to inspect (a builtin): let the call decide
        pass
    return function(*args)


def returned(module, name: str, what: str, value) -> SubmissionError:
    """The error for a function that returned the wrong kind of value."""
    return SubmissionError(f"{module.grading_path}: {name} returned {type(value).__name__}, expected {what}")


def as_labels(module, name: str, value, n: int) -> np.ndarray:
    """value as an int array of n labels in {0, 1}, or a SubmissionError."""
    try:
        labels = np.asarray(value, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise returned(module, name, f"{n} labels 0/1", value) from None
    if labels.shape != (n,) or not np.isin(labels, (0, 1)).all():
        raise SubmissionError(
            f"{module.grading_path}: {name} returned {labels.size} values "
            f"({', '.join(map(str, np.unique(labels)[:4]))}...), expected {n} labels 0/1"
        )
    return labels.astype(np.int64)


def as_choice(module, name: str, value, options) -> float:
    """value as one of the options (a float), or a SubmissionError."""
    try:
        choice = float(value)
    except (TypeError, ValueError):
        raise returned(module, name, f"one of {list(options)}", value) from None
    if not any(np.isclose(choice, option, rtol=1e-12, atol=0) for option in options):
        raise SubmissionError(
            f"{module.grading_path}: {name} returned {choice:g}, not one of {list(options)}"
        )
    return choice


def agreement_verdict(got: dict, expected: dict, tolerances: dict) -> Verdict:
    """Predictions compared: the share that agree, and the test accuracies."""
    agree = float(np.mean(got["predictions"] == expected["predictions"]))
    got_acc, expected_acc = got["accuracy"], expected["accuracy"]
    ok = agree >= tolerances["min_agreement"] and abs(got_acc - expected_acc) <= tolerances["accuracy"]
    differ = int(np.sum(got["predictions"] != expected["predictions"]))
    message = (
        "predictions agree" if not differ else f"{differ} of {len(got['predictions'])} predictions differ"
    )
    return Verdict(
        "pass" if ok else "fail",
        f"accuracy {expected_acc:.4f}",
        f"accuracy {got_acc:.4f}, {agree:.1%} agree",
        message,
    )


def choice_verdict(what: str, got: float, expected: float) -> Verdict:
    """An equal choice from a list of settings."""
    same = bool(np.isclose(got, expected, rtol=1e-12, atol=0))
    return Verdict(
        "pass" if same else "fail",
        f"{expected:g}",
        f"{got:g}",
        f"same {what}" if same else f"{what} {got:g} chosen, the reference chooses {expected:g}",
    )
