"""Problem 2(e): the course's logistic regression on deep features, reproduced.

No intercept; theta starts at zero; up to ``max_iterations`` steps of
theta <- theta + lr * (y - sigmoid(X theta))^T X (summed, not averaged). Like the
course's code it stops early when its mean log loss, computed from the probabilities as
-mean(y log p + (1 - y) log(1 - p)), is NaN. For 0/1 labels that happens exactly when
some probability equals its own label (0 * log 0) or is NaN: a learning rate so large that
a probability saturates. :func:`course_loss_is_nan` states that rule; numpy's warnings are
silenced locally and the outcome is recorded as a status instead.
"""

from __future__ import annotations

import logging

import numpy as np

from cs229ps2.problems.maths import mean_log_loss, sigmoid

log = logging.getLogger(__name__)


def course_loss_is_nan(p: np.ndarray, y: np.ndarray) -> bool:
    """The course's stop rule: its log loss is NaN, i.e. some p_i is NaN or equals its label y_i in {0, 1}."""
    return bool(np.any(np.isnan(p) | (p == y)))


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
            z = x @ theta
            p = sigmoid(z)
            if course_loss_is_nan(p, y):
                status = "nan_loss"
                break
            theta = theta + learning_rate * ((y - p) @ x)
            if log_every and (iterations + 1) % log_every == 0:
                log.info("iteration %d: loss %.6g", iterations, float(mean_log_loss(z, y)))
        else:
            iterations = max_iterations
        final_loss = float(mean_log_loss(x @ theta, y))
    if not np.all(np.isfinite(theta)):
        status = "diverged"
    return {"theta": theta, "iterations": iterations, "final_loss": final_loss, "status": status}


def predict(theta: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Labels (n,) in {0, 1}: 1 when sigmoid(x theta) > 0.5."""
    with np.errstate(over="ignore", invalid="ignore"):
        return (sigmoid(np.asarray(x, dtype=float) @ theta) > 0.5).astype(int)
