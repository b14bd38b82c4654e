"""The course's ``spam/svm.py``: the SGD RBF SVM, drawing from numpy's global stream seeded at import."""

import numpy as np

from cs229ps2.problems import spam_svm

SEED = 123  # the course's np.random.seed(123)
OUTER_LOOPS = 10  # passes of M steps

np.random.seed(SEED)  # noqa: NPY002 (the course's legacy global stream)


def svm_train(matrix, labels, radius):
    """Train on word counts (M, V) and labels (M,) in {0, 1}; the state svm_predict takes."""
    kernel = spam_svm.kernel(matrix, matrix, radius)
    alpha = spam_svm.train(kernel, labels, np.random.mtrand._rand, OUTER_LOOPS)
    return {"matrix": np.asarray(matrix), "alpha": alpha}


def svm_predict(state, matrix, radius):
    """Labels (n,) in {0, 1} of word counts (n, V)."""
    return spam_svm.predict(spam_svm.kernel(matrix, state["matrix"], radius), state["alpha"])


def train_and_predict_svm(train_matrix, train_labels, test_matrix, radius):
    """Train on the training counts and labels, then predict the test counts."""
    return svm_predict(svm_train(train_matrix, train_labels, radius), test_matrix, radius)
