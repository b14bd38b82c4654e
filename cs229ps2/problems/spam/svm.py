"""Problem 2(d): the course's RBF-kernel SVM, reproduced (stochastic subgradient descent).

Training follows the course's svm.py step for step (see starter-facts): features
binarised, labels in {-1, +1}, alpha updated 10*M times at indices i = int(u * M),
u from numpy's legacy ``RandomState`` stream, and the running sum of alpha averaged.
The course drew every model from one stream seeded once (123); :func:`course_stream`
fast-forwards a fresh stream past the draws of the models trained before, so one job
per model gives the same result as the course's sequential script.

The algorithm (:func:`kernel`, :func:`train`, :func:`predict`) is the course module's,
:mod:`cs229ps2.course.spam.svm`, imported here (importing it seeds numpy's global stream, as the
course's module does; the pipeline draws from its own ``RandomState``). What is pipeline-only
stays here: the stream fast-forward, the memory check, the sparse binarisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from cs229ps2.course.spam.svm import kernel, predict, train
from cs229ps2.problems.memory import require_memory

if TYPE_CHECKING:
    pass


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


def memory_needed(m: int, n: int, words: int) -> int:
    """Bytes :func:`train_and_predict` needs at most on m training and n test rows of ``words``
    counts: the (m, m) and (n, m) kernels in float64 with their float32 products (then int32
    distances), the 0/1 rows."""
    return 12 * m * (m + n) + 4 * words * (m + n)


def check_memory(train_matrix, test_matrix, limit_gb: float) -> None:
    """Stop (:class:`~cs229ps2.problems.memory.MemoryLimitError`) before fitting on train_matrix
    (M, V) and scoring test_matrix (n, V) if that needs more than limit_gb GiB."""
    (m, words), n = np.shape(train_matrix), len(test_matrix)
    require_memory(memory_needed(m, n, words), limit_gb, f"the SVM's {m} x {m} kernel ({n} rows to score)")


def train_and_predict(
    train_matrix, train_labels, test_matrix, radius: float, rng, outer_loops: int = 10, log_every: int = 0
):
    """Fit on (train_matrix (M, V), train_labels (M,)) and predict test_matrix (n, V).

    Returns (predictions (n,), alpha_avg (M,)).
    """
    alpha_avg = train(kernel(train_matrix, train_matrix, radius), train_labels, rng, outer_loops, log_every)
    return predict(kernel(test_matrix, train_matrix, radius), alpha_avg), alpha_avg
