"""The course's RBF SVM (cs229ps2.problems.spam.svm): kernel, stream fast-forward, training, prediction."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics.pairwise import rbf_kernel as sk_rbf_kernel

from cs229ps2.problems import maths
from cs229ps2.problems.spam import svm as spam_svm
from tools import oracles


def course_train(matrix, labels, radius, draw):
    """A literal port of the course's training loop (dense, running sum), draw() -> uniform."""
    m = len(labels)
    y = 2 * labels - 1
    x = 1.0 * (matrix > 0)
    squared = np.sum(x * x, axis=1)
    k = np.exp(-(squared.reshape((1, -1)) + squared.reshape((-1, 1)) - 2 * x.dot(x.T)) / (2 * radius**2))
    alpha, alpha_sum, lam = np.zeros(m), np.zeros(m), 1.0 / (64 * m)
    for t in range(10 * m):
        i = int(draw() * m)
        margin = y[i] * np.dot(k[i, :], alpha)
        grad = m * lam * k[:, i] * alpha[i]
        if margin < 1:
            grad -= y[i] * k[:, i]
        alpha -= grad / np.sqrt(t + 1)
        alpha_sum += alpha
    return alpha_sum / ((10 * m + 1) * m)


def toy_counts(seed, n=60, vocabulary=25):
    rng = np.random.default_rng(seed)
    labels = (rng.random(n) < 0.4).astype(int)
    rates = np.where(
        labels[:, None] == 1, np.linspace(0.05, 0.6, vocabulary), np.linspace(0.6, 0.05, vocabulary)
    )
    return rng.poisson(rates), labels


def test_kernel_matches_sklearn_on_binarised_features():
    a, _ = toy_counts(0)
    b, _ = toy_counts(1, n=10)
    for radius in (0.5, 1.0, 3.0):
        expected = sk_rbf_kernel(1.0 * (a > 0), 1.0 * (b > 0), gamma=1 / (2 * radius**2))
        np.testing.assert_allclose(spam_svm.kernel(a, b, radius), expected, rtol=1e-12, atol=1e-300)


def test_kernel_has_the_shared_rbf_kernels_bits_symmetric_or_not():
    a, _ = toy_counts(4, n=40, vocabulary=300)
    b, _ = toy_counts(5, n=7, vocabulary=300)
    rows_a, rows_b = 1.0 * (a > 0), 1.0 * (b > 0)
    for radius in (0.01, 0.1, 1.0, 10.0):
        np.testing.assert_array_equal(spam_svm.kernel(a, a, radius), maths.rbf_kernel(rows_a, rows_a, radius))
        np.testing.assert_array_equal(spam_svm.kernel(b, a, radius), maths.rbf_kernel(rows_b, rows_a, radius))


def test_course_stream_equals_drawing_one_uniform_at_a_time():
    rng = np.random.RandomState(123)
    sequential = [rng.rand() for _ in range(3 * 10 * 7 + 5)]
    skipped = spam_svm.course_stream(123, models_before=3, m=7).random_sample(5)
    np.testing.assert_array_equal(skipped, sequential[-5:])


def test_training_matches_the_course_loop():
    x, y = toy_counts(2)
    rng = np.random.RandomState(123)
    expected = course_train(x, y, 1.0, rng.rand)
    got = spam_svm.train(spam_svm.kernel(x, x, 1.0), y, np.random.RandomState(123))
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-15)


def test_fast_forwarded_jobs_equal_sequential_training_on_one_stream():
    x, y = toy_counts(3)
    radii = [0.3, 1.0, 4.0]
    shared = np.random.RandomState(123)  # the course: one global stream, models in order
    sequential = [course_train(x, y, r, shared.rand) for r in radii]
    for position, radius in enumerate(radii):
        job = spam_svm.train(spam_svm.kernel(x, x, radius), y, spam_svm.course_stream(123, position, len(y)))
        np.testing.assert_allclose(job, sequential[position], rtol=1e-9, atol=1e-15)
    # and the implementation itself gives bit-identical results either way
    shared = np.random.RandomState(123)
    ours = [spam_svm.train(spam_svm.kernel(x, x, r), y, shared) for r in radii]
    np.testing.assert_array_equal(
        ours[2], spam_svm.train(spam_svm.kernel(x, x, 4.0), y, spam_svm.course_stream(123, 2, len(y)))
    )


def test_a_score_of_exactly_zero_predicts_zero():
    x, _ = toy_counts(4, n=5)
    k = spam_svm.kernel(x, x, 1.0)
    np.testing.assert_array_equal(spam_svm.predict(k, np.zeros(5)), 0)
    np.testing.assert_array_equal(spam_svm.predict(np.eye(3), np.array([1e-300, -1.0, 0.0])), [1, 0, 0])


def test_learns_a_separable_toy_problem():
    x, y = toy_counts(5, n=120, vocabulary=40)
    x_test, y_test = toy_counts(6, n=200, vocabulary=40)
    predictions, alpha = spam_svm.train_and_predict(x, y, x_test, 3.0, np.random.RandomState(0))
    assert alpha.shape == (120,)
    assert np.mean(predictions == y_test) > 0.85


@pytest.mark.parametrize("outer_loops", [1, 3])
def test_draws_per_model_is_what_training_consumes(outer_loops):
    x, y = toy_counts(7, n=20)
    rng = np.random.RandomState(9)
    spam_svm.train(spam_svm.kernel(x, x, 1.0), y, rng, outer_loops)
    reference = np.random.RandomState(9)
    reference.random_sample(spam_svm.draws_per_model(20, outer_loops))
    assert rng.rand() == reference.rand()


@pytest.mark.parametrize("seed", range(3))
def test_kernel_equals_the_shared_rbf_kernel_bit_for_bit(seed):
    from cs229ps2.problems.maths import rbf_kernel

    a, _ = toy_counts(seed, n=40, vocabulary=300)
    b, _ = toy_counts(seed + 10, n=17, vocabulary=300)
    for radius in (0.01, 0.1, 1.0, 10.0):
        expected = rbf_kernel(oracles.binarize(a), oracles.binarize(b), radius)
        np.testing.assert_array_equal(spam_svm.kernel(a, b, radius), expected)


def test_memory_guard_stops_before_the_kernel_with_sizes_and_limit():
    from cs229ps2.problems.memory import MemoryLimitError

    counts = np.zeros((20_000, 3), dtype=np.int64)  # the guard reads shapes only
    need = spam_svm.memory_needed(20_000, 3, 3)
    assert need >= 8 * 20_000**2  # the float64 kernel alone
    with pytest.raises(
        MemoryLimitError, match=r"20000 x 20000 kernel .* needs 4\.47 GiB, more than memory_limit_gb = 2 GiB"
    ):
        spam_svm.check_memory(counts, counts[:3], 2)
    spam_svm.check_memory(counts, counts[:3], 5)  # enough: no error
