"""Batch normalisation (problem 6): forward pass (7)-(10) and the gradients of 6(a)-(d).

A batch x has shape (m, d) (row i is x^(i)); gamma, beta have shape (d,); dy = dL/dy (m, d)
is the upstream gradient. With xhat = (x - mu) / sqrt(v) and y = gamma * xhat + beta:

(a) dL/dbeta = sum_i dy_i;  dL/dgamma = sum_i dy_i * xhat_i;  dL/dxhat_i = gamma * dy_i.
(b) dL/dv = -1/2 v^{-3/2} * sum_i dL/dxhat_i * (x_i - mu)   (mu held fixed).
(c) dL/dmu = -1/sqrt(v) * sum_i dL/dxhat_i: the chain rule through xhat directly adds
    dL/dv * dv/dmu with dv/dmu = -(2/m) sum_i (x_i - mu) = 0 at the batch mean.
(d) dL/dx_i = dL/dxhat_i / sqrt(v) + 2 (x_i - mu) / m * dL/dv + dL/dmu / m.
All products are elementwise over the d features.
"""

from __future__ import annotations

import numpy as np

from cs229ps2.problems.gradcheck import numerical_gradient, relative_error


def normalize_given(x, mu, v):
    """Equation (9) with mu (d,) and v (d,) given as free variables: xhat (m, d)."""
    return (x - mu) / np.sqrt(v)


def forward(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray):
    """Equations (7)-(10): returns y (m, d) and a cache dict {x, mu, v, xhat, gamma}."""
    x = np.asarray(x, dtype=float)
    mu = x.mean(axis=0)  # (7)
    v = np.mean((x - mu) ** 2, axis=0)  # (8)
    xhat = normalize_given(x, mu, v)  # (9)
    y = gamma * xhat + beta  # (10)
    return y, {"x": x, "mu": mu, "v": v, "xhat": xhat, "gamma": np.asarray(gamma, dtype=float)}


def backward(dy: np.ndarray, cache: dict) -> dict:
    """All gradients of 6(a)-(d) from their closed forms.

    Returns {"beta" (d,), "gamma" (d,), "xhat" (m, d), "v" (d,), "mu" (d,), "x" (m, d)}.
    """
    x, mu, v, xhat, gamma = (cache[k] for k in ("x", "mu", "v", "xhat", "gamma"))
    m = x.shape[0]
    d_beta = dy.sum(axis=0)
    d_gamma = (dy * xhat).sum(axis=0)
    d_xhat = dy * gamma
    d_v = -0.5 * v**-1.5 * (d_xhat * (x - mu)).sum(axis=0)
    d_mu = -d_xhat.sum(axis=0) / np.sqrt(v)
    d_x = d_xhat / np.sqrt(v) + 2 * (x - mu) / m * d_v + d_mu / m
    return {"beta": d_beta, "gamma": d_gamma, "xhat": d_xhat, "v": d_v, "mu": d_mu, "x": d_x}


def grad_mu_chain(dy: np.ndarray, cache: dict) -> np.ndarray:
    """dL/dmu (d,) by the full chain rule: the direct path plus dL/dv * dv/dmu (6c's hint)."""
    x, mu, v, gamma = (cache[k] for k in ("x", "mu", "v", "gamma"))
    d_xhat = dy * gamma
    d_v = -0.5 * v**-1.5 * (d_xhat * (x - mu)).sum(axis=0)
    dv_dmu = -2.0 * (x - mu).mean(axis=0)
    return -d_xhat.sum(axis=0) / np.sqrt(v) + d_v * dv_dmu


def grad_x_compact(dy: np.ndarray, cache: dict) -> np.ndarray:
    """dL/dx (m, d) by the usual compact form gamma / (m sqrt(v)) (m dy - sum dy - xhat sum(dy xhat))."""
    v, xhat, gamma = cache["v"], cache["xhat"], cache["gamma"]
    m = xhat.shape[0]
    return gamma / (m * np.sqrt(v)) * (m * dy - dy.sum(axis=0) - xhat * (dy * xhat).sum(axis=0))


def probe_loss(y: np.ndarray, weights: np.ndarray) -> float:
    """A smooth scalar loss of the outputs for gradient checks: sum(weights * sin(y))."""
    return float(np.sum(weights * np.sin(y)))


def probe_loss_grad(y: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """dL/dy (m, d) of :func:`probe_loss`."""
    return weights * np.cos(y)


def random_batch(rng, m: int, d: int) -> dict:
    """A random problem: x (m, d) with per-feature scales and offsets, gamma, beta (d,), weights (m, d)."""
    scale = rng.uniform(0.5, 3.0, size=d)
    x = rng.normal(size=(m, d)) * scale + rng.normal(size=d)
    return {
        "x": x,
        "gamma": rng.normal(size=d),
        "beta": rng.normal(size=d),
        "weights": rng.normal(size=(m, d)),
    }


def check_gradients(problem: dict, eps: float = 1e-6) -> dict:
    """Relative errors of every closed-form gradient against central finite differences.

    problem: {x (m, d), gamma, beta (d,), weights (m, d)} (see :func:`random_batch`); the
    loss is :func:`probe_loss`. Each variable is perturbed in the computation graph of
    (7)-(10): xhat and v as free inputs downstream (mu fixed for v), mu with v = v(mu) as
    in 6(c)'s hint. Also compares (c) with the full chain rule and (d) with the compact form.
    Returns {name: relative error}.
    """
    x, gamma, beta, weights = (problem[k] for k in ("x", "gamma", "beta", "weights"))
    y, cache = forward(x, gamma, beta)
    dy = probe_loss_grad(y, weights)
    grads = backward(dy, cache)
    mu, v = cache["mu"], cache["v"]

    def loss_of_xhat(xhat):
        return probe_loss(gamma * xhat + beta, weights)

    numeric = {
        "beta": numerical_gradient(lambda b: probe_loss(forward(x, gamma, b)[0], weights), beta, eps),
        "gamma": numerical_gradient(lambda g: probe_loss(forward(x, g, beta)[0], weights), gamma, eps),
        "xhat": numerical_gradient(loss_of_xhat, cache["xhat"], eps),
        "v": numerical_gradient(lambda vv: loss_of_xhat(normalize_given(x, mu, vv)), v, eps),
        "mu": numerical_gradient(
            lambda mm: loss_of_xhat(normalize_given(x, mm, np.mean((x - mm) ** 2, axis=0))), mu, eps
        ),
        "x": numerical_gradient(lambda xx: probe_loss(forward(xx, gamma, beta)[0], weights), x, eps),
    }
    errors = {f"{name}_vs_finite_differences": relative_error(grads[name], numeric[name]) for name in numeric}
    errors["mu_form_c_vs_chain_rule"] = relative_error(grads["mu"], grad_mu_chain(dy, cache))
    errors["x_form_d_vs_compact_form"] = relative_error(grads["x"], grad_x_compact(dy, cache))
    return errors


def check_many(seed: int, shapes, trials: int, eps: float = 1e-6) -> list[dict]:
    """:func:`check_gradients` on `trials` random batches of each (m, d) in shapes, one seeded stream.

    Returns rows {"m", "d", "trial", "check", "relative_error"}.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for m, d in shapes:
        for trial in range(trials):
            errors = check_gradients(random_batch(rng, m, d), eps)
            rows += [
                {"m": m, "d": d, "trial": trial, "check": name, "relative_error": err}
                for name, err in errors.items()
            ]
    return rows
