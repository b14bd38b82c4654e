"""Problem 1(a)-(c): the course's logistic regression, and the modifications of 1(c) to its update.

The course's trainer (see starter-facts): intercept column of ones prepended, theta = 0,
``theta <- theta + 0.1 * X^T (y - sigmoid(X theta))`` (summed gradient), stop when
``||theta_new - theta_old||_2 < 1e-15``. :func:`train` reproduces it bit for bit (same
operations in the same order, on preallocated buffers) with an iteration cap, and adds
the modifications of 1(c): another constant rate, the rate ``c / t^3``, an L2 penalty.
Whether a run converged is decided in :mod:`.convergence`.
"""

from __future__ import annotations

import math
import time

import numpy as np

from cs229ps2.problems.maths import add_intercept, sigmoid

COURSE_LEARNING_RATE = 0.1
COURSE_TOLERANCE = 1e-15


def log_likelihood(theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """sum_i y_i log p_i + (1 - y_i) log(1 - p_i), p = sigmoid(x theta); x (n, d) with intercept."""
    z = x @ theta
    return float(np.sum(y * z - np.logaddexp(0.0, z)))


def gradient(theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Gradient of :func:`log_likelihood` in theta: (y - sigmoid(x theta))^T x, shape (d,)."""
    return (y - sigmoid(x @ theta)) @ x


def training_accuracy(thetas: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Training accuracy of each row of thetas (k, d): predict 1 when x theta > 0; labels y >= 0.5."""
    return np.mean((x @ thetas.T > 0) == (y[:, None] >= 0.5), axis=0)


def trace_iterations(max_iter: int, n_points: int, extra=()) -> np.ndarray:
    """Sorted unique iterations 1..max_iter on a log grid of about n_points, plus extra ones."""
    grid = np.rint(np.logspace(0, math.log10(max_iter), n_points)).astype(np.int64)
    keep = [t for t in extra if 1 <= t <= max_iter]
    return np.unique(np.concatenate([grid, np.asarray(keep, dtype=np.int64), [max_iter]]))


PROGRESS_EVERY = 100_000  # iterations between progress calls (and between compiled chunks)


def train(
    x: np.ndarray,
    y: np.ndarray,
    max_iter: int,
    learning_rate: float = COURSE_LEARNING_RATE,
    decay_power: float = 0.0,
    l2: float = 0.0,
    tol: float = COURSE_TOLERANCE,
    record=(),
    progress=None,
    compiled: bool = True,
) -> dict:
    """Gradient ascent of the logistic log-likelihood, the course's loop with a cap.

    x: (n, d) inputs WITHOUT intercept; y: (n,) labels (0/1, or soft labels).
    Step t = 1, 2, ...: theta += alpha_t * (X^T (y - p) - 2 l2 theta), alpha_t =
    learning_rate / t^decay_power (decay_power 0: the course's constant rate). Stops when
    ||theta_new - theta_old|| < tol or after max_iter steps. ``record``: iterations at
    which theta and the step norm ||alpha_t grad_t|| are kept (the final one is always).
    ``progress(t, theta)`` is called every 100,000 iterations. ``compiled``: run the steps
    in :func:`cs229ps2.problems.compiled.logistic_ascent` (else :func:`ascent_numpy`, the
    reference; both do the same operations, summed in another order).

    Returns {"stopped", "iterations", "theta" (d + 1,), "trace": {"iteration" (k,),
    "theta" (k, d + 1), "step_norm" (k,)}}.
    """
    X = add_intercept(np.asarray(x, dtype=float))
    Y = np.asarray(y, dtype=float)
    d = X.shape[1]
    wanted = np.array(sorted({int(t) for t in record if 1 <= t <= max_iter}), dtype=np.int64)
    rec_theta, rec_step = np.empty((len(wanted) + 1, d)), np.empty(len(wanted) + 1)
    if compiled:
        from cs229ps2.problems.compiled import logistic_ascent  # numba: only where needed

        steps, data = logistic_ascent, np.ascontiguousarray(X.T)
    else:
        steps, data = ascent_numpy, X
    theta, t, stopped, n_rec = np.zeros(d), 0, False, 0
    settings = (float(learning_rate), float(decay_power), float(l2), float(tol))
    for first in range(1, max_iter + 1, PROGRESS_EVERY):
        last = min(first + PROGRESS_EVERY - 1, max_iter)
        t, stopped, n_rec = steps(data, Y, theta, first, last, *settings, wanted, rec_theta, rec_step, n_rec)
        if stopped:
            break
        if progress is not None and t % PROGRESS_EVERY == 0:
            progress(t, theta)
    iterations = _recorded(wanted, n_rec, t, stopped)
    trace = {"iteration": iterations, "theta": rec_theta[:n_rec], "step_norm": rec_step[:n_rec]}
    return {"stopped": bool(stopped), "iterations": int(t), "theta": theta.copy(), "trace": trace}


def compile_loops() -> float:
    """Compile :func:`train`'s loop for the types it passes (or load it from numba's cache);
    returns the seconds taken."""
    start = time.perf_counter()
    train(np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1]), 3, record=[2])
    return time.perf_counter() - start


def _recorded(wanted: np.ndarray, n_rec: int, t: int, stopped: bool) -> np.ndarray:
    """Iterations of the n_rec records: the first wanted ones, the last one t if the run stopped at t."""
    return np.append(wanted[: n_rec - 1], t) if stopped else wanted[:n_rec].copy()


def ascent_numpy(
    X, Y, theta, first, last, learning_rate, decay_power, l2, tol, record, rec_theta, rec_step, n_rec
):
    """The numpy reference of :func:`cs229ps2.problems.compiled.logistic_ascent` (same
    arguments, except X (n, d) with intercept, not transposed): the course's operations on
    preallocated buffers."""
    Xneg = -X  # X(-theta) == -(X theta) exactly: saves the negation of the course's exp(-z)
    n, d = X.shape
    new, diff, grad, penalty = np.empty(d), np.empty(d), np.empty(d), np.empty(d)
    z, ones = np.empty(n), np.ones(n)
    rate = np.full(d, learning_rate)
    dot, exp, add, recip, sub, mul = np.dot, np.exp, np.add, np.reciprocal, np.subtract, np.multiply
    stopped, t = False, first - 1
    with np.errstate(over="ignore"):  # exp(-z) = inf gives p = 0, as it should
        for t in range(first, last + 1):
            dot(Xneg, theta, out=z)  # -X theta
            exp(z, out=z)
            add(z, ones, out=z)
            recip(z, out=z)  # p = 1 / (1 + exp(-X theta))
            sub(Y, z, out=z)
            dot(z, X, out=grad)  # (y - p)^T X
            if l2:
                mul(theta, 2.0 * l2, out=penalty)
                sub(grad, penalty, out=grad)
            if decay_power:
                rate.fill(learning_rate / float(t) ** decay_power)
            mul(grad, rate, out=grad)  # the step alpha_t * grad
            add(theta, grad, out=new)
            sub(new, theta, out=diff)
            theta[:] = new
            stopped = math.sqrt(dot(diff, diff)) < tol
            if stopped or (n_rec < len(record) and record[n_rec] == t):
                rec_theta[n_rec] = theta
                rec_step[n_rec] = math.sqrt(dot(grad, grad))
                n_rec += 1
            if stopped:
                break
    return t, stopped, n_rec
