"""MAP estimation with a Gaussian prior (ridge regression) for problem 4(b-d).

Model (4c): y = theta^T x + eps, eps ~ N(0, sigma^2) independent, prior theta ~ N(0, eta^2 I).

4(b). With p(theta | x) = p(theta),
    theta_MAP = argmax log p(y | x, theta) + log p(theta)
              = argmin -log p(y | x, theta) + ||theta||^2 / (2 eta^2),
since -log N(theta; 0, eta^2 I) = ||theta||^2 / (2 eta^2) + const. So the L2 strength of
equation (5) is lambda_opt = 1 / (2 eta^2) (= d / 2 = 250 for eta = 1 / sqrt(d), d = 500).

4(c). -log p(y | X, theta) = ||X theta - y||^2 / (2 sigma^2) + const, so objective (6)
    ||X theta - y||^2 / (2 sigma^2) + lambda ||theta||^2
has gradient (X^T (X theta - y)) / sigma^2 + 2 lambda theta = 0, i.e.
    theta(lambda) = (X^T X + 2 sigma^2 lambda I)^{-1} X^T y,
and at lambda_opt:  theta_MAP = (X^T X + (sigma^2 / eta^2) I)^{-1} X^T y.
The ridge penalty in the usual ||X theta - y||^2 + alpha ||theta||^2 form is alpha = 2 sigma^2 lambda.
At alpha = 0 with X^T X singular (n < d) the Moore-Penrose pseudo-inverse gives the
minimum-norm least-squares solution, the limit alpha -> 0+.

All regularisation strengths of one training set come from one thin SVD X = U diag(s) V^T
(the eigendecomposition X^T X = V diag(s^2) V^T of the Gram matrix, computed without forming it):
    theta(alpha) = V diag(s / (s^2 + alpha)) U^T y.
"""

from __future__ import annotations

import numpy as np

# The course's module constants, which its driver sets before calling ridge_regression.
sigma = 0.5
d = 500
eta = 1 / np.sqrt(d)
scale_list = [0, 1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4]
n_list = list(range(200, 801, 50))


def ridge_regression(train_path, validation_path) -> list[float]:
    """4(d) as the course's driver calls it: the validation MSE of the MAP estimate for each
    lambda = scale * lambda_opt of ``scale_list``, trained on one of the course's files."""
    from cs229ps2.course.bayesianreg.util import load_dataset

    x, y = load_dataset(train_path)
    x_val, y_val = load_dataset(validation_path)
    alphas = ridge_alpha(np.asarray(scale_list) * lambda_opt(eta), sigma)
    return list(validation_mse(x, y, x_val, y_val, alphas))


def lambda_opt(eta: float) -> float:
    """The Bayes-optimal strength of objective (6) for the prior N(0, eta^2 I): 1 / (2 eta^2)."""
    return 1.0 / (2.0 * eta**2)


def ridge_alpha(lam, sigma: float):
    """Objective (6)'s lambda as the penalty alpha of ||X theta - y||^2 + alpha ||theta||^2."""
    return 2.0 * sigma**2 * np.asarray(lam, dtype=float)


def spectrum(x: np.ndarray, rtol: float | None = None):
    """Thin SVD of x (n, d) without negligible directions: (u (n, k), s (k,), vt (k, d)).

    Singular values <= rtol * max(s) (default max(n, d) * machine epsilon, numpy's pinv
    rule) are dropped, so alpha = 0 gives the pseudo-inverse solution.
    """
    u, s, vt = np.linalg.svd(np.asarray(x, dtype=float), full_matrices=False)
    if rtol is None:
        rtol = max(x.shape) * np.finfo(float).eps
    keep = s > rtol * s.max(initial=0.0)
    return u[:, keep], s[keep], vt[keep]


def condition_number(svd) -> float:
    """s_max / s_min of a :func:`spectrum`: how much the (pseudo-)inverse amplifies rounding
    errors, so the relative error a solve (and an MSE from it) may carry is about this times
    the machine epsilon."""
    _, s, _ = svd
    return float(s.max() / s.min())


def fit_path(x: np.ndarray, y: np.ndarray, alphas, svd=None) -> np.ndarray:
    """Ridge solutions theta (d, m) for penalties alphas (m,), all from one SVD of x (n, d).

    svd: :func:`spectrum` of x when the caller already has it.
    """
    u, s, vt = svd or spectrum(x)
    alphas = np.atleast_1d(np.asarray(alphas, dtype=float))
    shrink = s[:, None] / (s[:, None] ** 2 + alphas[None, :])  # (k, m)
    return vt.T @ (shrink * (u.T @ y)[:, None])


def validation_mse(x: np.ndarray, y: np.ndarray, x_val: np.ndarray, y_val: np.ndarray, alphas, svd=None):
    """Validation MSE (1/n_v) ||X_v theta(alpha) - y_v||^2 for each alpha: shape (m,)."""
    thetas = fit_path(x, y, alphas, svd)
    residuals = x_val @ thetas - y_val[:, None]
    return np.mean(residuals**2, axis=0)


def expected_mse(x: np.ndarray, alphas, sigma: float, eta: float, svd=None) -> np.ndarray:
    """Expected validation MSE of ridge under the generative model, for fixed training x (n, d).

    Expectation over theta ~ N(0, eta^2 I), training noise N(0, sigma^2 I), a fresh
    x' ~ N(0, I_d) and its noise: sigma^2 + E||theta_hat - theta||^2 with
        E||theta_hat - theta||^2 = eta^2 [(d - k) + sum_i (alpha / (s_i^2 + alpha))^2]
                                   + sigma^2 sum_i s_i^2 / (s_i^2 + alpha)^2,
    s the k nonzero singular values of x. Returns shape (m,) for alphas (m,).
    """
    _, s, _ = svd or spectrum(x)
    d = x.shape[1]
    alphas = np.atleast_1d(np.asarray(alphas, dtype=float))
    s2 = s[:, None] ** 2
    bias = eta**2 * ((d - len(s)) + np.sum((alphas / (s2 + alphas)) ** 2, axis=0))
    variance = sigma**2 * np.sum(s2 / (s2 + alphas) ** 2, axis=0)
    return sigma**2 + bias + variance


def is_monotone_decreasing(values, rtol: float = 0.0) -> bool:
    """True if values never increase from one entry to the next (by more than rtol relative)."""
    v = np.asarray(values, dtype=float)
    return bool(np.all(v[1:] <= v[:-1] * (1 + rtol)))


def log_grid(low: float, high: float, points: int) -> np.ndarray:
    """points log-spaced values from low to high inclusive."""
    return np.geomspace(low, high, points)


def sweep(x, y, x_val, y_val, multipliers, sigma: float, eta: float, svd=None) -> dict:
    """Measured and expected validation MSE of one training set for lambda = multiplier * lambda_opt.

    x (n, d), y (n,), x_val (n_v, d), y_val (n_v,); multipliers (m,). Returns
    {"multiplier", "lambda", "alpha", "mse", "expected_mse"}, lists of length m. One SVD
    of x serves every multiplier (svd: :func:`spectrum` of x, computed here if not given).
    """
    svd = svd or spectrum(x)
    multipliers = np.asarray(multipliers, dtype=float)
    lam = multipliers * lambda_opt(eta)
    alphas = ridge_alpha(lam, sigma)
    return {
        "multiplier": multipliers.tolist(),
        "lambda": lam.tolist(),
        "alpha": alphas.tolist(),
        "mse": validation_mse(x, y, x_val, y_val, alphas, svd).tolist(),
        "expected_mse": expected_mse(x, alphas, sigma, eta, svd).tolist(),
    }


def prior_sd(eta: float | None, d: int) -> float:
    """The prior's standard deviation eta: the given value, or 1 / sqrt(d) when None."""
    return float(eta) if eta is not None else 1.0 / np.sqrt(d)


# --- Aggregation over training sets and figures (problem 4(d) report) -------------------------


def multiplier_label(multiplier: float) -> str:
    """A readable label of lambda / lambda_opt: '0', '1/32', '2', ..."""
    from fractions import Fraction

    return str(Fraction(multiplier).limit_denominator(1024))


def collect(fits: list[dict]) -> dict:
    """Stack per-training-set sweeps (sorted by n) into arrays.

    Returns {"n" (k,), "multipliers" (m,), "labels" (m,), "mse" (k, m), "expected" (k, m),
    "fine_multipliers" (f,), "fine_mse" (k, f), "fine_expected" (k, f), "lambda_opt",
    "condition" (k,)}.
    """
    fits = sorted(fits, key=lambda f: f["n"])
    return {
        "n": np.array([f["n"] for f in fits]),
        "lambda_opt": fits[0]["lambda_opt"],
        "multipliers": np.array(fits[0]["grid"]["multiplier"]),
        "labels": [multiplier_label(m) for m in fits[0]["grid"]["multiplier"]],
        "mse": np.array([f["grid"]["mse"] for f in fits]),
        "expected": np.array([f["grid"]["expected_mse"] for f in fits]),
        "fine_multipliers": np.array(fits[0]["fine"]["multiplier"]),
        "fine_mse": np.array([f["fine"]["mse"] for f in fits]),
        "fine_expected": np.array([f["fine"]["expected_mse"] for f in fits]),
        "condition": np.array([f["condition_number"] for f in fits]),
    }


def summarize(c: dict, fits: list[dict]) -> dict:
    """summary.json content: lambda_opt, monotonicity per multiplier, best multipliers per n."""
    labels = c["labels"]
    ns = [str(int(n)) for n in c["n"]]
    fine = c["fine_multipliers"]
    return {
        "lambda_opt": c["lambda_opt"],
        "model": {k: fits[0][k] for k in ("sigma", "eta", "d")},
        "multipliers": labels,
        "multiplier_values": dict(zip(labels, c["multipliers"].tolist())),
        "monotone_decreasing_in_n": {
            lab: is_monotone_decreasing(c["mse"][:, k]) for k, lab in enumerate(labels)
        },
        "expected_monotone_decreasing_in_n": {
            lab: is_monotone_decreasing(c["expected"][:, k]) for k, lab in enumerate(labels)
        },
        "best_multiplier_per_n": {n: labels[int(k)] for n, k in zip(ns, np.argmin(c["mse"], axis=1))},
        "best_fine_multiplier_per_n": {
            n: float(fine[k]) for n, k in zip(ns, np.argmin(c["fine_mse"], axis=1))
        },
        "expected_best_fine_multiplier_per_n": {
            n: float(fine[k]) for n, k in zip(ns, np.argmin(c["fine_expected"], axis=1))
        },
        "validation_mse": {n: dict(zip(labels, row.tolist())) for n, row in zip(ns, c["mse"])},
        "condition_number": dict(zip(ns, c["condition"].tolist())),
    }
