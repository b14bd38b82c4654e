"""Problem 2: spam classification with naive Bayes, an RBF SVM and logistic regression on
sentence embeddings (2(a)-(e))."""

from __future__ import annotations

from cs229ps2.problems.record import Part, Problem

FOLDER = ("spam", "spam", "spam.py")

PARTS = (
    Part("2a", *FOLDER, ("get_words", "create_dictionary", "transform_text"), 5, True),
    Part("2b", *FOLDER, ("fit_naive_bayes_model", "predict_from_naive_bayes_model"), 10, True),
    Part("2c", *FOLDER, ("fit_naive_bayes_model", "get_top_five_naive_bayes_words"), 5, True),
    Part("2d", *FOLDER, ("compute_best_svm_radius",), 2, True),
    Part("2e", *FOLDER, ("compute_best_logreg_learning_rate",), 2, True),
)
DATA = ("spam_train.tsv", "spam_val.tsv", "spam_test.tsv")
PROBLEM = Problem("spam", "2", "Spam", "spam", DATA, PARTS)
