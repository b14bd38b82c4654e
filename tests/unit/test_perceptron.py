"""Problem 3: kernels and the kernel perceptron (state = list of (coefficient, point) pairs)."""

import numpy as np

from cs229ps2.problems.perceptron import perceptron as pc
from tools import oracles

POINTS = np.array([[0.0, 0.0], [1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]])


def test_dot_kernel_on_hand_made_points():
    k = pc.dot_kernel(POINTS, POINTS[:2])
    assert k.shape == (4, 2)
    assert k[1, 1] == 5.0 and k[3, 1] == -1.0 and k[2, 0] == 0.0


def test_non_psd_kernel_and_psd():
    near = POINTS + np.array([1e-9, 0.0])  # allclose-equal to POINTS
    k = pc.non_psd_kernel(POINTS, near)
    np.testing.assert_array_equal(k, -np.eye(4))
    assert pc.non_psd_kernel(POINTS[:1] + 1e-3, POINTS[:1] + 2e-3)[0, 0] == 0.0
    assert np.linalg.eigvalsh(pc.non_psd_kernel(POINTS, POINTS)).max() < 0  # not PSD
    assert np.linalg.eigvalsh(pc.make_kernel("rbf", 1.0)(POINTS, POINTS)).min() > -1e-12
    assert np.linalg.eigvalsh(pc.dot_kernel(POINTS, POINTS)).min() > -1e-9


def rings(n, seed):
    rng = np.random.default_rng(seed)
    r = np.where(rng.random(n) < 0.5, rng.uniform(0, 1, n), rng.uniform(2, 3, n))
    a = rng.uniform(0, 2 * np.pi, n)
    return np.column_stack([r * np.cos(a), r * np.sin(a)]), (r < 1.5).astype(int)


def explicit_perceptron(x, y, lr=0.5):
    """The primal algorithm of the problem statement, theta kept explicitly."""
    theta = np.zeros(x.shape[1])
    for x_i, y_i in zip(x, y):
        theta = theta + lr * (y_i - int(theta @ x_i >= 0)) * x_i
    return theta


def test_empty_state_predicts_one():
    assert pc.initial_state() == []
    np.testing.assert_array_equal(pc.predict_points([], pc.dot_kernel, POINTS), 1)


def test_implicit_prediction_equals_explicit_for_dot_kernel():
    x, y = rings(80, 1)
    x = x + np.array([0.5, -0.3])  # the classes are not separable through the origin
    state = pc.train(x, y, pc.dot_kernel)
    assert all(isinstance(coef, float) and point.shape == (2,) for coef, point in state)
    theta = explicit_perceptron(x, y)
    np.testing.assert_allclose(oracles.explicit_theta(state), theta, atol=1e-12)
    queries = np.random.default_rng(2).normal(size=(300, 2))
    np.testing.assert_array_equal(
        pc.predict_points(state, pc.dot_kernel, queries), (queries @ theta >= 0).astype(int)
    )


def test_batched_prediction_equals_point_by_point(monkeypatch):
    x, y = rings(60, 3)
    kernel = pc.make_kernel("rbf", sigma=1.0)
    state = pc.train(x, y, kernel)
    queries = np.random.default_rng(4).normal(size=(50, 2)) * 2
    monkeypatch.setattr(pc, "CHUNK", 7)
    batched = pc.scores(state, kernel, queries)
    single = [sum(c * np.exp(-np.sum((p - q) ** 2) / 2) for c, p in state) for q in queries]
    np.testing.assert_allclose(batched, single, atol=1e-12)


def test_kernels_behave_as_the_problem_says():
    x, y = rings(200, 5)
    xt, yt = rings(200, 6)
    acc = {
        name: np.mean(pc.predict_points(s, k, xt) == yt)
        for name in ("dot", "rbf", "non_psd")
        for k in [pc.make_kernel(name)]
        for s in [pc.train(x, y, k)]
    }
    assert acc["rbf"] > 0.9
    assert acc["dot"] < 0.75
    non_psd = pc.make_kernel("non_psd")
    np.testing.assert_array_equal(
        pc.predict_points(pc.train(x, y, non_psd), non_psd, xt), 1
    )  # unseen points score 0


def test_majority_rate_is_the_share_of_the_larger_class():
    assert pc.majority_rate(np.array([1, 0, 1, 1])) == 0.75
    assert pc.majority_rate(np.array([0, 0, 0, 1, 1])) == 0.6
    assert pc.majority_rate(np.array([1, 1])) == 1.0


def test_the_course_interface_learns_what_the_batched_training_learns():
    """initial_state / update_state / predict with the course's kernels of two points (the state
    changed in place, as its driver calls them) give the batched train's state and predictions."""
    x, y = rings(80, 7)
    xt, _ = rings(40, 8)
    course_kernels = {
        "dot": lambda a, b: float(np.dot(a, b)),
        "rbf": lambda a, b: float(np.exp(-np.sum((np.asarray(a) - b) ** 2) / 2)),
    }
    for name, kernel in course_kernels.items():
        state = pc.initial_state()
        for x_i, y_i in zip(x, y):
            assert pc.update_state(state, kernel, 0.5, x_i, int(y_i)) is None
        batched = pc.train(x, y, pc.make_kernel(name), 0.5)
        assert [beta for beta, _ in state] == [beta for beta, _ in batched], name
        np.testing.assert_array_equal(
            [pc.predict(state, kernel, q) for q in xt], pc.predict_points(batched, pc.make_kernel(name), xt)
        )
