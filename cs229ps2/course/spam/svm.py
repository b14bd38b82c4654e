"""The course's ``spam/svm.py``: an RBF-kernel SVM trained by stochastic subgradient descent.

Importing this module seeds numpy's legacy global stream (``np.random.seed(SEED)``), as the
course's module does: :func:`svm_train` draws from that stream, so models trained one after
another draw as the course's script did. The pipeline imports :func:`kernel`, :func:`train`
and :func:`predict` from here and passes its own ``RandomState``; it never draws from the
global stream. numpy and scipy only.
"""

import logging

import numpy as np
from scipy.linalg.blas import daxpy, ddot

SEED = 123  # the course's np.random.seed(123)
OUTER_LOOPS = 10  # passes of M steps

log = logging.getLogger(__name__)

np.random.seed(SEED)  # noqa: NPY002 (the course's legacy global stream)


def kernel(a, b, radius):
    """The RBF kernel (n_a, n_b) of the binarised count rows a (n_a, V) and b (n_b, V).

    exp(-||a_i - b_j||^2 / (2 radius^2)) with x = 1[count > 0]: for 0/1 rows the squared
    distances are whole word counts, from one BLAS product (exact in float32 below 2^24 words;
    a symmetric product when b is a), and the kernel is looked up in a table over every count.
    """
    rows_a = _binary(a)
    rows_b = rows_a if b is a else _binary(b)
    squared = (rows_a @ rows_b.T).astype(np.int32)  # words shared by each pair, exact
    squared *= -2
    squared += rows_a.sum(axis=1, dtype=np.int32)[:, None]
    squared += rows_b.sum(axis=1, dtype=np.int32)[None, :]  # now |a - b|^2
    counts = np.arange(rows_a.shape[1] + 1, dtype=float)  # every possible |a - b|^2
    return np.exp(np.divide(np.negative(counts), 2.0 * radius**2))[squared]


def _binary(matrix):
    """x = 1[count > 0] as a dense float32 matrix (n, V)."""
    return (np.asarray(matrix) > 0).astype(np.float32)


def train(kernel, labels, rng, outer_loops=10, log_every=0):
    """Averaged dual coefficients alpha_avg (M,) from SGD on kernel (M, M); labels (M,) in {0, 1}.

    Draws outer_loops * M uniforms u from rng (a legacy RandomState). Per step t: i = int(u M);
    margin = y_i K[i] alpha; grad = M L K[:, i] alpha_i (L = 1/(64 M)), minus y_i K[:, i] when
    margin < 1; alpha -= grad / sqrt(t + 1). Returns sum_t alpha_t / ((T + 1) M), T = outer_loops M.
    The running sum is kept implicitly: alpha_t = -K c_t, so sum_t alpha_t = -K w with w_i
    accumulating each step's coefficient times the number of sums it enters.
    """
    kernel = np.ascontiguousarray(kernel, dtype=float)
    m = len(labels)
    y = 2.0 * np.asarray(labels, dtype=float) - 1.0
    steps = outer_loops * m
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


def predict(kernel_test_train, alpha_avg):
    """Labels (n,) in {0, 1} from K(test, train) (n, M): 1 when K @ alpha_avg > 0 (0 gives 0)."""
    return (kernel_test_train @ alpha_avg > 0).astype(int)


def svm_train(matrix, labels, radius):
    """Train on word counts (M, V) and labels (M,) in {0, 1}; the state svm_predict takes."""
    alpha = train(kernel(matrix, matrix, radius), labels, np.random.mtrand._rand, OUTER_LOOPS)
    return {"matrix": np.asarray(matrix), "alpha": alpha}


def svm_predict(state, matrix, radius):
    """Labels (n,) in {0, 1} of word counts (n, V)."""
    return predict(kernel(matrix, state["matrix"], radius), state["alpha"])


def train_and_predict_svm(train_matrix, train_labels, test_matrix, radius):
    """Train on the training counts and labels, then predict the test counts."""
    return svm_predict(svm_train(train_matrix, train_labels, radius), test_matrix, radius)
