"""Sentence embeddings of 2(e): the ONNX export of the bundled all-MiniLM-L6-v2 and its encoder
(cs229ps2.problems.spam.embeddings and spam_embeddings_export), checked against
SentenceTransformer.encode."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from cs229ps2.problems.spam import embeddings as se
from cs229ps2.problems.spam import embeddings_export as export
from tools import oracles

SENTENCES = [
    "Congratulations! You have won a free prize, call now to claim it.",
    "You are a winner: phone us today to collect your free reward.",
    "Are we still meeting for lunch tomorrow?",
    "Do you want to grab lunch together tomorrow?",
    "The committee approved the new budget for road repairs.",
]
MESSAGES = [  # lengths from 2 tokens to beyond the 256-token limit, a duplicate, padding spaces
    "Ok",
    "  Ok lar... Joking wif u oni...  ",
    "FREE entry in 2 a wkly comp to win FA Cup final tkts 21st May 2005. Text FA to 87121 to receive "
    "entry question(std txt rate)T&C's apply 08452810075over18's",
    "Ok",
    "I'm gonna be home soon and i don't want to talk about this stuff anymore tonight, k? " * 12,
    "",
    *SENTENCES,
]


pytestmark = pytest.mark.xdist_group("embeddings")  # one worker exports the model once


@pytest.fixture(scope="session")
def encoder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("minilm")
    export.export(folder)
    return se.load_encoder(folder, threads=1)


@pytest.fixture(scope="session")
def reference():
    return export.reference_embed(export.reference_model(threads=1), MESSAGES)


def test_onnx_embeddings_match_sentence_transformers(encoder, reference):
    vectors = oracles.embed(encoder, MESSAGES, batch_size=4)
    assert vectors.shape == (len(MESSAGES), se.DIMENSION) and vectors.dtype == np.float32
    assert np.abs(vectors - reference).max() < 1e-5
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


def test_rows_follow_the_input_order_whatever_the_batches(encoder, reference):
    # batches are formed shortest first: every row must still land at its message's position
    for batch_size in (1, 3, 64):
        np.testing.assert_allclose(oracles.embed(encoder, MESSAGES, batch_size), reference, atol=1e-5)
    order = np.random.default_rng(0).permutation(len(MESSAGES))
    shuffled = oracles.embed(encoder, [MESSAGES[i] for i in order], batch_size=4)
    np.testing.assert_allclose(shuffled, reference[order], atol=1e-5)


def test_duplicates_get_identical_rows_and_empty_input_no_rows(encoder):
    vectors = oracles.embed(encoder, MESSAGES)
    assert np.array_equal(vectors[0], vectors[3])
    assert se.distinct(MESSAGES)[:2] == ["Ok", "Ok lar... Joking wif u oni..."]
    assert len(se.distinct(MESSAGES)) == len(MESSAGES) - 1
    assert oracles.embed(encoder, []).shape == (0, se.DIMENSION)


def test_any_number_of_shards_gathers_the_same_table(encoder):
    texts = se.distinct(MESSAGES)
    one = se.gather(len(texts), [se.embed_shard(encoder, texts, 2)])
    for shards in (2, 3, 20):
        parts = [se.embed_shard(encoder, texts, 2, shards, shard) for shard in range(shards)]
        assert np.array_equal(se.gather(len(texts), parts), one)
    assert np.array_equal(se.lookup(MESSAGES, texts, one), oracles.embed(encoder, MESSAGES, 2))


def test_gather_refuses_shards_that_miss_or_repeat_a_row():
    vectors = np.zeros((2, 3), np.float32)
    with pytest.raises(ValueError, match="not each of 3 once"):
        se.gather(3, [(np.array([0, 1]), vectors)])
    with pytest.raises(ValueError, match="not each of 2 once"):
        se.gather(2, [(np.array([0, 1]), vectors), (np.array([1]), vectors[:1])])


def test_deterministic_across_calls_and_fresh_loads(encoder, tmp_path):
    first = oracles.embed(encoder, MESSAGES, batch_size=2)
    assert np.array_equal(first, oracles.embed(encoder, MESSAGES, batch_size=2))
    export.export(tmp_path)
    assert np.array_equal(first, oracles.embed(se.load_encoder(tmp_path, threads=1), MESSAGES, batch_size=2))


def test_length_sorted_batches_cover_every_row_once_shortest_first():
    lengths = [5, 2, 9, 2, 7, 1, 5]
    batches = se.length_sorted_batches(lengths, 3)
    assert [len(b) for b in batches] == [3, 3, 1]
    rows = np.concatenate(batches)
    assert sorted(rows) == list(range(len(lengths)))
    assert list(rows) == [5, 1, 3, 0, 6, 4, 2]  # by length, ties in input order


def test_padded_ids_and_mask():
    ids, mask = se.padded([[101, 7, 102], [101, 102]])
    assert ids.tolist() == [[101, 7, 102], [101, 102, 0]] and mask.tolist() == [[1, 1, 1], [1, 1, 0]]


def test_mean_pool_averages_real_tokens_only():
    tokens = np.array([[[1.0, 2.0], [3.0, 4.0], [100.0, 100.0]]], np.float32)
    mask = np.array([[1, 1, 0]])
    np.testing.assert_allclose(se.mean_pool(tokens, mask, normalize=False), [[2.0, 3.0]])
    np.testing.assert_allclose(se.mean_pool(tokens, mask, normalize=True), [[2.0, 3.0] / np.sqrt(13)])


def test_bundled_weights_have_the_recorded_sha256():
    assert se.file_sha256(se.model_dir() / se.WEIGHTS_FILE) == se.WEIGHTS_SHA256
    se.verify_weights(se.model_dir() / se.WEIGHTS_FILE)


def test_weights_mismatch_fails_with_a_clear_message_before_export(tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(se.model_dir(), folder, ignore=shutil.ignore_patterns(se.WEIGHTS_FILE))
    (folder / se.WEIGHTS_FILE).write_bytes(b"not the weights")
    with pytest.raises(se.ModelMismatch) as raised:
        export.export(tmp_path / "out", folder)
    message = str(raised.value)
    assert str(folder / se.WEIGHTS_FILE) in message and se.WEIGHTS_SHA256 in message
    assert se.file_sha256(folder / se.WEIGHTS_FILE) in message and "not the recorded" in message
    assert not (tmp_path / "out").exists()


def test_pipeline_settings_read_from_the_model_folder(tmp_path):
    expected = {"max_seq_length": 256, "dimension": 384, "normalize": True}
    assert se.pipeline_settings(se.model_dir()) == expected
    folder = tmp_path / "model"
    shutil.copytree(se.model_dir(), folder, ignore=shutil.ignore_patterns(se.WEIGHTS_FILE))
    pooling = folder / "1_Pooling" / "config.json"
    cls_pooling = {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}
    pooling.write_text(json.dumps({**json.loads(pooling.read_text()), **cls_pooling}))
    with pytest.raises(se.ModelMismatch, match="not mean pooling"):
        se.pipeline_settings(folder)


def test_paraphrases_are_closer_than_unrelated_sentences(encoder):
    similarity = oracles.cosine(*[oracles.embed(encoder, SENTENCES)] * 2)
    assert similarity[0, 1] > 0.5 and similarity[2, 3] > 0.7
    for i, j in ((0, 1), (2, 3)):
        unrelated = [k for k in range(5) if k not in (i, j)]
        assert similarity[i, j] > similarity[i, unrelated].max() + 0.2


def test_cosine_of_parallel_and_orthogonal_vectors():
    similarity = oracles.cosine(np.array([[2.0, 0.0]]), np.array([[1.0, 0.0], [0.0, 3.0]]))
    np.testing.assert_allclose(similarity, [[1, 0]])
