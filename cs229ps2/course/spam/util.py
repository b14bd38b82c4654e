"""The course's ``spam/util.py``: the spam and feature-matrix loaders and a JSON writer.

Standard library and numpy only. The data stage has validated the files (UTF-8, LF line ends).
"""

import bz2
import csv
import json

import numpy as np

READER = "course"  # "course": csv.reader as the course read; "strict": one message per line


def load_spam_dataset(tsv_path):
    """(messages list[str], labels int array (n,)) of a label<TAB>message file; "spam" -> 1, else 0.

    READER "course" splits the file with csv.reader (tab delimiter, default quoting: a quoted
    message may span lines, its quotes removed); "strict" takes one message per line, quotes kept.
    """
    with open(tsv_path, encoding="utf-8", newline="") as f:
        if READER == "strict":
            rows = [line.split("\t", 1) for line in f.read().split("\n")[:-1]]
        else:
            rows = [row for row in csv.reader(f, delimiter="\t") if row]
    messages = [message for _, message in rows]
    return messages, np.array([int(label == "spam") for label, _ in rows], dtype=int)


def load_bert_encoding(path):
    """A tab-separated float matrix (n, d), bz2-compressed when the name ends in .bz2."""
    opener = bz2.open if str(path).endswith(".bz2") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")[:-1]
    return np.array([line.split("\t") for line in lines], dtype=float)


def write_json(filename, value):
    """Write value as JSON."""
    with open(filename, "w", encoding="utf-8") as f:
        json.dump(value, f)
