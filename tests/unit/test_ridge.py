"""Ridge / MAP estimation of problem 4: closed forms against independent solvers."""

import numpy as np
import pytest
from scipy import optimize, stats
from sklearn.linear_model import LinearRegression, Ridge

from cs229ps2.problems.doubledescent import doubledescent as ridge
from tools import oracles

MULTIPLIERS = [0, 1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4]


def make_data(seed, n, d, sigma=0.5, n_val=50):
    rng = np.random.default_rng(seed)
    theta = rng.normal(0, 1 / np.sqrt(d), size=d)
    x, x_val = rng.normal(size=(n, d)), rng.normal(size=(n_val, d))
    return x, x @ theta + rng.normal(0, sigma, n), x_val, x_val @ theta + rng.normal(0, sigma, n_val)


def test_lambda_opt_is_one_over_two_eta_squared():
    assert ridge.lambda_opt(1 / np.sqrt(500)) == pytest.approx(250.0)
    assert ridge.lambda_opt(0.1) == pytest.approx(50.0)
    assert ridge.prior_sd(None, 500) == pytest.approx(1 / np.sqrt(500))
    assert ridge.prior_sd(0.3, 500) == 0.3


def test_map_maximises_the_posterior():
    """theta(lambda_opt) is the argmax of log N(y; X theta, sigma^2) + log N(theta; 0, eta^2 I)."""
    x, y, _, _ = make_data(1, n=12, d=6)
    sigma, eta = 0.5, 0.4

    def neg_log_posterior(theta):
        return -(stats.norm.logpdf(y, x @ theta, sigma).sum() + stats.norm.logpdf(theta, 0, eta).sum())

    numeric = optimize.minimize(neg_log_posterior, np.zeros(6), method="BFGS", options={"gtol": 1e-10}).x
    alpha = ridge.ridge_alpha(ridge.lambda_opt(eta), sigma)
    assert alpha == pytest.approx(sigma**2 / eta**2)
    np.testing.assert_allclose(ridge.fit_path(x, y, [alpha])[:, 0], numeric, atol=1e-6)


def test_zero_multiplier_with_more_rows_than_features_is_least_squares():
    x, y, _, _ = make_data(2, n=80, d=30)
    theta = ridge.fit_path(x, y, [0.0])[:, 0]
    np.testing.assert_allclose(theta, np.linalg.lstsq(x, y, rcond=None)[0], atol=1e-10)
    np.testing.assert_allclose(theta, LinearRegression(fit_intercept=False).fit(x, y).coef_, atol=1e-10)


def test_zero_multiplier_with_fewer_rows_is_the_minimum_norm_solution():
    x, y, _, _ = make_data(3, n=20, d=50)
    theta = ridge.fit_path(x, y, [0.0])[:, 0]
    np.testing.assert_allclose(theta, np.linalg.pinv(x) @ y, atol=1e-10)
    np.testing.assert_allclose(x @ theta, y, atol=1e-9)  # interpolates


@pytest.mark.parametrize("n", [20, 50, 80])
def test_every_multiplier_agrees_with_a_direct_solve_and_sklearn(n):
    sigma, d = 0.5, 50
    x, y, _, _ = make_data(4, n=n, d=d, sigma=sigma)
    eta = 1 / np.sqrt(d)
    alphas = ridge.ridge_alpha(np.array(MULTIPLIERS) * ridge.lambda_opt(eta), sigma)
    path = ridge.fit_path(x, y, alphas)
    for k, alpha in enumerate(alphas):
        np.testing.assert_allclose(path[:, k], oracles.ridge_direct(x, y, alpha), atol=1e-8)
        if alpha > 0:
            coef = Ridge(alpha=alpha, fit_intercept=False, solver="cholesky").fit(x, y).coef_
            np.testing.assert_allclose(path[:, k], coef, atol=1e-8)


def test_validation_mse_is_the_mean_squared_residual():
    x, y, x_val, y_val = make_data(5, n=40, d=30)
    alphas = [0.0, 1.0, 10.0]
    mse = ridge.validation_mse(x, y, x_val, y_val, alphas)
    for k, alpha in enumerate(alphas):
        assert mse[k] == pytest.approx(
            np.mean((x_val @ oracles.ridge_direct(x, y, alpha) - y_val) ** 2), rel=1e-9
        )


@pytest.mark.parametrize("n", [15, 20, 30])
def test_expected_mse_matches_monte_carlo(n):
    """sigma^2 + E||theta_hat - theta||^2 over theta and noise, for a fixed training X."""
    d, sigma, eta, draws = 20, 0.5, 1 / np.sqrt(20), 4000
    rng = np.random.default_rng(6)
    x = rng.normal(size=(n, d))
    alphas = np.array([0.0, 0.5, 5.0, 50.0])
    u, s, vt = ridge.spectrum(x)
    theta = rng.normal(0, eta, size=(d, draws))
    y = x @ theta + rng.normal(0, sigma, size=(n, draws))
    errors = []
    for alpha in alphas:
        theta_hat = vt.T @ ((s / (s**2 + alpha))[:, None] * (u.T @ y))
        errors.append(sigma**2 + np.mean(np.sum((theta_hat - theta) ** 2, axis=0)))
    np.testing.assert_allclose(ridge.expected_mse(x, alphas, sigma, eta), errors, rtol=0.05)


def test_expected_mse_is_smallest_at_lambda_opt():
    """The posterior mean is Bayes-optimal: the expected MSE is minimised at alpha = sigma^2 / eta^2."""
    rng = np.random.default_rng(7)
    x = rng.normal(size=(45, 50))
    sigma, eta = 0.5, 1 / np.sqrt(50)
    best = optimize.minimize_scalar(
        lambda t: ridge.expected_mse(x, [np.exp(t)], sigma, eta)[0],
        bounds=(-5, 10),
        method="bounded",
        options={"xatol": 1e-8},
    )
    assert np.exp(best.x) == pytest.approx(sigma**2 / eta**2, rel=1e-3)


def test_sweep_maps_multipliers_to_lambda_and_alpha():
    x, y, x_val, y_val = make_data(8, n=30, d=20)
    out = ridge.sweep(x, y, x_val, y_val, [0.5, 2.0], sigma=0.5, eta=0.1)
    assert out["lambda"] == pytest.approx([25.0, 100.0])
    assert out["alpha"] == pytest.approx([12.5, 50.0])
    assert out["mse"] == pytest.approx(ridge.validation_mse(x, y, x_val, y_val, [12.5, 50.0]).tolist())


def test_monotone_and_labels():
    assert ridge.is_monotone_decreasing([3, 2, 2, 1])
    assert not ridge.is_monotone_decreasing([3, 2, 2.5, 1])
    assert [ridge.multiplier_label(m) for m in (0, 1 / 32, 0.5, 4)] == ["0", "1/32", "1/2", "4"]
