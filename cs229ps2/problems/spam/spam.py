"""Problem 2: tokens, dictionary, word-count matrices, multinomial naive Bayes, and the model
choices of 2(d, e), under the course's function names (this module is the answer key the
grading compares submissions with).

Follows the course's spam.py: a message's words are its lower-cased, whitespace-split
tokens; the dictionary keeps words found in at least ``min_messages`` training messages;
naive Bayes uses the multinomial event model with Laplace smoothing, in log space.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from cs229ps2.problems.maths import accuracy


def get_words(message: str) -> list[str]:
    """The message's tokens: lower-cased, split on (any run of) whitespace."""
    return message.lower().split()


def split_on_spaces(message: str) -> list[str]:
    """The tokens of the course's docstring taken literally (``split(' ')``): two spaces in a
    row give an empty word."""
    return message.lower().split(" ")


def create_dictionary(messages, min_messages: int = 5, tokenize=get_words) -> dict[str, int]:
    """Map each word found in at least ``min_messages`` messages to a column index.

    A message counts once however often it repeats a word. Columns follow the order in
    which the kept words first appear in ``messages``.
    """
    counts = Counter()
    first_seen: dict[str, int] = {}
    for message in messages:
        words = tokenize(message)
        counts.update(set(words))
        for word in words:
            first_seen.setdefault(word, len(first_seen))
    kept = sorted((w for w, c in counts.items() if c >= min_messages), key=first_seen.__getitem__)
    return {word: j for j, word in enumerate(kept)}


def transform_text(messages, dictionary: dict[str, int], tokenize=get_words) -> np.ndarray:
    """Word counts: int array (n_messages, len(dictionary)); words not in it are ignored."""
    matrix = np.zeros((len(messages), len(dictionary)), dtype=np.int64)
    for i, message in enumerate(messages):
        for word in tokenize(message):
            j = dictionary.get(word)
            if j is not None:
                matrix[i, j] += 1
    return matrix


def fit_naive_bayes_model(matrix: np.ndarray, labels: np.ndarray) -> dict[str, np.ndarray]:
    """Multinomial naive Bayes with Laplace smoothing (add one to every word count).

    matrix: (n, V) word counts, labels: (n,) in {0, 1}. Returns ``log_prior`` (2,) =
    log p(y) and ``log_likelihood`` (2, V) = log p(token j | y), rows y = 0, 1.
    """
    matrix = np.asarray(matrix, dtype=float)
    labels = np.asarray(labels)
    counts = np.stack([matrix[labels == c].sum(axis=0) for c in (0, 1)]) + 1.0
    log_likelihood = np.log(counts) - np.log(counts.sum(axis=1, keepdims=True))
    prior = np.array([np.mean(labels == 0), np.mean(labels == 1)])
    with np.errstate(divide="ignore"):  # a class absent from training gets log 0 = -inf
        log_prior = np.log(prior)
    return {"log_prior": log_prior, "log_likelihood": log_likelihood}


def naive_bayes_log_joint(model: dict, matrix: np.ndarray) -> np.ndarray:
    """log p(x, y) up to a constant shared by both classes: (n, 2), columns y = 0, 1."""
    return np.asarray(matrix, dtype=float) @ np.asarray(model["log_likelihood"]).T + model["log_prior"]


def predict_from_naive_bayes_model(model: dict, matrix: np.ndarray) -> np.ndarray:
    """Labels (n,) in {0, 1}: 1 when log p(x, spam) > log p(x, ham) (a tie gives 0)."""
    joint = naive_bayes_log_joint(model, matrix)
    return (joint[:, 1] > joint[:, 0]).astype(int)


def top_words(model: dict, dictionary: dict[str, int], k: int = 5) -> list[tuple[str, float]]:
    """The k words with the largest log p(word | spam) / p(word | ham), largest first.

    Ties keep dictionary column order. Returns (word, log ratio) pairs.
    """
    log_likelihood = np.asarray(model["log_likelihood"])
    scores = log_likelihood[1] - log_likelihood[0]
    words = sorted(dictionary, key=dictionary.__getitem__)
    order = np.argsort(-scores, kind="stable")[:k]
    return [(words[j], float(scores[j])) for j in order]


def get_top_five_naive_bayes_words(model: dict, dictionary: dict[str, int]) -> list[str]:
    """2(c) as the course's driver calls it: the five words of :func:`top_words`."""
    return [word for word, _ in top_words(model, dictionary, 5)]


def compute_best_svm_radius(train_matrix, train_labels, val_matrix, val_labels, radius_to_consider):
    """2(d) as the course's driver calls it: the radius whose course SVM is most accurate on the
    validation set. Runs where the course's spam.py does, beside its helper module ``svm``."""
    import svm  # the course's helper (cs229ps2/course/spam/svm.py, beside the file when graded)

    predictions = [
        svm.train_and_predict_svm(train_matrix, train_labels, val_matrix, r) for r in radius_to_consider
    ]
    return most_accurate(radius_to_consider, predictions, val_labels)


def compute_best_logreg_learning_rate(
    train_matrix, train_labels, val_matrix, val_labels, learning_rates_to_consider
):
    """2(e) as the course's driver calls it: the learning rate whose course logistic regression is
    most accurate on the validation set. Runs beside the course's helper module ``logreg``."""
    import logreg  # the course's helper (cs229ps2/course/spam/logreg.py, beside the file when graded)

    predictions = [
        logreg.train_and_predict_logreg(train_matrix, train_labels, val_matrix, rate)
        for rate in learning_rates_to_consider
    ]
    return most_accurate(learning_rates_to_consider, predictions, val_labels)


def most_accurate(options, predictions, labels):
    """The option whose predictions are most accurate on labels (:func:`best_index` breaks ties)."""
    return options[best_index([accuracy(labels, p) for p in predictions])]


def best_index(accuracies) -> int:
    """Index of the highest accuracy (NaN counts as worst); ties go to the earliest setting."""
    return int(np.argmax(np.nan_to_num(np.asarray(accuracies, dtype=float), nan=-np.inf)))


def selection_table(results: list[dict], columns) -> tuple[int, list[dict]]:
    """The validation sweep as table rows: (index of the best setting by :func:`best_index` of
    each result's "validation_accuracy", the results' ``columns`` plus a 0/1 ``selected`` column)."""
    best = best_index([r["validation_accuracy"] for r in results])
    rows = [{**{c: r[c] for c in columns}, "selected": int(k == best)} for k, r in enumerate(results)]
    return best, rows


def confusion(labels: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """Counts (2, 2): entry (i, j) = examples of true label i predicted as j."""
    table = np.zeros((2, 2), dtype=int)
    np.add.at(table, (np.asarray(labels, dtype=int), np.asarray(predictions, dtype=int)), 1)
    return table


def finite_or_none(value: float) -> float | None:
    """value, or None (JSON null) when it is NaN or infinite."""
    return float(value) if np.isfinite(value) else None
