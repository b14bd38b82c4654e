"""Tokenizer, dictionary, matrices, naive Bayes and top words of problem 2 (cs229ps2.spam)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import COURSE_DATA, needs_course_data
from sklearn.naive_bayes import MultinomialNB

from cs229ps2.pipeline import files
from cs229ps2.problems.spam import spam


def test_get_words_lowercases_and_splits_on_any_whitespace():
    assert spam.get_words("Hello  WORLD\tFree!\nnow ") == ["hello", "world", "free!", "now"]
    assert spam.get_words("   ") == []


def test_dictionary_counts_messages_not_occurrences():
    messages = ["spam " * 20] + ["win cash"] * 4 + ["WIN prize", "Prize prize"] * 2 + ["prize"]
    dictionary = spam.create_dictionary(messages, min_messages=5)
    # "spam" occurs 20 times but in one message; "cash" in 4 messages; "win" in 6, "prize" in 5.
    assert dictionary == {"win": 0, "prize": 1}


def test_dictionary_threshold_is_configurable_and_columns_follow_first_appearance():
    messages = ["b a", "a c", "c b", "d"]
    assert spam.create_dictionary(messages, min_messages=2) == {"b": 0, "a": 1, "c": 2}
    assert spam.create_dictionary(messages, min_messages=1) == {"b": 0, "a": 1, "c": 2, "d": 3}


def test_transform_text_counts_dictionary_words_and_ignores_others():
    matrix = spam.transform_text(["Win win WIN cash", "hello", "cash now"], {"win": 0, "cash": 1})
    np.testing.assert_array_equal(matrix, [[3, 1], [0, 0], [0, 1]])


def synthetic_counts(seed: int, n: int = 300, vocabulary: int = 40):
    rng = np.random.default_rng(seed)
    labels = (rng.random(n) < 0.3).astype(int)
    rates = np.where(labels[:, None] == 1, rng.gamma(1.0, 1.0, vocabulary), rng.gamma(1.0, 1.0, vocabulary))
    return rng.poisson(rates * 0.5), labels


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_naive_bayes_matches_sklearn_on_synthetic_counts(seed):
    counts, labels = synthetic_counts(seed)
    test_counts, _ = synthetic_counts(seed + 100)
    model = spam.fit_naive_bayes_model(counts, labels)
    oracle = MultinomialNB(alpha=1.0).fit(counts, labels)
    np.testing.assert_allclose(model["log_likelihood"], oracle.feature_log_prob_, rtol=1e-12)
    np.testing.assert_allclose(model["log_prior"], oracle.class_log_prior_, rtol=1e-12)
    np.testing.assert_array_equal(
        spam.predict_from_naive_bayes_model(model, test_counts), oracle.predict(test_counts)
    )


def test_naive_bayes_has_no_underflow_on_long_messages():
    rng = np.random.default_rng(5)
    counts, labels = synthetic_counts(3, vocabulary=20)
    model = spam.fit_naive_bayes_model(counts, labels)
    long = rng.multinomial(1000, np.exp(model["log_likelihood"][1]), size=50)  # 1000-token spam messages
    with np.errstate(under="ignore"):
        direct = np.prod(np.exp(model["log_likelihood"][1]) ** long, axis=1)
    assert np.all(direct == 0.0)  # the straightforward product underflows
    joint = spam.naive_bayes_log_joint(model, long)
    assert np.all(np.isfinite(joint))
    np.testing.assert_array_equal(spam.predict_from_naive_bayes_model(model, long), 1)
    oracle = MultinomialNB(alpha=1.0).fit(counts, labels)
    np.testing.assert_array_equal(spam.predict_from_naive_bayes_model(model, long), oracle.predict(long))


def test_top_words_rank_by_log_ratio_of_smoothed_probabilities():
    dictionary = {"hi": 0, "free": 1, "win": 2, "ok": 3}
    counts = np.array([[3, 0, 0, 2], [0, 4, 1, 0], [1, 2, 3, 0]])
    labels = np.array([0, 1, 1])
    model = spam.fit_naive_bayes_model(counts, labels)
    # p(word | spam) = (count + 1) / (total + V): spam totals [1, 6, 4, 0] of 11, ham [3, 0, 0, 2] of 5.
    expected = np.log((np.array([1, 6, 4, 0]) + 1) / 15) - np.log((np.array([3, 0, 0, 2]) + 1) / 9)
    top = spam.top_words(model, dictionary, k=3)
    assert [word for word, _ in top] == ["free", "win", "hi"]
    np.testing.assert_allclose([score for _, score in top], expected[[1, 2, 0]])


def test_best_index_prefers_the_earliest_maximum_and_ignores_nan():
    assert spam.best_index([0.9, 0.95, 0.95, 0.1]) == 1
    assert spam.best_index([np.nan, 0.5, 0.2]) == 1


def test_confusion_counts_true_rows_and_predicted_columns():
    np.testing.assert_array_equal(spam.confusion([0, 0, 1, 1, 1], [0, 1, 1, 1, 0]), [[1, 1], [1, 2]])


def test_write_sample_has_word_header_and_first_rows(tmp_path):
    path = tmp_path / "sample.tsv"
    files.write_count_sample(path, np.array([[1, 0], [2, 3], [4, 5]]), {"b": 1, "a": 0}, rows=2)
    assert path.read_text().splitlines() == ["a\tb", "1\t0", "2\t3"]


SPAM = COURSE_DATA / "spam"


@needs_course_data
@pytest.mark.parametrize("reader", ["course", "strict"])
def test_naive_bayes_matches_sklearn_on_the_course_matrices(reader):
    train, train_labels = files.read_spam(SPAM / "spam_train.tsv", reader)
    test, _ = files.read_spam(SPAM / "spam_test.tsv", reader)
    dictionary = spam.create_dictionary(train)
    x_train, x_test = spam.transform_text(train, dictionary), spam.transform_text(test, dictionary)
    model = spam.fit_naive_bayes_model(x_train, train_labels)
    oracle = MultinomialNB(alpha=1.0).fit(x_train, train_labels)
    np.testing.assert_array_equal(spam.predict_from_naive_bayes_model(model, x_test), oracle.predict(x_test))
    if reader == "course":  # the course's published answer: a vocabulary of about 1721-1722 words
        assert len(dictionary) in (1721, 1722)
