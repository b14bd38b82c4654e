"""Problem 2(e): the course's logistic regression on deep features, reproduced.

No intercept; theta starts at zero; up to ``max_iterations`` steps of
theta <- theta + lr * (y - sigmoid(X theta))^T X (summed, not averaged). Like the
course's code it stops early when its mean log loss, computed from the probabilities as
-mean(y log p + (1 - y) log(1 - p)), is NaN. For 0/1 labels that happens exactly when
some probability equals its own label (0 * log 0) or is NaN: a learning rate so large that
a probability saturates. :func:`course_loss_is_nan` states that rule; numpy's warnings are
silenced locally and the outcome is recorded as a status instead.

The loop, the rule and :func:`predict` are the course module's,
:mod:`cs229ps2.course.spam.logreg`, imported here; :func:`train` adds the status and the loss.
"""

from __future__ import annotations

import numpy as np

from cs229ps2.course.spam.logreg import course_loss_is_nan, gradient_ascent, predict
from cs229ps2.problems.maths import mean_log_loss

__all__ = ["course_loss_is_nan", "predict", "train"]


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
    theta, iterations, stopped = gradient_ascent(x, y, learning_rate, max_iterations, log_every)
    status = "nan_loss" if stopped else "completed"
    with np.errstate(over="ignore", invalid="ignore"):
        final_loss = float(mean_log_loss(x @ theta, y))
    if not np.all(np.isfinite(theta)):
        status = "diverged"
    return {"theta": theta, "iterations": iterations, "final_loss": final_loss, "status": status}
