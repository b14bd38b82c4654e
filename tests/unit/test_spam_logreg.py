"""The course's logistic regression on deep features (cs229ps2.problems.spam.logreg)."""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.linear_model import LogisticRegression

from cs229ps2.problems import maths
from cs229ps2.problems.gradcheck import numerical_gradient, relative_error
from cs229ps2.problems.spam import logreg as spam_logreg
from cs229ps2.problems.stability.training import log_likelihood


def overlapping(seed, n=200, d=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    y = (x @ np.array([1.5, -2.0, 0.5])[:d] + rng.normal(size=n) > 0).astype(int)
    return x, y


def test_first_step_is_the_summed_gradient_of_the_log_likelihood():
    x, y = overlapping(0)
    fit = spam_logreg.train(x, y, learning_rate=1e-3, max_iterations=1)
    numeric = numerical_gradient(lambda t: log_likelihood(t, x, y), np.zeros(3), 1e-6)
    assert relative_error(fit["theta"] / 1e-3, numeric) < 1e-7
    assert fit["iterations"] == 1 and fit["status"] == "completed"


def test_converges_to_the_unregularised_maximum_likelihood_without_intercept():
    x, y = overlapping(1)
    fit = spam_logreg.train(x, y, learning_rate=1e-3, max_iterations=5000)
    oracle = LogisticRegression(C=np.inf, fit_intercept=False, tol=1e-12, max_iter=10000).fit(x, y)
    np.testing.assert_allclose(fit["theta"], oracle.coef_[0], rtol=1e-4)
    np.testing.assert_array_equal(spam_logreg.predict(fit["theta"], x), oracle.predict(x))


def test_stops_early_on_nan_loss_without_warnings():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(100, 2)) * 50
    y = (x[:, 0] > 0).astype(int)  # separable: a large rate saturates sigmoid to exactly 0 or 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = spam_logreg.train(x, y, learning_rate=10.0, max_iterations=1000)
        predictions = spam_logreg.predict(fit["theta"], x)
    assert fit["status"] == "nan_loss"
    assert 0 < fit["iterations"] < 1000
    assert np.isnan(course_log_loss(maths.sigmoid(x @ fit["theta"]), y))
    assert np.mean(predictions == y) > 0.9


def course_log_loss(p, y):
    """The course's loss, literally: -mean(y log p + (1 - y) log(1 - p))."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def test_stop_rule_is_exactly_a_nan_course_loss():
    rng = np.random.default_rng(3)
    values = np.array([0.0, 1.0, np.nan, 0.5, 1e-300, 1 - 1e-16, 0.3])
    for _ in range(2000):
        n = int(rng.integers(1, 5))
        p, y = rng.choice(values, size=n), rng.integers(0, 2, size=n).astype(float)
        assert spam_logreg.course_loss_is_nan(p, y) == np.isnan(course_log_loss(p, y)), (p, y)


def test_non_finite_theta_is_reported_as_diverged():
    x = np.array([[1e200, 1e200], [-1e200, 1e200]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = spam_logreg.train(x, np.array([1, 0]), learning_rate=1e200, max_iterations=5)
    assert fit["status"] == "diverged"


def test_predict_needs_probability_above_one_half():
    x = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
    np.testing.assert_array_equal(spam_logreg.predict(np.zeros(2), x), [0, 0, 0])
    np.testing.assert_array_equal(spam_logreg.predict(np.array([1.0, 0.0]), x), [1, 0, 0])
