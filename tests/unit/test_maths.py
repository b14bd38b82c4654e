"""The shared maths (cs229ps2.problems.maths) against closed forms and scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.metrics import log_loss
from sklearn.metrics.pairwise import rbf_kernel as sk_rbf

from cs229ps2.problems import maths

POINTS = np.array([[0.0, 0.0], [1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]])


def test_rbf_kernel_closed_form_and_oracle():
    k = maths.rbf_kernel(POINTS, POINTS, 2.0)
    assert k[0, 1] == pytest.approx(np.exp(-5 / 8))
    np.testing.assert_allclose(np.diag(k), 1.0)
    np.testing.assert_allclose(k, sk_rbf(POINTS, gamma=1 / 8), rtol=1e-12)
    assert np.linalg.eigvalsh(k).min() > -1e-12


def test_rbf_kernel_of_sparse_rows_equals_the_dense_one():
    rng = np.random.default_rng(0)
    a, b = (rng.random((12, 30)) < 0.2).astype(float), (rng.random((7, 30)) < 0.2).astype(float)
    dense = maths.rbf_kernel(a, b, 1.5)
    np.testing.assert_array_equal(maths.rbf_kernel(sp.csr_matrix(a), sp.csr_matrix(b), 1.5), dense)
    np.testing.assert_allclose(dense, sk_rbf(a, b, gamma=1 / (2 * 1.5**2)), rtol=1e-12)


def test_mean_log_loss_matches_sklearn_and_stays_finite_when_saturated():
    rng = np.random.default_rng(1)
    z, y = rng.normal(size=50) * 3, rng.integers(0, 2, size=50)
    assert maths.mean_log_loss(z, y) == pytest.approx(log_loss(y, maths.sigmoid(z)), rel=1e-12)
    thetas = rng.normal(size=(4, 50)).T  # one column of logits per theta
    np.testing.assert_allclose(maths.mean_log_loss(thetas, y), [maths.mean_log_loss(c, y) for c in thetas.T])
    assert maths.mean_log_loss(np.array([800.0, -800.0]), np.array([0, 1])) == pytest.approx(800.0)


def test_accuracy_sigmoid_and_intercept():
    assert maths.accuracy([0, 1, 1, 0], [0, 1, 0, 0]) == 0.75
    assert maths.sigmoid(0.0) == 0.5 and maths.sigmoid(-1000.0) == 0.0
    np.testing.assert_array_equal(maths.add_intercept(np.array([[2.0], [3.0]])), [[1.0, 2.0], [1.0, 3.0]])
