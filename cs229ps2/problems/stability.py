"""Problem 1(a)-(c): the course's logistic regression, its convergence and its modifications.

The course's trainer (see starter-facts): intercept column of ones prepended, theta = 0,
``theta <- theta + 0.1 * X^T (y - sigmoid(X theta))`` (summed gradient), stop when
``||theta_new - theta_old||_2 < 1e-15``. :func:`train` reproduces it bit for bit (same
operations in the same order, on preallocated buffers) with an iteration cap, and adds
the modifications of 1(c): another constant rate, the rate ``c / t^3``, an L2 penalty.

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
import time

import numpy as np

from cs229ps2.problems.maths import add_intercept, mean_log_loss, sigmoid

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


# ---------------------------------------------------------------- 1(c) modifications

KINDS = ("lr", "decay", "scale", "l2", "xnoise", "ynoise", "yflip")


def modification_name(kind: str, value: float) -> str:
    """Job name of a modification, e.g. ``lr-0.01`` or ``xnoise-0.1``."""
    if kind not in KINDS:
        raise ValueError(f"unknown modification {kind!r}")
    return f"{kind}-{value:g}"


def apply_modification(
    x: np.ndarray,
    y: np.ndarray,
    kind: str,
    value: float,
    seed: int | None = None,
    learning_rate: float | None = COURSE_LEARNING_RATE,
) -> dict:
    """The training problem of one 1(c) modification on data x (n, d), y (n,).

    lr: constant learning rate ``value``; decay: alpha_t = value / t^3; scale: x * value;
    l2: maximise loglik - value * ||theta||^2; xnoise: x + N(0, value^2) (one draw, seed);
    ynoise: soft labels y + N(0, value^2) (one draw, seed; not clipped, so some labels
    leave [0, 1]: this is the literal "zero-mean Gaussian noise on the labels");
    yflip: each 0/1 label flipped with probability ``value`` (one draw, seed). Every kind but
    lr and decay trains with the constant ``learning_rate``; only the noise kinds use the seed.
    Returns keyword arguments of :func:`train` plus x and y.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    out = {"x": x, "y": y, "learning_rate": learning_rate, "decay_power": 0.0, "l2": 0.0}
    if kind == "lr":
        out["learning_rate"] = value
    elif kind == "decay":
        out.update(learning_rate=value, decay_power=3.0)
    elif kind == "scale":
        out["x"] = x * value
    elif kind == "l2":
        out["l2"] = value
    elif kind == "xnoise":
        out["x"] = x + np.random.default_rng(seed).normal(0.0, value, size=x.shape)
    elif kind == "ynoise":
        out["y"] = y + np.random.default_rng(seed).normal(0.0, value, size=y.shape)
    elif kind == "yflip":
        flipped = np.random.default_rng(seed).random(y.shape) < value
        out["y"] = np.where(flipped, 1.0 - y, y)
    else:
        raise ValueError(f"unknown modification {kind!r}")
    return out


UNEXPECTED = "the verdict contradicts the theory for this change: inspect the trace"
EXPLANATIONS = {
    ("lr", False): "a constant rate only rescales time: on separable data the log-likelihood has no "
    "maximiser and its gradient never vanishes at finite theta, so ||theta|| keeps growing",
    ("decay", True): "the steps c/t^3 * grad are summable (the gradient is bounded), so theta stops at a "
    "finite vector: it converges, but to an arbitrary point, not a maximiser",
    ("decay", False): "the steps had not decayed enough within the cap",
    ("scale", False): "scaled data are still linearly separable, so the likelihood still has no maximiser "
    "and ||theta|| still grows without bound",
    ("l2", True): "the penalised objective is strongly concave, so it has a unique finite maximiser and "
    "gradient ascent converges to it",
    ("l2", False): "the penalised run did not settle within the cap (rate too large for the penalty?)",
    ("xnoise", True, False): "the noise made the inputs non-separable, so the likelihood has a finite "
    "maximiser and the iterates reach it",
    ("xnoise", False, False): "the noise made the inputs non-separable, so a finite maximiser exists, but "
    "it is far out and the iterates had not settled within the cap",
    ("xnoise", False, True): "the noisy inputs are still linearly separable, so ||theta|| still diverges",
    ("ynoise", False, True): "with these soft labels the log-likelihood is unbounded above (labels outside "
    "[0, 1] reward ever larger margins), so theta diverges",
    ("ynoise", True, False): "with these soft labels the log-likelihood is bounded and has a finite "
    "maximiser, which the iterates reach",
    (
        "ynoise",
        False,
        False,
    ): "the log-likelihood is bounded, but the iterates had not settled within the cap",
    ("yflip", True, False): "the flipped labels make the data non-separable, so the log-likelihood has a "
    "finite maximiser and the iterates reach it",
    ("yflip", False, False): "the flipped labels make the data non-separable, so a finite maximiser exists, "
    "but the iterates had not settled within the cap",
    "oscillates": "the modified data are non-separable, so a finite maximiser exists, but the constant rate "
    "is too large for the curvature there: gradient ascent overshoots and oscillates around it",
    ("yflip", False, True): "no flip broke separability, so the likelihood still has no maximiser and "
    "||theta|| still diverges",
}


def max_curvature(theta, x: np.ndarray) -> float:
    """Largest eigenvalue of the log-likelihood's negative Hessian X^T diag(p (1 - p)) X at theta.

    x (n, d) without intercept; theta (d + 1,). Gradient ascent with a constant rate alpha
    can only settle at a maximiser where alpha times this is below 2; above, it oscillates.
    """
    X = add_intercept(np.asarray(x, dtype=float))
    p = sigmoid(X @ np.asarray(theta, dtype=float))
    return float(np.linalg.eigvalsh(X.T @ (X * (p * (1 - p))[:, None]))[-1])


def modification_report(
    kind: str, value: float, x: np.ndarray, y: np.ndarray, record: dict, learning_rate: float | None = None
) -> dict:
    """One row of the 1(c) table: the verdicts, the final ||theta|| and the measured reason.

    x, y: the modified training data; record: the :func:`run_record` of the run on them;
    learning_rate: its constant rate, if it had one. For xnoise and yflip the reason cites the
    LP separability certificate of the modified data (and, when non-separable data did not
    converge, the rate times :func:`max_curvature` at the end), for ynoise the
    :func:`recession_slope` of the soft labels (positive: unbounded).
    """
    converged = record["converged"]
    key, fact = (kind, converged), ""
    if kind in ("xnoise", "yflip"):
        from cs229ps2.problems.separability import max_margin_line  # scipy's LP: only where needed

        margin = max_margin_line(x, (np.asarray(y) >= 0.5).astype(int))["margin"]
        data = "noisy" if kind == "xnoise" else "relabelled"
        key, fact = (kind, converged, margin > 1e-9), f" (LP margin of the {data} data: {max(margin, 0):.3g})"
        if key[1:] == (False, False) and learning_rate:
            stiffness = learning_rate * max_curvature(record["theta"], x)
            if stiffness > 2:
                key, fact = (
                    "oscillates",
                    f"{fact[:-1]}; rate x largest curvature at the end = {stiffness:.3g} > 2)",
                )
    if kind == "ynoise":
        slope = recession_slope(x, y)
        outside = float(np.mean((y < 0) | (y > 1)))
        key = (kind, converged, slope > 1e-9)
        fact = f" (asymptotic slope {slope:.3g}; {outside:.0%} of the soft labels lie outside [0, 1])"
    reason = EXPLANATIONS.get(key, UNEXPECTED) + fact
    p, growth = record["decay_exponent"], record["norm_growth_last_decade"]
    measured = "displacement exponent p = " + ("inf" if p is None else f"{p:.2f}") + " over the last decade"
    if growth is not None:
        measured += f", ||theta|| grew by {growth:.3g} in it"
    return {
        "modification": modification_name(kind, value),
        "kind": kind,
        "value": value,
        "converged": converged,
        "stopped": record["stopped"],
        "theta_norm": record["theta_norm"],
        "reason": f"{reason}; measured: {measured}",
    }


# ---------------------------------------------------------------- records and figures


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
