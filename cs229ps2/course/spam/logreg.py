"""The course's ``spam/logreg.py``: logistic regression by gradient ascent, no intercept.

theta starts at zeros; up to ``MAX_ITERATIONS`` steps of theta <- theta + lr (y - sigmoid(X
theta))^T X (summed, not averaged), stopping early when the course's mean log loss is NaN
(:func:`course_loss_is_nan`). The pipeline imports :func:`gradient_ascent` and :func:`predict`
from here. numpy only.
"""

import logging

import numpy as np

MAX_ITERATIONS = 1000  # the course's cap

log = logging.getLogger(__name__)


def sigmoid(z):
    """1 / (1 + exp(-z)), elementwise; overflow of exp gives exactly 0 without a warning."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def course_loss_is_nan(p, y):
    """The course's stop rule: its log loss -mean(y log p + (1 - y) log(1 - p)) is NaN, i.e.
    some p_i is NaN or equals its label y_i in {0, 1} (0 log 0)."""
    return bool(np.any(np.isnan(p) | (p == y)))


def gradient_ascent(x, y, learning_rate, max_iterations=1000, log_every=0):
    """(theta (d,), updates made, whether it stopped on the NaN loss) on x (n, d), y (n,) in {0, 1}."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.zeros(x.shape[1])
    with np.errstate(over="ignore", invalid="ignore"):
        for iteration in range(max_iterations):
            z = x @ theta
            p = sigmoid(z)
            if course_loss_is_nan(p, y):
                return theta, iteration, True
            theta = theta + learning_rate * ((y - p) @ x)
            if log_every and (iteration + 1) % log_every == 0:
                loss = np.mean(np.logaddexp(0.0, z) - y * z)  # the mean log loss, computed stably
                log.info("iteration %d: loss %.6g", iteration, float(loss))
    return theta, max_iterations, False


def predict(theta, x):
    """Labels (n,) in {0, 1}: 1 when sigmoid(x theta) > 0.5."""
    with np.errstate(over="ignore", invalid="ignore"):
        return (sigmoid(np.asarray(x, dtype=float) @ theta) > 0.5).astype(int)


def train_and_predict_logreg(train_matrix, train_labels, test_matrix, learning_rate):
    """Train on the training features and labels at learning_rate; labels (n,) of the test features."""
    theta = gradient_ascent(train_matrix, train_labels, learning_rate, MAX_ITERATIONS)[0]
    return predict(theta, test_matrix)
