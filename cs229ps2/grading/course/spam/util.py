"""The course's ``spam/util.py``: loaders and JSON writer."""

from cs229ps2.pipeline import files

READER = "course"  # the course's csv.reader; set by the sandbox from spam.reader


def load_spam_dataset(tsv_path):
    """(messages list[str], labels int array) of a spam TSV: "spam" -> 1, anything else -> 0."""
    return files.read_spam(tsv_path, READER)


def load_bert_encoding(path):
    """A tab-separated feature matrix (bz2-compressed when the name ends in .bz2)."""
    return files.read_matrix(path)


def write_json(filename, value):
    """Write value as JSON."""
    files.write_json(filename, value)
