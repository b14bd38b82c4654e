"""Problem 1(d): a soft-margin linear SVM on the stability data, by dual coordinate descent.

Its objective, 1/2 ||w||^2 + C sum of hinge losses, is strongly convex, so it has a unique
finite minimiser whether or not the data are separable; the duality gap certifies it.
"""

from __future__ import annotations

import numpy as np


def svm_objectives(w: np.ndarray, alpha: np.ndarray, xa: np.ndarray, s: np.ndarray, c: float):
    """Primal 1/2 ||w||^2 + C sum hinge and dual sum alpha - 1/2 ||w(alpha)||^2 of the SVM."""
    primal = 0.5 * w @ w + c * np.sum(np.maximum(0.0, 1.0 - s * (xa @ w)))
    v = (alpha * s) @ xa
    return float(primal), float(alpha.sum() - 0.5 * v @ v)


def fit_svm(x: np.ndarray, y: np.ndarray, c: float = 1.0, max_epochs: int = 1000, tol: float = 1e-8) -> dict:
    """Soft-margin linear SVM by dual coordinate descent (Hsieh et al. 2008, L1 hinge loss).

    Minimises 1/2 (||w||^2 + b^2) + C sum_i max(0, 1 - s_i (w . x_i + b)), s = 2y - 1,
    the bias regularised like liblinear (x augmented with a constant 1). x: (n, d);
    y: (n,) in {0, 1}. Coordinates are swept in order; stops when the largest projected
    gradient is below tol or after max_epochs sweeps.
    Returns {"w" (d,), "b", "epochs", "converged", "trace": per epoch lists of theta=[b, w],
    primal, dual, gap, violation}.
    """
    xa = np.column_stack([np.asarray(x, dtype=float), np.ones(len(x))])
    s = 2.0 * np.asarray(y, dtype=float) - 1.0
    q = np.einsum("ij,ij->i", xa, xa)
    alpha = np.zeros(len(xa))
    w = np.zeros(xa.shape[1])
    trace = {"theta": [], "primal": [], "dual": [], "gap": [], "violation": []}
    converged, epochs = False, 0
    for epochs in range(1, max_epochs + 1):  # noqa: B007 - the count is returned
        violation = 0.0
        for i in range(len(xa)):
            g = s[i] * (xa[i] @ w) - 1.0
            pg = min(g, 0.0) if alpha[i] == 0 else max(g, 0.0) if alpha[i] == c else g
            violation = max(violation, abs(pg))
            if pg != 0.0:
                old = alpha[i]
                alpha[i] = min(max(old - g / q[i], 0.0), c)
                w += (alpha[i] - old) * s[i] * xa[i]
        primal, dual = svm_objectives(w, alpha, xa, s, c)
        for key, value in zip(trace, ([w[-1], *w[:-1]], primal, dual, primal - dual, violation)):
            trace[key].append(value if key != "theta" else [float(v) for v in value])
        if violation < tol:
            converged = True
            break
    return {"w": w[:-1].copy(), "b": float(w[-1]), "epochs": epochs, "converged": converged, "trace": trace}
