"""Problem 2: spam classification (an example submission, written against the course's interface)."""

import collections

import logreg
import numpy as np
import svm
import util


def get_words(message):
    """Lower-case the message and split it on whitespace."""
    return message.lower().split()


def create_dictionary(messages):
    """Map each word found in at least five messages to a column index."""
    message_counts = collections.Counter()
    for message in messages:
        message_counts.update(set(get_words(message)))
    words = [word for word, count in message_counts.items() if count >= 5]
    return {word: index for index, word in enumerate(words)}


def transform_text(messages, word_dictionary):
    """Counts of each dictionary word (columns) in each message (rows)."""
    matrix = np.zeros((len(messages), len(word_dictionary)), dtype=int)
    for row, message in enumerate(messages):
        for word in get_words(message):
            if word in word_dictionary:
                matrix[row, word_dictionary[word]] += 1
    return matrix


def fit_naive_bayes_model(matrix, labels):
    """Multinomial event model with Laplace smoothing: log p(word | class) and log p(class)."""
    model = {}
    for label in (0, 1):
        counts = matrix[labels == label].sum(axis=0) + 1.0
        model[label] = (np.log(counts) - np.log(counts.sum()), np.log(np.mean(labels == label)))
    return model


def predict_from_naive_bayes_model(model, matrix):
    """1 where the spam class has the larger log joint probability."""
    log_joint = {label: matrix @ log_phi + log_prior for label, (log_phi, log_prior) in model.items()}
    return (log_joint[1] > log_joint[0]).astype(int)


def get_top_five_naive_bayes_words(model, dictionary):
    """The five words with the largest log p(word | spam) - log p(word | ham)."""
    indicative = model[1][0] - model[0][0]
    return sorted(dictionary, key=lambda word: indicative[dictionary[word]], reverse=True)[:5]


def compute_best_svm_radius(train_matrix, train_labels, val_matrix, val_labels, radius_to_consider):
    """The radius whose SVM is most accurate on the validation set (the first of equals)."""
    accuracies = []
    for radius in radius_to_consider:
        predictions = svm.train_and_predict_svm(train_matrix, train_labels, val_matrix, radius)
        accuracies.append(np.mean(predictions == val_labels))
    return radius_to_consider[int(np.argmax(accuracies))]


def compute_best_logreg_learning_rate(
    train_matrix, train_labels, val_matrix, val_labels, learning_rates_to_consider
):
    """The learning rate whose logistic regression is most accurate on the validation set."""
    accuracies = []
    for rate in learning_rates_to_consider:
        predictions = logreg.train_and_predict_logreg(train_matrix, train_labels, val_matrix, rate)
        accuracies.append(np.mean(predictions == val_labels))
    return learning_rates_to_consider[int(np.argmax(accuracies))]


def main():
    train_messages, train_labels = util.load_spam_dataset("spam_train.tsv")
    test_messages, test_labels = util.load_spam_dataset("spam_test.tsv")
    dictionary = create_dictionary(train_messages)
    util.write_json("spam_dictionary", dictionary)
    train_matrix = transform_text(train_messages, dictionary)
    test_matrix = transform_text(test_messages, dictionary)
    model = fit_naive_bayes_model(train_matrix, train_labels)
    predictions = predict_from_naive_bayes_model(model, test_matrix)
    print("Naive Bayes test accuracy:", np.mean(predictions == test_labels))
    util.write_json("spam_top_indicative_words", get_top_five_naive_bayes_words(model, dictionary))


if __name__ == "__main__":
    main()
