"""Problem 2: spam.py's functions run as the course's driver runs them."""

from __future__ import annotations

import numpy as np

from cs229ps2.grading.checks import (
    SubmissionError,
    Verdict,
    agreement_verdict,
    as_choice,
    as_labels,
    call,
    choice_verdict,
    returned,
)
from cs229ps2.pipeline.files import read_spam
from cs229ps2.problems import spam
from cs229ps2.problems.maths import accuracy

SPLITS = ("train", "val", "test")


def _splits(data: dict, settings: dict) -> dict:
    """split -> (messages, labels), read as the course's util.load_spam_dataset reads them."""
    return {split: read_spam(data[split], settings["reader"]) for split in SPLITS}


def _reference_matrices(sets: dict, settings: dict):
    """The reference dictionary and word-count matrices: the inputs of 2(b)-(d)."""
    dictionary = spam.create_dictionary(sets["train"][0])  # the course's threshold, 5 messages
    return dictionary, {split: spam.transform_text(sets[split][0], dictionary) for split in SPLITS}


def _dictionary(module, messages) -> dict[str, int]:
    dictionary = call(module, "create_dictionary", messages)
    if not isinstance(dictionary, dict) or not all(
        isinstance(w, str) and isinstance(j, int | np.integer) for w, j in dictionary.items()
    ):
        raise returned(module, "create_dictionary", "a dict of word -> column index", dictionary)
    if sorted(int(j) for j in dictionary.values()) != list(range(len(dictionary))):
        raise SubmissionError(
            f"{module.grading_path}: create_dictionary's column indices are not 0..{len(dictionary) - 1}"
        )
    return {w: int(j) for w, j in dictionary.items()}


def _matrix(module, messages, dictionary) -> np.ndarray:
    matrix = call(module, "transform_text", messages, dictionary)
    shape = (len(messages), len(dictionary))
    if not hasattr(matrix, "shape") or tuple(matrix.shape) != shape:
        raise returned(module, "transform_text", f"an array of shape {shape}", matrix)
    return np.asarray(matrix, dtype=float)


def _words(module, value) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(w, str) for w in value):
        raise returned(module, "get_top_five_naive_bayes_words", "a list of five words", value)
    return list(value)


def run(part: str, module, data: dict, settings: dict) -> dict:
    sets = _splits(data, settings)
    if part == "2a":
        dictionary = _dictionary(module, sets["train"][0])
        matrices = {split: _matrix(module, sets[split][0], dictionary) for split in SPLITS}
        return {"dictionary": dictionary, **{f"{split}_matrix": m for split, m in matrices.items()}}
    dictionary, matrices = _reference_matrices(sets, settings)
    labels = {split: sets[split][1] for split in SPLITS}
    if part in ("2b", "2c"):
        model = call(module, "fit_naive_bayes_model", matrices["train"], labels["train"])
        if part == "2c":
            return {
                "top_words": _words(module, call(module, "get_top_five_naive_bayes_words", model, dictionary))
            }
        predicted = call(module, "predict_from_naive_bayes_model", model, matrices["test"])
        predictions = as_labels(module, "predict_from_naive_bayes_model", predicted, len(labels["test"]))
        return {"predictions": predictions, "accuracy": accuracy(labels["test"], predictions)}
    if part == "2d":
        args = (matrices["train"], labels["train"], matrices["val"], labels["val"], settings["radii"])
        np.random.seed(settings["svm_seed"])  # noqa: NPY002 (the course's stream, as its svm import leaves it)
        radius = call(module, "compute_best_svm_radius", *args)
        return {"choice": as_choice(module, "compute_best_svm_radius", radius, settings["radii"])}
    if part == "2e":
        features = {split: np.load(data[f"features_{split}"]) for split in SPLITS}
        args = (features["train"], labels["train"], features["val"], labels["val"], settings["rates"])
        rate = call(module, "compute_best_logreg_learning_rate", *args)
        return {"choice": as_choice(module, "compute_best_logreg_learning_rate", rate, settings["rates"])}
    raise ValueError(f"no part {part} in problem 2")


def _dictionary_verdict(got: dict, expected: dict) -> Verdict:
    got_words, expected_words = set(got["dictionary"]), set(expected["dictionary"])
    summary = f"{len(expected_words)} words", f"{len(got_words)} words"
    if got_words != expected_words:
        missing, extra = sorted(expected_words - got_words), sorted(got_words - expected_words)
        parts = [
            f"{len(words)} {what} (e.g. {', '.join(map(repr, words[:3]))})"
            for what, words in (("missing", missing), ("extra", extra))
            if words
        ]
        return Verdict("fail", *summary, "dictionary differs: " + "; ".join(parts))
    by_expected_column = sorted(expected["dictionary"], key=expected["dictionary"].get)
    columns = [got["dictionary"][w] for w in by_expected_column]
    for split in SPLITS:
        aligned = got[f"{split}_matrix"][:, columns]
        bad = np.argwhere(aligned != expected[f"{split}_matrix"])
        if len(bad):
            row, column = bad[0]
            return Verdict(
                "fail",
                *summary,
                f"{split} matrix: {len(bad)} counts differ, first in message {row + 1}, word "
                f"{by_expected_column[column]!r}: {aligned[row, column]:g}, expected "
                f"{expected[f'{split}_matrix'][row, column]:g}",
            )
    return Verdict("pass", *summary, "same dictionary; matrices equal after aligning columns by word")


def grade(part: str, got: dict, expected: dict, tolerances: dict, data: dict, settings: dict) -> Verdict:
    if part == "2a":
        return _dictionary_verdict(got, expected)
    if part == "2b":
        return agreement_verdict(got, expected, tolerances)
    if part == "2c":
        same = got["top_words"] == expected["top_words"]
        message = "same five words, same order" if same else "the list differs"
        if not same and sorted(got["top_words"]) == sorted(expected["top_words"]):
            message = "same words in another order (most indicative first)"
        return Verdict(
            "pass" if same else "fail", ", ".join(expected["top_words"]), ", ".join(got["top_words"]), message
        )
    return choice_verdict("radius" if part == "2d" else "learning rate", got["choice"], expected["choice"])
