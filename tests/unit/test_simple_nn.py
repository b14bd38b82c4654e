"""The simple network of problem 5: gradients, step weights and the linear-hidden-layer case."""

import numpy as np
import pytest
from conftest import COURSE_DATA, needs_course_data
from sklearn.linear_model import LogisticRegression

from cs229ps2.pipeline.files import read_points
from cs229ps2.problems.gradcheck import numerical_gradient, relative_error
from cs229ps2.problems.simple_nn import data as nn_data
from cs229ps2.problems.simple_nn import simple_nn as nn


@pytest.fixture(scope="module")
def triangle():
    return nn_data.generate(seed=11, n=200)


@pytest.fixture(scope="module")
def course():
    return read_points(COURSE_DATA / "simple_nn" / "train.csv", columns=nn_data.COLUMNS)


def test_w12_gradient_matches_finite_differences(triangle):
    x, y = triangle
    for seed in range(3):
        w1, w2 = nn.init_weights(seed)
        numeric = numerical_gradient(lambda w, w2=w2: nn.mse_loss(w, w2, x, y), w1)
        assert relative_error(nn.grad_w12(w1, w2, x, y), numeric[1, 1]) < 1e-6
        check = nn.check_w12_gradient(w1, w2, x, y)
        assert check["w12_relative_error"] < 1e-6 and check["all_w1_backprop_relative_error"] < 1e-6


def test_backprop_matches_finite_differences_for_all_weights(triangle):
    x, y = triangle
    w1, w2 = nn.init_weights(3, scale=0.7)
    g1, g2 = nn.gradients(w1, w2, x, y)
    assert relative_error(g1, numerical_gradient(lambda w: nn.mse_loss(w, w2, x, y), w1)) < 1e-6
    assert relative_error(g2, numerical_gradient(lambda w: nn.mse_loss(w1, w, x, y), w2)) < 1e-6
    assert g1[1, 1] == pytest.approx(nn.grad_w12(w1, w2, x, y), rel=1e-12)


def test_training_lowers_the_loss(triangle):
    x, y = triangle
    _, _, losses = nn.train_sigmoid(x, y, seed=0, steps=300, lr=3.0)
    assert losses[-1] < 0.5 * losses[0]


def test_training_takes_loss_and_gradients_from_one_forward_pass_bit_for_bit(triangle):
    """train_sigmoid must equal the plain loop of mse_loss then gradients, bit for bit."""
    x, y = triangle
    w1, w2, losses = nn.train_sigmoid(x, y, seed=5, steps=40, lr=2.0, scale=0.8)
    r1, r2 = nn.init_weights(5, 0.8)
    expected = []
    for _ in range(40):
        expected.append(nn.mse_loss(r1, r2, x, y))
        g1, g2 = nn.gradients(r1, r2, x, y)
        r1, r2 = r1 - 2.0 * g1, r2 - 2.0 * g2
    expected.append(nn.mse_loss(r1, r2, x, y))
    assert losses.tolist() == expected
    assert np.array_equal(w1, r1) and np.array_equal(w2, r2)


def test_line_accuracy_counts_points_above_the_tolerance():
    x = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])
    y = np.array([0, 0, 1, 1])
    assert nn.line_accuracy([1.0, 0.0], -1.0, x, y) == 1.0  # x0 = 1 scores exactly 0: class 0
    assert nn.line_accuracy([1.0, 0.0], -1.0 + 5e-11, x, y) == 1.0  # within the tolerance
    assert nn.line_accuracy([1.0, 0.0], -1.0 + 1e-9, x, y) == 0.75  # beyond it: class 1


def test_step_function_uses_the_tolerance():
    assert nn.step(np.array([-1.0, 0.0, 5e-11, 2e-10, 1.0])).tolist() == [0, 0, 0, 1, 1]


def test_step_weights_use_the_hint_values_and_classify_the_triangle(triangle):
    w1, w2 = nn.step_weights()
    assert set(np.concatenate([w1.ravel(), w2])) <= {-1, -0.5, 0, 1, 3, 4}
    x, y = triangle
    assert nn.accuracy(nn.predict_step(w1, w2, x), y) == 1.0
    grid = np.random.default_rng(0).uniform(-1, 5, size=(5000, 2))
    expected = (~nn_data.inside_triangle(grid)).astype(int)
    assert np.array_equal(nn.predict_step(w1, w2, grid), expected)


def test_linear_hidden_layer_is_a_linear_classifier():
    rng = np.random.default_rng(1)
    x = rng.uniform(-3, 3, size=(500, 2))
    w1, w2 = rng.normal(size=(3, 3)), rng.normal(size=4)
    b = w2[0] + w2[1:] @ w1[0]
    w = w1[1:] @ w2[1:]
    assert np.array_equal(nn.predict_linear(w1, w2, x), (x @ w + b > nn.STEP_TOLERANCE).astype(int))
    lw1, lw2 = nn.line_weights(w, b)
    assert np.array_equal(nn.predict_linear(lw1, lw2, x), nn.predict_linear(w1, w2, x))


def test_triangle_data_is_not_linearly_separable(triangle):
    x, y = triangle
    result = nn.linear_attempts(x, y)
    assert not result["certificate"]["separable"]
    assert result["certificate"]["margin"] <= 1e-9
    best = result["attempts"][result["best"]]["accuracy"]
    assert max(y.mean(), 1 - y.mean()) <= best < 1.0
    assert best <= result["search_bound"] + 1e-12


def test_separable_data_get_a_perfect_line():
    rng = np.random.default_rng(2)
    x = rng.uniform(0, 1, size=(60, 2))
    keep = np.abs(x.sum(axis=1) - 1) > 0.05
    x = x[keep]
    y = (x.sum(axis=1) > 1).astype(int)
    result = nn.linear_attempts(x, y)
    assert result["certificate"]["separable"]
    assert result["attempts"]["pair_search"]["accuracy"] == 1.0


def test_pair_search_is_at_least_as_good_as_a_dense_direction_scan():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(14, 2))
    y = rng.integers(0, 2, size=14)
    angles = np.linspace(0, 2 * np.pi, 3000, endpoint=False)
    best_scan = 0.0
    for a in angles:
        proj = x @ np.array([np.cos(a), np.sin(a)])
        cuts = np.concatenate(
            [[proj.min() - 1], (np.sort(proj)[1:] + np.sort(proj)[:-1]) / 2, [proj.max() + 1]]
        )
        for c in cuts:
            best_scan = max(best_scan, nn.accuracy((proj > c).astype(int), y))
    pair = nn.best_pair_line(x, y)
    assert pair["accuracy"] >= best_scan
    assert pair["accuracy"] <= pair["bound"] + 1e-12


def test_logistic_line_matches_sklearn():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(200, 2))
    y = (x @ [1.0, -2.0] + 0.3 + rng.normal(size=200) > 0).astype(int)
    w, b = nn.logistic_line(x, y, l2=1e-8)
    model = LogisticRegression(C=1e8, tol=1e-12, max_iter=10000).fit(x, y)
    np.testing.assert_allclose(w, model.coef_[0], rtol=1e-4)
    assert b == pytest.approx(model.intercept_[0], rel=1e-4)


@needs_course_data
def test_course_data_step_weights_are_perfect(course):
    x, y = course
    w1, w2 = nn.step_weights()
    assert nn.accuracy(nn.predict_step(w1, w2, x), y) == 1.0


@needs_course_data
def test_course_data_no_line_separates(course):
    x, y = course
    result = nn.linear_attempts(x, y)
    assert not result["certificate"]["separable"]
    assert result["attempts"][result["best"]]["accuracy"] < 1.0


def test_the_course_weight_dicts_hold_the_package_weights():
    w1, w2 = nn.step_weights()
    got1, got2 = nn.weight_arrays(nn.optimal_step_weights())
    np.testing.assert_array_equal(got1, w1)
    np.testing.assert_array_equal(got2, w2)
    assert set(nn.example_weights()) == set(nn.HIDDEN + nn.OUTPUT)
    assert not any(nn.example_weights().values())
