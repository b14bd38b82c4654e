"""Problem 1(c): the modifications tried on data set B, and what each run's verdict means."""

from __future__ import annotations

import numpy as np

from cs229ps2.problems.stability.convergence import max_curvature, recession_slope
from cs229ps2.problems.stability.training import COURSE_LEARNING_RATE

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
