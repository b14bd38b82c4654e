"""Problem 3: the kernel perceptron, its state a list of (coefficient, training point) pairs;
the course's interface (``initial_state``, ``predict``, ``update_state``) at the end, which the
grading compares submissions with.

theta = sum_k beta_k phi(x_k) is never formed: the state keeps the pairs (beta_k, x_k)
and a score is theta^T phi(x) = sum_k beta_k K(x_k, x). One pass over the training set
in order; h(x) = 1 if the score >= 0 else 0 (the empty state predicts 1); on example
(x_i, y_i) the update adds the pair (lr * (y_i - h(x_i)), x_i). Pairs whose coefficient
is 0 (correct predictions) are not stored: they add nothing to any score.

Kernels are matrix functions ``K(a, b) -> (m, n)`` for a (m, d), b (n, d), entry
(i, j) = K(a_i, b_j), so a whole test set or plotting grid is scored by one product
``beta @ K(points, queries)``.
"""

from __future__ import annotations

import numpy as np

from cs229ps2.problems.maths import rbf_kernel

COURSE_LEARNING_RATE = 0.5
CHUNK = 4096  # query points per kernel matrix in predict, bounding memory


def dot_kernel(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """K(x, z) = x^T z for all pairs: (m, d), (n, d) -> (m, n)."""
    return np.asarray(a, dtype=float) @ np.asarray(b, dtype=float).T


def non_psd_kernel(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The course's non-kernel: -1 where np.allclose(a_i, b_j, rtol=1e-5) (atol 1e-8), else 0.

    (m, d), (n, d) -> (m, n); allclose's tolerance is relative to its second argument b_j.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    close = np.abs(a[:, None, :] - b[None, :, :]) <= 1e-8 + 1e-5 * np.abs(b[None, :, :])
    return -np.all(close, axis=2).astype(float)


def make_kernel(name: str, sigma: float = 1.0):
    """The kernel function called ``name``: dot, rbf (with sigma) or non_psd."""
    if name == "dot":
        return dot_kernel
    if name == "rbf":
        return lambda a, b: rbf_kernel(a, b, sigma)
    if name == "non_psd":
        return non_psd_kernel
    raise ValueError(f"unknown kernel {name!r}")


def initial_state() -> list:
    """theta = 0: no (coefficient, point) pairs."""
    return []


def scores(state: list, kernel, x: np.ndarray) -> np.ndarray:
    """theta^T phi(x) for each row of x (n, d): sum_k beta_k K(x_k, x), shape (n,)."""
    x = np.atleast_2d(np.asarray(x, dtype=float))
    if not state:
        return np.zeros(len(x))
    beta = np.array([coef for coef, _ in state])
    points = np.array([point for _, point in state])
    return np.concatenate([beta @ kernel(points, x[i : i + CHUNK]) for i in range(0, len(x), CHUNK)])


def predict_points(state: list, kernel, x: np.ndarray) -> np.ndarray:
    """Labels h(x) in {0, 1} for each row of x (n, d): 1 where the score is >= 0."""
    return (scores(state, kernel, x) >= 0).astype(int)


def learn(state: list, kernel, learning_rate: float, x_i: np.ndarray, y_i: int) -> list:
    """The state after example (x_i (d,), y_i): adds (lr * (y_i - h(x_i)), x_i) if nonzero."""
    beta = learning_rate * (y_i - predict_points(state, kernel, x_i[None, :])[0])
    return [*state, (float(beta), np.array(x_i, dtype=float))] if beta else state


def train(x: np.ndarray, y: np.ndarray, kernel, learning_rate: float = COURSE_LEARNING_RATE) -> list:
    """One pass over x (n, d), y (n,) in order; returns the final state."""
    state = initial_state()
    for x_i, y_i in zip(np.asarray(x, dtype=float), np.asarray(y)):
        state = learn(state, kernel, learning_rate, x_i, int(y_i))
    return state


# --- the course's interface: kernels of two points, the state changed in place -------------------


def predict(state: list, kernel, x_i: np.ndarray) -> int:
    """h(x_i) as the course's driver calls it, with its kernel(a, b) of two points."""
    if not state:
        return 1
    betas = np.array([beta for beta, _ in state])
    return int(betas @ np.array([kernel(x_k, x_i) for _, x_k in state]) >= 0)


def update_state(state: list, kernel, learning_rate: float, x_i: np.ndarray, y_i: int) -> None:
    """The course's update, in place: adds (lr * (y_i - h(x_i)), x_i) to the state if nonzero."""
    beta = learning_rate * (y_i - predict(state, kernel, x_i))
    if beta:
        state.append((float(beta), np.array(x_i, dtype=float)))


def majority_rate(labels: np.ndarray) -> float:
    """Accuracy of always predicting the more frequent class of labels (n,) in {0, 1}."""
    share = np.asarray(labels).mean()
    return float(max(share, 1 - share))
