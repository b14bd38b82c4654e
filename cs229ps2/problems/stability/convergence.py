"""Problem 1: whether a run converged, read from its trace.

Convergence (the problem's footnote: the iterates approach a fixed vector) cannot be
read off a finite run, nor off the course's stop rule (a step can fall below 1e-15
while theta still drifts). :func:`assess_convergence` therefore decides from the tail
of the trace whether the steps are summable: over the last decade of iterations
[T/10, T] it fits the decay exponent p of the step norm, ``||step_t|| ~ t^-p``. If
p > ``min_exponent`` (default 1.5) the remaining movement ``sum_{t>T} ||step_t||`` is
finite and theta has a limit (converged); steps decaying like 1/t (p ~ 1, as on
separable data, where ||theta|| grows like log t) are not summable: not converged.
"""

from __future__ import annotations

import math

import numpy as np

from cs229ps2.problems.maths import add_intercept, mean_log_loss, sigmoid
from cs229ps2.problems.stability.training import COURSE_TOLERANCE, training_accuracy


def describe_trace(trace: dict, x: np.ndarray, y: np.ndarray) -> dict:
    """Add per-record ||theta||, mean log loss, accuracy and angle (degrees) to the final direction.

    trace: as returned by :func:`train`; x (n, d) without intercept; y (n,). Returns a new
    dict of lists (JSON-ready) with keys iteration, theta, theta_norm, step_norm, loss,
    accuracy, angle_deg.
    """
    X = add_intercept(np.asarray(x, dtype=float))
    thetas = trace["theta"]
    norms = np.linalg.norm(thetas, axis=1)
    final = thetas[-1] / norms[-1] if norms[-1] > 0 else np.zeros(thetas.shape[1])
    with np.errstate(invalid="ignore", divide="ignore"):
        cosines = np.where(norms > 0, thetas @ final / np.where(norms > 0, norms, 1.0), 1.0)
    return {
        "iteration": trace["iteration"].tolist(),
        "theta": thetas.tolist(),
        "theta_norm": norms.tolist(),
        "step_norm": np.asarray(trace["step_norm"]).tolist(),
        "loss": mean_log_loss(X @ thetas.T, y).tolist(),
        "accuracy": training_accuracy(thetas, X, np.asarray(y, dtype=float)).tolist(),
        "angle_deg": np.degrees(np.arccos(np.clip(cosines, -1.0, 1.0))).tolist(),
    }


def assess_convergence(iterations, thetas, min_exponent: float = 1.5) -> dict:
    """Decide from the trace's last two decades whether theta has a limit (module docstring).

    iterations (k,) increasing, ending at the final iteration T; thetas (k, d). With the
    displacements D1 = ||theta_T - theta_{T/10}|| and D0 = ||theta_{T/10} - theta_{T/100}||
    (nearest recorded iterations at or below), steps ~ t^-p give D1 / D0 = 10^(1 - p), so
    p = 1 - log10(D1 / D0): p <= 1 (e.g. log growth on separable data) means no limit.
    Displacements, unlike single step norms, are robust to oscillating iterates.
    Returns {"converged", "decay_exponent" (None if infinite or undefined),
    "displacement_last_decade", "norm_growth_last_decade"}. Runs shorter than 100
    iterations count as converged when they stopped with a step below 1e-15.
    """
    t = np.asarray(iterations, dtype=float)
    thetas = np.asarray(thetas, dtype=float)
    last = len(t) - 1
    mid = np.flatnonzero(t <= t[last] / 10)
    first = np.flatnonzero(t <= t[last] / 100)
    if first.size == 0:
        step = float(np.linalg.norm(thetas[last] - thetas[last - 1])) if last else 0.0
        return {
            "converged": step < COURSE_TOLERANCE,
            "decay_exponent": None,
            "displacement_last_decade": None,
            "norm_growth_last_decade": None,
        }
    k, j = mid[-1], first[-1]
    d1 = float(np.linalg.norm(thetas[last] - thetas[k]))
    d0 = float(np.linalg.norm(thetas[k] - thetas[j]))
    if d1 == 0:
        exponent = math.inf
    elif d0 == 0:
        exponent = -math.inf
    else:
        exponent = 1.0 - math.log(d1 / d0) / math.log(t[last] / t[k])
    norms = np.linalg.norm(thetas, axis=1)
    return {
        "converged": bool(exponent > min_exponent),
        "min_exponent": min_exponent,
        "decay_exponent": exponent if math.isfinite(exponent) else None,
        "displacement_last_decade": d1,
        "norm_growth_last_decade": float(norms[last] - norms[k]),
    }


def recession_slope(x: np.ndarray, y: np.ndarray) -> float:
    """max over |v|_inf <= 1 of the log-likelihood's asymptotic slope along v (an LP).

    x: (n, d) inputs without intercept; y: (n,) labels, possibly soft. Along theta = r v,
    r -> inf, loglik / r -> sum_i y_i z_i - max(z_i, 0), z = [1, x] v. A positive maximum
    certifies the log-likelihood is unbounded above (gradient ascent diverges linearly).
    For 0/1 labels the maximum is 0 (separable data are certified by max_margin_line).
    """
    from scipy.optimize import linprog

    X = add_intercept(np.asarray(x, dtype=float))
    n, d = X.shape
    y = np.asarray(y, dtype=float)
    cost = np.concatenate([-(y @ X), np.ones(n)])  # minimise -(y^T X v - sum m)
    a_ub = np.block([[X, -np.eye(n)]])  # X v - m <= 0
    bounds = [(-1, 1)] * d + [(0, None)] * n
    result = linprog(cost, A_ub=a_ub, b_ub=np.zeros(n), bounds=bounds, method="highs")
    if not result.success:  # pragma: no cover - feasible (v = 0) and bounded
        raise RuntimeError(result.message)
    return float(-result.fun)


def max_curvature(theta, x: np.ndarray) -> float:
    """Largest eigenvalue of the log-likelihood's negative Hessian X^T diag(p (1 - p)) X at theta.

    x (n, d) without intercept; theta (d + 1,). Gradient ascent with a constant rate alpha
    can only settle at a maximiser where alpha times this is below 2; above, it oscillates.
    """
    X = add_intercept(np.asarray(x, dtype=float))
    p = sigmoid(X @ np.asarray(theta, dtype=float))
    return float(np.linalg.eigvalsh(X.T @ (X * (p * (1 - p))[:, None]))[-1])


def run_record(x: np.ndarray, y: np.ndarray, result: dict, min_exponent: float = 1.5) -> dict:
    """JSON-ready record of a :func:`train` result on x (n, d), y (n,): the course's verdict
    (``stopped``: the stop rule fired within the cap), the limit verdict ``converged`` of
    :func:`assess_convergence`, iterations, final theta and its norm, and the described trace."""
    trace = describe_trace(result["trace"], x, y)
    verdict = assess_convergence(trace["iteration"], trace["theta"], min_exponent)
    return {
        "stopped": bool(result["stopped"]),
        "iterations": int(result["iterations"]),
        "theta": result["theta"].tolist(),
        "theta_norm": float(np.linalg.norm(result["theta"])),
        **verdict,
        "trace": trace,
    }
