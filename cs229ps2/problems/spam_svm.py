"""Problem 2(d): the course's RBF-kernel SVM, reproduced (stochastic subgradient descent).

Training follows the course's svm.py step for step (see starter-facts): features
binarised, labels in {-1, +1}, alpha updated 10*M times at indices i = int(u * M),
u from numpy's legacy ``RandomState`` stream, and the running sum of alpha averaged.
The course drew every model from one stream seeded once (123); :func:`course_stream`
fast-forwards a fresh stream past the draws of the models trained before, so one job
per model gives the same result as the course's sequential script.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np
from scipy.linalg.blas import daxpy, ddot

from cs229ps2.pipeline.memory import require_memory

if TYPE_CHECKING:
    import scipy.sparse as sp


log = logging.getLogger(__name__)


def draws_per_model(m: int, outer_loops: int = 10) -> int:
    """Uniform draws one training run consumes: outer_loops * m."""
    return outer_loops * m


def course_stream(seed: int, models_before: int, m: int, outer_loops: int = 10) -> np.random.RandomState:
    """A legacy RandomState(seed) advanced past the draws of ``models_before`` models of size m."""
    rng = np.random.RandomState(seed)
    skip = models_before * draws_per_model(m, outer_loops)
    while skip > 0:  # in chunks: bounded memory
        chunk = min(skip, 1 << 20)
        rng.random_sample(chunk)
        skip -= chunk
    return rng


def binarize(matrix) -> sp.csr_matrix:
    """x = 1[count > 0] as a sparse float matrix (n, V)."""
    import scipy.sparse as sp  # only for callers that want it sparse (scikit-learn comparisons)

    return sp.csr_matrix((np.asarray(matrix) > 0).astype(float))


def kernel(a, b, radius: float) -> np.ndarray:
    """The course's kernel: the RBF kernel (n_a, n_b) of the binarised count rows a and b.

    The same numbers as :func:`cs229ps2.problems.maths.rbf_kernel` on the binarised rows: for
    0/1 rows the squared distances are whole word counts, from one BLAS product (exact in
    float32 below 2^24 words; a symmetric product when b is a), and the kernel is looked up in
    a table of exp(-k / (2 radius^2)) over every possible count k.
    """
    rows_a = _binary(a)
    rows_b = rows_a if b is a else _binary(b)
    squared = (rows_a @ rows_b.T).astype(np.int32)  # words shared by each pair, exact
    squared *= -2
    squared += rows_a.sum(axis=1, dtype=np.int32)[:, None]
    squared += rows_b.sum(axis=1, dtype=np.int32)[None, :]  # now |a - b|^2
    counts = np.arange(rows_a.shape[1] + 1, dtype=float)  # every possible |a - b|^2
    return np.exp(np.divide(np.negative(counts), 2.0 * radius**2))[squared]


def _binary(matrix) -> np.ndarray:
    """x = 1[count > 0] as a dense float32 matrix (n, V)."""
    return (np.asarray(matrix) > 0).astype(np.float32)


def memory_needed(m: int, n: int, words: int) -> int:
    """Bytes :func:`train_and_predict` needs at most on m training and n test rows of ``words``
    counts: the (m, m) and (n, m) kernels in float64 with their float32 products (then int32
    distances), the 0/1 rows."""
    return 12 * m * (m + n) + 4 * words * (m + n)


def check_memory(train_matrix, test_matrix, limit_gb: float) -> None:
    """Stop (:class:`~cs229ps2.pipeline.memory.MemoryLimitError`) before fitting on train_matrix
    (M, V) and scoring test_matrix (n, V) if that needs more than limit_gb GiB."""
    (m, words), n = np.shape(train_matrix), len(test_matrix)
    require_memory(memory_needed(m, n, words), limit_gb, f"the SVM's {m} x {m} kernel ({n} rows to score)")


def train(
    kernel: np.ndarray,
    labels: np.ndarray,
    rng: np.random.RandomState,
    outer_loops: int = 10,
    log_every: int = 0,
) -> np.ndarray:
    """Averaged dual coefficients alpha_avg (M,) from the course's SGD on kernel (M, M).

    labels (M,) in {0, 1}. Per step t: i = int(u M); margin = y_i K[i] alpha;
    grad = M L K[:, i] alpha_i (L = 1/(64 M)), minus y_i K[:, i] when margin < 1;
    alpha -= grad / sqrt(t + 1). Returns sum_t alpha_t / ((T + 1) M), T = outer_loops M.
    The running sum is kept implicitly: alpha_t = -K c_t, so sum_t alpha_t = -K w with
    w_i accumulating each step's coefficient times the number of sums it enters.
    """
    kernel = np.ascontiguousarray(kernel, dtype=float)
    m = len(labels)
    y = 2.0 * np.asarray(labels, dtype=float) - 1.0
    steps = draws_per_model(m, outer_loops)
    picks = (rng.random_sample(steps) * m).astype(np.int64)  # int(u * M), drawn as rand() would
    rate = 1.0 / np.sqrt(np.arange(1, steps + 1))
    ml = m * (1.0 / (64 * m))
    alpha = np.zeros(m)
    weight = np.zeros(m)
    for t in range(steps):
        i = picks[t]
        row = kernel[i]
        coef = ml * alpha[i]
        if y[i] * ddot(row, alpha) < 1:
            coef -= y[i]
        if coef != 0.0:
            step = coef * rate[t]
            daxpy(row, alpha, a=-step)  # alpha -= step * K[:, i] (K symmetric), in place
            weight[i] += step * (steps - t)
        if log_every and (t + 1) % log_every == 0:
            log.info("step %d / %d", t + 1, steps)
    return -(kernel @ weight) / ((steps + 1) * m)


def scores(kernel_test_train: np.ndarray, alpha_avg: np.ndarray) -> np.ndarray:
    """Decision scores (n,) = K(test, train) (n, M) @ alpha_avg (M,)."""
    return kernel_test_train @ alpha_avg


def predict(kernel_test_train: np.ndarray, alpha_avg: np.ndarray) -> np.ndarray:
    """Labels (n,) in {0, 1}: 1 when the score is positive (exactly 0 gives 0)."""
    return (scores(kernel_test_train, alpha_avg) > 0).astype(int)


def train_and_predict(
    train_matrix, train_labels, test_matrix, radius: float, rng, outer_loops: int = 10, log_every: int = 0
):
    """Fit on (train_matrix (M, V), train_labels (M,)) and predict test_matrix (n, V).

    Returns (predictions (n,), alpha_avg (M,)).
    """
    alpha_avg = train(kernel(train_matrix, train_matrix, radius), train_labels, rng, outer_loops, log_every)
    return predict(kernel(test_matrix, train_matrix, radius), alpha_avg), alpha_avg
