"""The maths several problems share: intercept, sigmoid, accuracy, log loss, RBF kernel."""

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


def mean_log_loss(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Mean cross-entropy of logits z (n,) or (n, k) against labels y (n,) in [0, 1], over axis 0.

    -mean(y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))), computed stably as
    log(1 + exp(z)) - y z: finite for any finite z, however saturated.
    """
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float).reshape((-1,) + (1,) * (z.ndim - 1))
    return np.mean(np.logaddexp(0.0, z) - y * z, axis=0)


def _is_sparse(a) -> bool:
    """Whether a is a scipy-sparse matrix (told by its toarray method: scipy stays unimported)."""
    return hasattr(a, "toarray")


def _squared_norms(a) -> np.ndarray:
    """||a_i||^2 of each row of a dense or scipy-sparse matrix (n, d): shape (n,)."""
    if _is_sparse(a):
        return np.asarray(a.multiply(a).sum(axis=1), dtype=float).ravel()
    return np.sum(np.asarray(a, dtype=float) ** 2, axis=1)


def rbf_kernel(a, b, scale: float) -> np.ndarray:
    """K (n_a, n_b) = exp(-||a_i - b_j||^2 / (2 scale^2)) for rows of a (n_a, d) and b (n_b, d).

    a and b may be dense or scipy-sparse; squared distances come from norms and inner products
    (exact for 0/1 rows), clipped at 0 against rounding.
    """
    cross = a @ b.T
    cross = cross.toarray() if _is_sparse(cross) else np.asarray(cross, dtype=float)
    sq = _squared_norms(a)[:, None] + _squared_norms(b)[None, :] - 2.0 * cross
    return np.exp(-np.maximum(sq, 0.0) / (2.0 * scale**2))
