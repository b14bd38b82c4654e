"""Small functions several problems share."""

from __future__ import annotations

import numpy as np


def add_intercept(x: np.ndarray) -> np.ndarray:
    """(n, d) inputs -> (n, d + 1) with a leading column of ones."""
    return np.column_stack([np.ones(len(x)), x])


def sigmoid(z) -> np.ndarray:
    """1 / (1 + exp(-z)), elementwise; overflow of exp gives exactly 0 without a warning."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def accuracy(labels, predictions) -> float:
    """Fraction of predictions (n,) equal to labels (n,)."""
    return float(np.mean(np.asarray(labels) == np.asarray(predictions)))
