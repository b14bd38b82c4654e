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


def modification_report(
    kind: str, value: float, x: np.ndarray, y: np.ndarray, record: dict, learning_rate: float | None = None
) -> dict:
    """One row of the 1(c) table: the verdicts, the final ||theta|| and the measured evidence.

    x, y: the modified training data; record: the :func:`run_record` of the run on them;
    learning_rate: its constant rate, if it had one. ``case`` names what the theory says of the
    verdict (the summary words it): for xnoise and yflip it adds whether the LP separability
    certificate of the modified data finds a margin ("oscillates" when non-separable data did not
    converge and the rate times :func:`max_curvature` at the end exceeds 2), for ynoise whether
    the :func:`recession_slope` of the soft labels is positive (unbounded). ``evidence`` holds
    those measurements and the trace's displacement exponent and late growth of ||theta||.
    """
    converged = record["converged"]
    case = [kind, converged]
    evidence = {
        "decay_exponent": record["decay_exponent"],
        "norm_growth_last_decade": record["norm_growth_last_decade"],
    }
    if kind in ("xnoise", "yflip"):
        from cs229ps2.problems.separability import max_margin_line  # scipy's LP: only where needed

        margin = max_margin_line(x, (np.asarray(y) >= 0.5).astype(int))["margin"]
        case, evidence["lp_margin"] = [kind, converged, margin > 1e-9], max(margin, 0.0)
        if case[1:] == [False, False] and learning_rate:
            stiffness = learning_rate * max_curvature(record["theta"], x)
            if stiffness > 2:
                case, evidence["stiffness"] = ["oscillates"], stiffness
    if kind == "ynoise":
        slope = recession_slope(x, y)
        case = [kind, converged, slope > 1e-9]
        evidence |= {"recession_slope": slope, "labels_outside": float(np.mean((y < 0) | (y > 1)))}
    return {
        "modification": modification_name(kind, value),
        "kind": kind,
        "value": value,
        "converged": converged,
        "stopped": record["stopped"],
        "theta_norm": record["theta_norm"],
        "case": case,
        "evidence": evidence,
    }
