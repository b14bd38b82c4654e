"""Linear separability certificates by linear programming."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog


def max_margin_line(x: np.ndarray, y: np.ndarray) -> dict:
    """Largest t with s_i (w . x_i + b) >= t for all i, subject to |w_j| <= 1, t <= 1.

    x: (n, d) points; y: (n,) labels in {0, 1} (s = 2y - 1). The data are linearly
    separable iff t > 0; then (w, b) separates them with L-infinity-normalised margin
    t. t <= 0 (t = 0 at best for non-separable data) certifies no hyperplane
    separates them strictly. Returns {"separable", "margin", "w", "b"}, with no negative zeros.
    """
    n, d = x.shape
    s = 2.0 * np.asarray(y) - 1.0
    # variables: w (d), b, t; maximise t  <=>  minimise -t
    cost = np.zeros(d + 2)
    cost[-1] = -1.0
    a_ub = np.column_stack([-s[:, None] * x, -s, np.ones(n)])
    bounds = [(-1, 1)] * d + [(None, None), (None, 1)]
    result = linprog(cost, A_ub=a_ub, b_ub=np.zeros(n), bounds=bounds, method="highs")
    if not result.success:  # pragma: no cover - the LP is always feasible and bounded
        raise RuntimeError(result.message)
    solution = result.x + 0.0  # + 0.0 turns the solver's -0.0 (non-separable data: all zero) into 0.0
    w, b, t = solution[:d], solution[d], solution[-1]
    return {"separable": bool(t > 1e-9), "margin": float(t), "w": w.tolist(), "b": float(b)}
