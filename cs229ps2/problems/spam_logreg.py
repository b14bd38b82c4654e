"""Problem 2(e): the course's logistic regression on deep features, reproduced.

No intercept; theta starts at zero; up to ``max_iterations`` steps of
theta <- theta + lr * (y - sigmoid(X theta))^T X (summed, not averaged). Like the
course's code it stops early when the mean log loss is NaN (a learning rate so large
that some probability saturates to exactly 0 or 1); numpy's warnings are silenced
locally and the outcome is recorded as a status instead.
"""

from __future__ import annotations

import logging

import numpy as np

from cs229ps2.problems.maths import sigmoid

log = logging.getLogger(__name__)


def mean_log_loss(p: np.ndarray, y: np.ndarray) -> float:
    """-mean(y log p + (1 - y) log(1 - p)); NaN when a probability saturates (0 * log 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def train(
    x: np.ndarray, y: np.ndarray, learning_rate: float, max_iterations: int = 1000, log_every: int = 0
) -> dict:
    """Gradient ascent on the log likelihood; x (n, d), y (n,) in {0, 1}.

    Returns ``theta`` (d,), ``iterations`` (updates made), ``final_loss`` (mean log loss
    of the returned theta) and ``status``: "completed" (all iterations), "nan_loss"
    (stopped early, the course's rule) or "diverged" (theta not finite).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.zeros(x.shape[1])
    status, iterations = "completed", 0
    with np.errstate(over="ignore", invalid="ignore"):
        for iterations in range(max_iterations):  # noqa: B007 (the count is returned)
            p = sigmoid(x @ theta)
            loss = mean_log_loss(p, y)
            if np.isnan(loss):
                status = "nan_loss"
                break
            theta = theta + learning_rate * ((y - p) @ x)
            if log_every and (iterations + 1) % log_every == 0:
                log.info("iteration %d: loss %.6g", iterations + 1, loss)
        else:
            iterations = max_iterations
        final_loss = mean_log_loss(sigmoid(x @ theta), y)
    if not np.all(np.isfinite(theta)):
        status = "diverged"
    return {"theta": theta, "iterations": iterations, "final_loss": final_loss, "status": status}


def predict(theta: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Labels (n,) in {0, 1}: 1 when sigmoid(x theta) > 0.5."""
    with np.errstate(over="ignore", invalid="ignore"):
        return (sigmoid(np.asarray(x, dtype=float) @ theta) > 0.5).astype(int)
