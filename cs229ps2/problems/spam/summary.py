"""Problem 2: spam classification with naive Bayes, the course's SVM and logistic regression."""

from __future__ import annotations

from cs229ps2.problems.spam.spam import finite_or_none
from cs229ps2.report.text import join_words, num, part, section, share, table
from cs229ps2.report.tolerances import EXACT, ROUNDING, SHARE

TITLE = "Spam classification"


def errors(confusion) -> str:
    """'a ham flagged as spam, b spam missed' from a confusion matrix [[tn, fp], [fn, tp]]."""
    return f"{num(confusion[0][1])} ham flagged as spam, {num(confusion[1][0])} spam missed"


def _validation(results: list, setting: str, *extra: str) -> list:
    """The validation sweep of one model: setting, accuracy (None when not finite), extra fields."""
    return [
        {
            setting: r[setting],
            "validation_accuracy": finite_or_none(r["validation_accuracy"]),
            **{k: r[k] for k in extra},
        }
        for r in results
    ]


def numbers(naive_bayes: dict, top_words: list, svm: dict, logreg: dict) -> dict:
    """Problem 2's numbers from the test summaries of the three models and the top words."""
    return {
        "vocabulary_size": naive_bayes["vocabulary_size"],
        "reader": naive_bayes["reader"],
        "min_messages": naive_bayes["min_messages"],
        "naive_bayes": {k: naive_bayes[k] for k in ("test_accuracy", "confusion")},
        "top_words": top_words,
        "svm": {
            "best_radius": svm["best_radius"],
            "test_accuracy": svm["test_accuracy"],
            "confusion": svm["confusion"],
            "validation": _validation(svm["validation"], "radius"),
        },
        "logreg": {
            "features": logreg["features"],
            "best_learning_rate": logreg["best_learning_rate"],
            "test_accuracy": logreg["test_accuracy"],
            "confusion": logreg["confusion"],
            "validation": _validation(logreg["validation"], "learning_rate", "status"),
        },
    }


def metrics(s: dict) -> dict:
    """The headline numbers of results/spam/metrics.json, from :func:`numbers`."""
    return {
        "reader": s["reader"],
        "vocabulary_size": s["vocabulary_size"],
        "naive_bayes_test_accuracy": s["naive_bayes"]["test_accuracy"],
        "top_five_words": [entry["word"] for entry in s["top_words"]],
        "svm_best_radius": s["svm"]["best_radius"],
        "svm_test_accuracy": s["svm"]["test_accuracy"],
        "logreg_features": s["logreg"]["features"],
        "logreg_best_learning_rate": s["logreg"]["best_learning_rate"],
        "logreg_test_accuracy": s["logreg"]["test_accuracy"],
    }


def parts(s: dict) -> list:
    """2(a)-(e)."""
    nb, svm, lr = s["naive_bayes"], s["svm"], s["logreg"]
    features = {
        "minilm": "all-MiniLM-L6-v2 sentence embeddings (a stand-in for the course's BERT features)",
        "bert": "the course's BERT features",
    }.get(lr["features"], lr["features"])
    others = {"naive Bayes": nb["test_accuracy"], "the SVM": svm["test_accuracy"]}
    beaten = [name for name, acc in others.items() if lr["test_accuracy"] > acc]
    if len(beaten) == len(others):
        compare = f"It beats {join_words(others)} on the test set."
    elif beaten:
        compare = f"It beats {join_words(beaten)} but not {join_words(n for n in others if n not in beaten)}."
    else:
        compare = f"It does not beat {join_words(others)} on the test set."
    return [
        part(
            "2(a)",
            "Vocabulary size after pre-processing",
            [
                f"The dictionary holds {num(s['vocabulary_size'])} words "
                f"(words found in at least {s['min_messages']} training messages; messages read with the "
                f"'{s['reader']}' reader)."
            ],
        ),
        part(
            "2(b)",
            "Test accuracy of multinomial naive Bayes with Laplace smoothing",
            [
                f"Naive Bayes classifies {nb['test_accuracy']:.4f} of the test messages correctly "
                f"({errors(nb['confusion'])})."
            ],
        ),
        part(
            "2(c)",
            "The five most spam-indicative tokens",
            [
                "Top tokens by log p(token | spam) / p(token | ham): "
                f"{', '.join(w['word'] for w in s['top_words'])}."
            ],
            [table(["token", "log ratio"], [[w["word"], num(w["log_ratio"])] for w in s["top_words"]])],
        ),
        part(
            "2(d)",
            "Best RBF-SVM radius on the validation set, and its test accuracy",
            [
                f"Best radius {num(svm['best_radius'])}, test accuracy {svm['test_accuracy']:.4f} "
                f"({errors(svm['confusion'])})."
            ],
            [
                table(
                    ["radius", "validation accuracy"],
                    [[num(r["radius"]), share(r["validation_accuracy"])] for r in svm["validation"]],
                ),
            ],
        ),
        part(
            "2(e)",
            "Logistic regression on deep features: best learning rate and test accuracy",
            [
                f"Features: {features}. Best learning rate {num(lr['best_learning_rate'])}, "
                f"test accuracy {lr['test_accuracy']:.4f} ({errors(lr['confusion'])}).",
                compare,
            ],
            [
                table(
                    ["learning rate", "validation accuracy", "status"],
                    [
                        [num(r["learning_rate"]), share(r["validation_accuracy"]), r["status"]]
                        for r in lr["validation"]
                    ],
                ),
            ],
        ),
    ]


def summarize(naive_bayes: dict, top_words: list, svm: dict, logreg: dict):
    """Problem 2's summary: numbers and answers."""
    s = numbers(naive_bayes, top_words, svm, logreg)
    return {"numbers": s, "section": section("2", TITLE, parts(s))}


def answers(s: dict) -> list[tuple]:
    """Problem 2's headline answers: (label, path in its numbers, tolerance rule)."""
    return [
        ("2(a) vocabulary size", "vocabulary_size", EXACT),
        ("2(b) naive Bayes test accuracy", "naive_bayes.test_accuracy", SHARE),
        ("2(c) top five tokens", "top_words[*].word", EXACT),
        ("2(c) log ratio of the top token", "top_words[0].log_ratio", ROUNDING),
        ("2(d) best SVM radius", "svm.best_radius", EXACT),
        ("2(d) SVM test accuracy", "svm.test_accuracy", SHARE),
        ("2(e) best learning rate", "logreg.best_learning_rate", EXACT),
        ("2(e) logistic regression test accuracy", "logreg.test_accuracy", SHARE),
    ]
