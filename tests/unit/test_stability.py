"""Problem 1: course logistic regression, convergence verdicts, modifications, soft-margin SVM."""

import numpy as np
import pytest
from sklearn.svm import LinearSVC

from cs229ps2.problems.gradcheck import numerical_gradient, relative_error
from cs229ps2.problems.separability import max_margin_line
from cs229ps2.problems.stability import convergence, modifications
from cs229ps2.problems.stability import summary as stability_summary
from cs229ps2.problems.stability import svm as stability_svm
from cs229ps2.problems.stability import training as st


def separable_set():
    """Two clusters either side of x0 + x1 = 1, margin about 0.2."""
    rng = np.random.default_rng(0)
    lo = rng.uniform(0, 0.35, size=(10, 2))
    hi = rng.uniform(0.65, 1, size=(10, 2))
    return np.vstack([lo, hi]), np.array([0] * 10 + [1] * 10)


def xor_set():
    """The separable set plus an XOR square in the middle: not separable."""
    x, y = separable_set()
    c = np.array([0.5, 0.5])
    xor = np.array([c + [0.1, 0.1], c - [0.1, 0.1], c + [0.1, -0.1], c - [0.1, -0.1]])
    return np.vstack([x, xor]), np.concatenate([y, [1, 1, 0, 0]])


def course_loop(x, y, cap):
    """The course's code as written (plus a cap): the oracle for bit-exact reproduction."""
    X = np.column_stack([np.ones(len(x)), x])
    theta, i = np.zeros(X.shape[1]), 0
    while i < cap:
        i += 1
        prev = theta
        grad = (y - 1.0 / (1 + np.exp(-X.dot(theta)))).dot(X)
        theta = theta + 0.1 * grad
        if np.linalg.norm(prev - theta) < 1e-15:
            return i, theta, True
    return i, theta, False


def run(x, y, cap, **kw):
    result = st.train(x, y, cap, record=st.trace_iterations(cap, 60), **kw)
    return convergence.run_record(x, y, result)


def test_certificates_on_hand_made_sets():
    assert max_margin_line(*separable_set())["margin"] > 0.1
    assert max_margin_line(*xor_set())["margin"] == pytest.approx(0, abs=1e-9)


def test_gradient_matches_finite_differences():
    x, y = xor_set()
    X = st.add_intercept(x)
    theta = np.array([-1.0, 2.0, 0.5])
    numeric = numerical_gradient(lambda t: st.log_likelihood(t, X, y), theta)
    assert relative_error(st.gradient(theta, X, y), numeric) < 1e-7


def test_numpy_reference_reproduces_the_course_loop_bit_for_bit():
    x, y = xor_set()
    iterations, theta, stopped = course_loop(x, y.astype(float), 100_000)
    result = st.train(x, y, 100_000, compiled=False)
    assert stopped and result["stopped"]
    assert result["iterations"] == iterations
    np.testing.assert_array_equal(result["theta"], theta)


def generated_problem(seed: int):
    """Random 2-D points with noisy linear labels (separable or not, by chance) and a random change."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 60))
    x = rng.normal(size=(n, 2)) * rng.uniform(0.2, 3)
    y = (x @ rng.normal(size=2) + rng.normal(scale=rng.uniform(0, 2), size=n) > 0).astype(float)
    kw = [{}, {"l2": 0.01}, {"learning_rate": 0.5, "decay_power": 3.0}, {"learning_rate": 0.01}][seed % 4]
    if seed % 5 == 0:
        y = y + rng.normal(scale=0.1, size=n)  # soft labels
    return x, y, kw


@pytest.mark.parametrize("seed", range(12))
def test_compiled_loop_matches_the_numpy_reference(seed):
    x, y, kw = generated_problem(seed)
    record = st.trace_iterations(30_000, 40, [7, 7, 250_000])
    fast = st.train(x, y, 30_000, record=record, **kw)
    ref = st.train(x, y, 30_000, record=record, compiled=False, **kw)
    assert fast["stopped"] == ref["stopped"]
    assert abs(fast["iterations"] - ref["iterations"]) <= 1e-3 * ref["iterations"] + 1
    np.testing.assert_allclose(fast["theta"], ref["theta"], rtol=1e-9, atol=1e-12)
    n = min(len(fast["trace"]["iteration"]), len(ref["trace"]["iteration"]))
    np.testing.assert_array_equal(fast["trace"]["iteration"][: n - 1], ref["trace"]["iteration"][: n - 1])
    np.testing.assert_allclose(fast["trace"]["theta"][:n], ref["trace"]["theta"][:n], rtol=1e-9, atol=1e-12)
    assert fast["trace"]["iteration"][-1] == fast["iterations"]  # the final state is recorded


def test_compiled_loop_keeps_the_course_stop_on_the_course_oracle():
    x, y = xor_set()
    iterations, theta, stopped = course_loop(x, y.astype(float), 100_000)
    result = st.train(x, y, 100_000)
    assert stopped and result["stopped"]
    assert abs(result["iterations"] - iterations) <= 5e-3 * iterations  # the last steps are rounding noise
    np.testing.assert_allclose(result["theta"], theta, rtol=1e-12)


def test_progress_every_100000_iterations_with_the_current_theta():
    x, y = separable_set()
    seen = []
    result = st.train(x, y, 250_000, progress=lambda t, theta: seen.append((t, theta.copy())))
    assert [t for t, _ in seen] == [100_000, 200_000]
    assert np.linalg.norm(seen[0][1]) < np.linalg.norm(seen[1][1]) < np.linalg.norm(result["theta"])


def test_separable_set_does_not_converge_and_theta_grows():
    rec = run(*separable_set(), 20_000)
    assert not rec["stopped"] and rec["iterations"] == 20_000
    assert not rec["converged"]
    norms = np.array(rec["trace"]["theta_norm"])
    assert np.all(np.diff(norms[10:]) > 0)
    assert rec["decay_exponent"] < 1.2  # steps ~ 1/t: not summable
    assert rec["trace"]["accuracy"][-1] == 1.0


def test_non_separable_set_converges():
    rec = run(*xor_set(), 200_000)
    assert rec["stopped"] and rec["converged"]
    g = st.gradient(np.array(rec["theta"]), st.add_intercept(xor_set()[0]), xor_set()[1])
    assert np.linalg.norm(g) < 1e-10  # a maximiser of the likelihood
    assert rec["trace"]["angle_deg"][-1] == pytest.approx(0, abs=1e-6)


def test_assess_convergence_on_synthetic_traces():
    t = np.unique(np.rint(np.logspace(0, 6, 100)))
    direction = np.array([0.6, 0.8])
    growing = np.log(t)[:, None] * direction  # ||theta|| ~ log t: steps ~ 1/t
    settling = (1 - t**-2.0)[:, None] * direction  # steps ~ t^-3: summable
    assert not convergence.assess_convergence(t, growing)["converged"]
    verdict = convergence.assess_convergence(t, settling)
    assert verdict["converged"] and verdict["decay_exponent"] == pytest.approx(3, abs=0.2)


@pytest.mark.parametrize(
    ("kind", "value", "converges"),
    [
        ("lr", 1.0, False),
        ("scale", 10.0, False),
        ("decay", 0.1, True),
        ("l2", 0.05, True),
    ],
)
def test_modifications_on_separable_data(kind, value, converges):
    x, y = separable_set()
    problem = modifications.apply_modification(x, y, kind, value)
    rec = run(problem.pop("x"), problem.pop("y"), 20_000, **problem)
    assert rec["converged"] is converges


def test_l2_fixed_point_is_the_penalised_maximiser():
    x, y = separable_set()
    rec = run(x, y, 50_000, l2=0.05)
    X, theta = st.add_intercept(x), np.array(rec["theta"])
    assert np.linalg.norm(st.gradient(theta, X, y) - 2 * 0.05 * theta) < 1e-9


def test_noise_modifications_use_the_seed():
    x, y = separable_set()
    a = modifications.apply_modification(x, y, "xnoise", 0.1, seed=3)["x"]
    b = modifications.apply_modification(x, y, "xnoise", 0.1, seed=3)["x"]
    np.testing.assert_array_equal(a, b)
    soft = modifications.apply_modification(x, y, "ynoise", 0.2, seed=3)["y"]
    assert np.std(soft - y) == pytest.approx(0.2, rel=0.5) and not np.array_equal(soft, y)


@pytest.mark.parametrize(("kind", "value"), [("l2", 0.05), ("xnoise", 0.3)])
def test_modification_report_takes_everything_from_the_run_record(kind, value):
    x, y = separable_set()
    problem = modifications.apply_modification(x, y, kind, value, seed=1)
    mx, my = problem.pop("x"), problem.pop("y")
    rec = run(mx, my, 5_000, **problem)
    row = modifications.modification_report(kind, value, mx, my, rec)
    assert row["modification"] == modifications.modification_name(kind, value)
    assert (row["converged"], row["stopped"], row["theta_norm"]) == (
        rec["converged"],
        rec["stopped"],
        rec["theta_norm"],
    )
    because = stability_summary.reason(row)
    assert f"p = {rec['decay_exponent']:.2f}" in because
    if kind == "xnoise":
        margin = max_margin_line(mx, my)["margin"]
        assert f"LP margin of the noisy data: {max(margin, 0):.3g})" in because
        assert "-0)" not in because
    assert not because.startswith(stability_summary.UNEXPECTED)


def test_recession_slope():
    x, y = separable_set()
    assert convergence.recession_slope(x, y) == pytest.approx(0, abs=1e-9)  # hard labels: never positive
    assert convergence.recession_slope(x, np.where(y == 1, 1.2, -0.2)) > 0.1  # labels beyond 0/1: unbounded
    assert convergence.recession_slope(x, np.where(y == 1, 0.8, 0.2)) == pytest.approx(0, abs=1e-9)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("make", [separable_set, xor_set])
@pytest.mark.parametrize("c", [0.5, 10.0])
def test_svm_matches_liblinear(make, c):
    """liblinear solves the same problem but may stop short of the optimum (its sweep order
    is random), so: ours is at least as good, and liblinear's point lies within the distance
    its own excess objective allows (the objective is 1-strongly convex in (w, b))."""
    x, y = make()
    svm = stability_svm.fit_svm(x, y, c=c, max_epochs=20_000, tol=1e-10)
    assert svm["converged"]
    assert svm["trace"]["gap"][-1] < 1e-7 * max(1.0, svm["trace"]["primal"][-1])
    oracle = LinearSVC(C=c, loss="hinge", dual=True, tol=1e-12, max_iter=100_000, random_state=0).fit(x, y)
    xa, s = np.column_stack([x, np.ones(len(x))]), 2.0 * y - 1.0
    ours = np.append(svm["w"], svm["b"])
    theirs = np.append(oracle.coef_[0], oracle.intercept_[0])
    primal_ours = stability_svm.svm_objectives(ours, np.zeros(len(x)), xa, s, c)[0]
    excess = stability_svm.svm_objectives(theirs, np.zeros(len(x)), xa, s, c)[0] - primal_ours
    assert excess > -1e-9 * max(1.0, primal_ours)
    assert np.linalg.norm(ours - theirs) <= np.sqrt(2 * max(excess, 0.0) + 2e-7) + 1e-6


def test_trace_iterations():
    grid = st.trace_iterations(1000, 20, extra=[7, 5000])
    assert grid[0] == 1 and grid[-1] == 1000 and 7 in grid and 5000 not in grid
    assert np.all(np.diff(grid) > 0)
