"""The course's ``spam/logreg.py``: logistic regression by gradient ascent, no intercept."""

from cs229ps2.problems import spam_logreg

MAX_ITERATIONS = 1000  # the course's cap


def train_and_predict_logreg(train_matrix, train_labels, test_matrix, learning_rate):
    """Train on the training features and labels at learning_rate; labels (n,) of the test features."""
    theta = spam_logreg.train(train_matrix, train_labels, learning_rate, MAX_ITERATIONS)["theta"]
    return spam_logreg.predict(theta, test_matrix)
