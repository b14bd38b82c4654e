"""Independent references the tests and the benchmark compare the package with; never used by
the pipeline (the package computes the same things another way)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from cs229ps2.problems.spam import embeddings


def embed(encoder, messages, batch_size: int = 16) -> np.ndarray:
    """Embeddings, float32 (n, dim), of the messages in order, in one process (the pipeline
    encodes shards in parallel jobs and gathers them)."""
    texts = embeddings.distinct(messages)
    table = embeddings.gather(len(texts), [embeddings.embed_shard(encoder, texts, batch_size)])
    return embeddings.lookup(messages, texts, table)


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarities (n_a, n_b) of the rows of a (n_a, d) and b (n_b, d)."""
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return a @ b.T


def binarize(matrix) -> sp.csr_matrix:
    """x = 1[count > 0] as a sparse float matrix (n, V), the form scikit-learn's kernels take."""
    return sp.csr_matrix((np.asarray(matrix) > 0).astype(float))


def explicit_theta(state: list) -> np.ndarray:
    """The dot-kernel perceptron's state as an explicit theta = sum_k beta_k x_k, shape (d,)."""
    return sum((coef * point for coef, point in state), np.zeros(len(state[0][1]) if state else 0))


def ridge_direct(x: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """Ridge solution (d,) by one pinv of X^T X + alpha I (the package uses one SVD for all alphas)."""
    d = x.shape[1]
    return np.linalg.pinv(x.T @ x + alpha * np.eye(d)) @ (x.T @ y)
