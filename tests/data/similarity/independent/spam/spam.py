import logreg
import numpy as np
import svm
import util


def get_words(message):
    """Get the normalized list of words from a message string.

    Split the message into words (i.e. use split(' ')) and lower-case each word.

    Args:
        message: A string containing an SMS message

    Returns:
       The list of normalized words from the message.
    """

    # *** START CODE HERE ***
    return [token.lower() for token in message.split(" ")]
    # *** END CODE HERE ***


def create_dictionary(messages):
    """Create a dictionary mapping words to integer indices.

    Only add a word to the dictionary if it occurs in at least five messages.

    Args:
        messages: A list of strings containing SMS messages

    Returns:
        A python dict mapping words to integers.
    """

    # *** START CODE HERE ***
    document_frequency = {}
    for text in messages:
        for token in set(get_words(text)):
            document_frequency[token] = document_frequency.get(token, 0) + 1
    vocabulary = sorted(token for token, seen in document_frequency.items() if seen >= 5)
    lookup = {}
    for position in range(len(vocabulary)):
        lookup[vocabulary[position]] = position
    return lookup
    # *** END CODE HERE ***


def transform_text(messages, word_dictionary):
    """Transform a list of text messages into a numpy array of word counts.

    Args:
        messages: A list of strings where each string is an SMS message.
        word_dictionary: A python dict mapping words to integers.

    Returns:
        A numpy array (messages x words) whose (i, j) entry is the number of times
        word j occurs in message i.
    """
    # *** START CODE HERE ***
    rows = []
    for text in messages:
        row = np.zeros(len(word_dictionary))
        for token in get_words(text):
            column = word_dictionary.get(token)
            if column is not None:
                row[column] = row[column] + 1
        rows.append(row)
    return np.vstack(rows) if rows else np.zeros((0, len(word_dictionary)))
    # *** END CODE HERE ***


def fit_naive_bayes_model(matrix, labels):
    """Fit a naive Bayes model (multinomial event model, Laplace smoothing).

    Args:
        matrix: A numpy array of word counts as returned by transform_text
        labels: The binary (0 or 1) labels for that training data

    Returns: The trained model
    """

    # *** START CODE HERE ***
    vocabulary_size = matrix.shape[1]
    spam_rows = matrix[labels == 1]
    ham_rows = matrix[labels == 0]
    phi_spam = (spam_rows.sum(axis=0) + 1) / (spam_rows.sum() + vocabulary_size)
    phi_ham = (ham_rows.sum(axis=0) + 1) / (ham_rows.sum() + vocabulary_size)
    phi_y = len(spam_rows) / len(labels)
    return phi_y, phi_spam, phi_ham
    # *** END CODE HERE ***


def predict_from_naive_bayes_model(model, matrix):
    """Use a naive Bayes model to compute predictions for a target matrix.

    Args:
        model: A trained model from fit_naive_bayes_model
        matrix: A numpy array of word counts

    Returns: A numpy array containing the predictions (0 or 1) from the model
    """
    # *** START CODE HERE ***
    phi_y, phi_spam, phi_ham = model
    log_odds = matrix.dot(np.log(phi_spam) - np.log(phi_ham)) + np.log(phi_y / (1 - phi_y))
    return (log_odds > 0).astype(int)
    # *** END CODE HERE ***


def get_top_five_naive_bayes_words(model, dictionary):
    """Compute the top five words that are most indicative of the spam (i.e positive) class.

    Args:
        model: The naive Bayes model returned from fit_naive_bayes_model
        dictionary: A mapping of word to integer ids

    Returns: A list of the top five most indicative words in sorted order with the most
        indicative first
    """
    # *** START CODE HERE ***
    _, phi_spam, phi_ham = model
    ratio = np.log(phi_spam / phi_ham)
    word_of = {column: token for token, column in dictionary.items()}
    return [word_of[column] for column in np.argsort(-ratio)[:5]]
    # *** END CODE HERE ***


def compute_best_svm_radius(train_matrix, train_labels, val_matrix, val_labels, radius_to_consider):
    """Compute the optimal SVM radius using the provided training and evaluation datasets.

    Args:
        train_matrix: The word counts for the training data
        train_labels: The spam or not spam labels for the training data
        val_matrix: The word counts for the validation data
        val_labels: The spam or not spam labels for the validation data
        radius_to_consider: The radius values to consider

    Returns:
        The best radius which maximizes SVM accuracy.
    """
    # *** START CODE HERE ***
    best, best_accuracy = None, -1.0
    for candidate in radius_to_consider:
        guesses = svm.train_and_predict_svm(train_matrix, train_labels, val_matrix, candidate)
        accuracy = (guesses == val_labels).mean()
        if accuracy > best_accuracy:
            best, best_accuracy = candidate, accuracy
    return best
    # *** END CODE HERE ***


def compute_best_logreg_learning_rate(
    train_matrix, train_labels, val_matrix, val_labels, learning_rates_to_consider
):
    """Compute the best logistic regression learning rate using the provided training and
    evaluation datasets.

    Args:
        train_matrix: The BERT features of the training data
        train_labels: The spam or not spam labels for the training data
        val_matrix: The BERT features of the validation data
        val_labels: The spam or not spam labels for the validation data
        learning_rates_to_consider: The learning rates to consider

    Returns:
        The best learning rate which maximizes logistic regression accuracy.
    """
    # *** START CODE HERE ***
    scores = {}
    for rate in learning_rates_to_consider:
        guesses = logreg.train_and_predict_logreg(train_matrix, train_labels, val_matrix, rate)
        scores[rate] = (guesses == val_labels).mean()
    return max(learning_rates_to_consider, key=lambda rate: scores[rate])
    # *** END CODE HERE ***


def main():
    train_messages, train_labels = util.load_spam_dataset("spam_train.tsv")
    val_messages, val_labels = util.load_spam_dataset("spam_val.tsv")
    test_messages, test_labels = util.load_spam_dataset("spam_test.tsv")

    dictionary = create_dictionary(train_messages)
    print("Size of dictionary: ", len(dictionary))
    util.write_json("spam_dictionary", dictionary)

    train_matrix = transform_text(train_messages, dictionary)
    val_matrix = transform_text(val_messages, dictionary)
    test_matrix = transform_text(test_messages, dictionary)

    naive_bayes_model = fit_naive_bayes_model(train_matrix, train_labels)
    naive_bayes_predictions = predict_from_naive_bayes_model(naive_bayes_model, test_matrix)
    naive_bayes_accuracy = np.mean(naive_bayes_predictions == test_labels)
    print(f"Naive Bayes had an accuracy of {naive_bayes_accuracy} on the testing set")

    top_5_words = get_top_five_naive_bayes_words(naive_bayes_model, dictionary)
    print("The top 5 indicative words for Naive Bayes are: ", top_5_words)
    util.write_json("spam_top_indicative_words", top_5_words)

    optimal_radius = compute_best_svm_radius(
        train_matrix, train_labels, val_matrix, val_labels, [0.01, 0.1, 1, 10]
    )
    print(f"The optimal SVM radius was {optimal_radius}")
    svm_predictions = svm.train_and_predict_svm(train_matrix, train_labels, test_matrix, optimal_radius)
    svm_accuracy = np.mean(svm_predictions == test_labels)
    print(f"The SVM model had an accuracy of {svm_accuracy} on the testing set")

    train_features = util.load_bert_encoding("bert_train.tsv.bz2")
    val_features = util.load_bert_encoding("bert_val.tsv.bz2")
    test_features = util.load_bert_encoding("bert_test.tsv.bz2")
    optimal_learning_rate = compute_best_logreg_learning_rate(
        train_features, train_labels, val_features, val_labels, [1e-2, 1e-3, 1e-4, 1e-5, 1e-6]
    )
    print(f"The optimal learning rate for logistic regression was {optimal_learning_rate}")
    logreg_predictions = logreg.train_and_predict_logreg(
        train_features, train_labels, test_features, optimal_learning_rate
    )
    logreg_accuracy = np.mean(logreg_predictions == test_labels)
    print(f"Logistic regression had an accuracy of {logreg_accuracy} on the testing set")


if __name__ == "__main__":
    main()
