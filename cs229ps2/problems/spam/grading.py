"""Problem 2: what spam.py's functions receive, and their return values judged."""

from __future__ import annotations

import numpy as np

from cs229ps2.grading.checks import (
    ReturnError,
    Verdict,
    agreement_verdict,
    choice,
    choice_verdict,
    labels,
    numbers,
    words,
)
from cs229ps2.grading.driver import Inputs, Row
from cs229ps2.pipeline.files import read_spam
from cs229ps2.problems.spam import spam

SPLITS = ("train", "val", "test")
FILE = "spam/spam.py"
TOP_WORDS = 5


def inputs(part: str, data: dict, settings: dict) -> Inputs:
    """2(a) the messages; 2(b)-(d) the reference's matrices and labels; 2(e) the features."""
    sets = {split: read_spam(data[split], settings["reader"]) for split in SPLITS}
    files = {"spam_train.tsv": data["train"], "spam_val.tsv": data["val"]}
    if part == "2a":
        return Inputs(values={"messages": {s: sets[s][0] for s in SPLITS}}, files=files)
    dictionary = spam.create_dictionary(sets["train"][0])  # the course's threshold, 5 messages
    matrix = {s: spam.transform_text(sets[s][0], dictionary) for s in SPLITS}
    labelled = {"train_labels": sets["train"][1], "val_labels": sets["val"][1]}
    if part == "2b":
        arrays = {
            "train_matrix": matrix["train"],
            "train_labels": sets["train"][1],
            "test_matrix": matrix["test"],
        }
        return Inputs(arrays=arrays, files=files, judge={"test_labels": sets["test"][1]})
    if part == "2c":
        arrays = {"train_matrix": matrix["train"], "train_labels": sets["train"][1]}
        return Inputs(values={"dictionary": dictionary}, arrays=arrays, files=files)
    if part == "2d":
        arrays = {"train_matrix": matrix["train"], "val_matrix": matrix["val"], **labelled}
        return Inputs(
            values={"radii": settings["radii"], "svm_seed": settings["svm_seed"]}, arrays=arrays, files=files
        )
    features = {f"{s}_features": np.load(data[f"features_{s}"]) for s in ("train", "val")}
    return Inputs(values={"rates": settings["rates"]}, arrays={**features, **labelled}, files=files)


def check(part: str, returned: dict, row: Row) -> dict:
    if part == "2a":
        return _checked_dictionary(returned, row)
    if part == "2b":
        n = len(row.judge()["test_labels"])
        return {"predictions": labels(FILE, "predict_from_naive_bayes_model", returned["predictions"], n)}
    if part == "2c":
        return {"top_words": words(FILE, "get_top_five_naive_bayes_words", returned["top_words"], TOP_WORDS)}
    if part == "2d":
        return {"choice": choice(FILE, "compute_best_svm_radius", returned["choice"], row.values()["radii"])}
    return {
        "choice": choice(FILE, "compute_best_logreg_learning_rate", returned["choice"], row.values()["rates"])
    }


def _checked_dictionary(returned: dict, row: Row) -> dict:
    """The dictionary {word: column} with columns 0..n-1, and the three matrices of its shape."""
    value = returned["dictionary"]
    dictionary = value.value
    if not isinstance(dictionary, dict):
        raise ReturnError(
            f"{FILE}: create_dictionary returned {value.type}, expected a dict of word -> column index"
        )
    if dictionary and all(isinstance(k, int) and isinstance(v, str) for k, v in dictionary.items()):
        raise ReturnError(
            f"{FILE}: create_dictionary returned {{index: word}}: the course's dictionary maps word -> index"
        )
    if not all(
        isinstance(w, str) and isinstance(j, int) and not isinstance(j, bool) for w, j in dictionary.items()
    ):
        raise ReturnError(f"{FILE}: create_dictionary returned a dict that is not word -> column index")
    columns = sorted(dictionary.values())
    if columns and columns == list(range(1, len(columns) + 1)):
        raise ReturnError(f"{FILE}: create_dictionary's column indices start at 1: the course's start at 0")
    if columns != list(range(len(columns))):
        raise ReturnError(f"{FILE}: create_dictionary's column indices are not 0..{len(columns) - 1}")
    sizes = {s: len(m) for s, m in row.values()["messages"].items()}
    matrices = {
        f"{s}_matrix": numbers(
            FILE, "transform_text", returned[f"{s}_matrix"], (sizes[s], len(dictionary)), "counts"
        )
        for s in SPLITS
    }
    return {"dictionary": dictionary, **matrices}


def judge(part: str, got: dict, expected: dict, row: Row, tolerances: dict) -> Verdict:
    if part == "2a":
        return _dictionary_verdict(got, expected, row)
    if part == "2b":
        return agreement_verdict(
            got["predictions"], expected["predictions"], row.judge()["test_labels"], tolerances
        )
    if part == "2c":
        same = got["top_words"] == expected["top_words"]
        message = "same five words, same order" if same else "the list differs"
        if not same and sorted(got["top_words"]) == sorted(expected["top_words"]):
            message = "same words in another order (most indicative first)"
        return Verdict(
            "pass" if same else "fail", ", ".join(expected["top_words"]), ", ".join(got["top_words"]), message
        )
    return choice_verdict("radius" if part == "2d" else "learning rate", got["choice"], expected["choice"])


SPACES = (
    "your get_words splits on single spaces (split(' ')), as the course's docstring says, so two spaces "
    "in a row make an empty word: accepted"
)


def _dictionary_verdict(got: dict, expected: dict, row: Row) -> Verdict:
    """Same words and counts as the reference, or as the reference would have with split(' ')."""
    verdict = _same_dictionary(got, expected)
    if verdict.status == "pass" or "''" not in verdict.message:
        return verdict
    spaced = _split_on_spaces(row.values()["messages"])
    alternative = _same_dictionary(got, spaced)
    return (
        Verdict("pass", verdict.expected, alternative.got, SPACES)
        if alternative.status == "pass"
        else verdict
    )


def _split_on_spaces(messages: dict) -> dict:
    """The reference's 2(a) outputs with the course's docstring taken literally."""
    dictionary = spam.create_dictionary(messages["train"], tokenize=spam.split_on_spaces)
    return {
        "dictionary": dictionary,
        **{f"{s}_matrix": spam.transform_text(messages[s], dictionary, spam.split_on_spaces) for s in SPLITS},
    }


def _same_dictionary(got: dict, expected: dict) -> Verdict:
    got_words, expected_words = set(got["dictionary"]), set(expected["dictionary"])
    summary = f"{len(expected_words)} words", f"{len(got_words)} words"
    if got_words != expected_words:
        missing, extra = sorted(expected_words - got_words), sorted(got_words - expected_words)
        parts = [
            f"{len(found)} {what} (e.g. {', '.join(map(repr, found[:3]))})"
            for what, found in (("missing", missing), ("extra", extra))
            if found
        ]
        return Verdict("fail", *summary, "dictionary differs: " + "; ".join(parts))
    by_expected_column = sorted(expected["dictionary"], key=expected["dictionary"].get)
    columns = [got["dictionary"][w] for w in by_expected_column]
    for split in SPLITS:
        aligned = got[f"{split}_matrix"][:, columns]
        reference = expected[f"{split}_matrix"]
        bad = np.argwhere(aligned != reference)
        if len(bad):
            line, column = bad[0]
            return Verdict(
                "fail",
                *summary,
                f"{split} matrix: {len(bad)} counts differ, first in message {line + 1}, word "
                f"{by_expected_column[column]!r}: {aligned[line, column]:g}, "
                f"expected {reference[line, column]:g}",
            )
    return Verdict("pass", *summary, "same dictionary; matrices equal after aligning columns by word")
