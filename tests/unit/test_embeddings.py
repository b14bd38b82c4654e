"""Sentence embeddings from the bundled all-MiniLM-L6-v2 (cs229ps2.problems.spam_embeddings)."""

from __future__ import annotations

import numpy as np
import pytest

from cs229ps2.problems import spam_embeddings

SENTENCES = [
    "Congratulations! You have won a free prize, call now to claim it.",
    "You are a winner: phone us today to collect your free reward.",
    "Are we still meeting for lunch tomorrow?",
    "Do you want to grab lunch together tomorrow?",
    "The committee approved the new budget for road repairs.",
]


@pytest.fixture(scope="module")
def model():
    return spam_embeddings.load_model(threads=1, seed=0)


def test_shape_dtype_and_unit_norm(model):
    vectors = spam_embeddings.embed(model, SENTENCES, batch_size=2)
    assert vectors.shape == (5, spam_embeddings.DIMENSION) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert spam_embeddings.embed(model, []).shape == (0, spam_embeddings.DIMENSION)


def test_deterministic_across_calls_and_fresh_loads(model):
    first = spam_embeddings.embed(model, SENTENCES, chunk=2)
    assert np.array_equal(first, spam_embeddings.embed(model, SENTENCES, chunk=2))
    assert np.array_equal(
        first, spam_embeddings.embed(spam_embeddings.load_model(threads=1, seed=0), SENTENCES, chunk=2)
    )


def test_paraphrases_are_closer_than_unrelated_sentences(model):
    similarity = spam_embeddings.cosine(*[spam_embeddings.embed(model, SENTENCES)] * 2)
    assert similarity[0, 1] > 0.5 and similarity[2, 3] > 0.7
    for i, j in ((0, 1), (2, 3)):
        unrelated = [k for k in range(5) if k not in (i, j)]
        assert similarity[i, j] > similarity[i, unrelated].max() + 0.2


def test_cosine_of_parallel_and_orthogonal_vectors():
    np.testing.assert_allclose(
        spam_embeddings.cosine(np.array([[2.0, 0.0]]), np.array([[1.0, 0.0], [0.0, 3.0]])), [[1, 0]]
    )
