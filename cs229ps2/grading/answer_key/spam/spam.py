"""Problem 2 of the answer key."""

import logreg
import svm

from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.spam import spam


def get_words(message):
    return spam.get_words(message)


def create_dictionary(messages):
    return spam.create_dictionary(messages)


def transform_text(messages, word_dictionary):
    return spam.transform_text(messages, word_dictionary)


def fit_naive_bayes_model(matrix, labels):
    return spam.fit_naive_bayes(matrix, labels)


def predict_from_naive_bayes_model(model, matrix):
    return spam.predict_naive_bayes(model, matrix)


def get_top_five_naive_bayes_words(model, dictionary):
    return [word for word, _ in spam.top_words(model, dictionary, 5)]


def _best(options, predictions, labels):
    return options[spam.best_index([accuracy(labels, p) for p in predictions])]


def compute_best_svm_radius(train_matrix, train_labels, val_matrix, val_labels, radius_to_consider):
    predictions = [
        svm.train_and_predict_svm(train_matrix, train_labels, val_matrix, r) for r in radius_to_consider
    ]
    return _best(radius_to_consider, predictions, val_labels)


def compute_best_logreg_learning_rate(
    train_matrix, train_labels, val_matrix, val_labels, learning_rates_to_consider
):
    predictions = [
        logreg.train_and_predict_logreg(train_matrix, train_labels, val_matrix, rate)
        for rate in learning_rates_to_consider
    ]
    return _best(learning_rates_to_consider, predictions, val_labels)
