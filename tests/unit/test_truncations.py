"""Every truncation of the course files: the data of the records it keeps, or one DataError.

A course file cut at any line boundary, and at 200 byte offsets (seeded), must read as exactly
the first rows of the full file's data (a cut at a record boundary cannot be told from a shorter
file) or stop with a DataError that names the file and a line of the record the cut falls in,
in one line of text; never another exception.

Cutting a file of n lines at each boundary and parsing each prefix is quadratic (train500.csv
has 57,376 lines). The loaders are streaming in this sense: the records before the cut are read
as in the full file, so the verdict on a prefix depends only on the header and the record the
cut falls in. Each cut is therefore parsed as its window, the header plus that record's part
(error lines shifted back to the full file's), and the window's verdict is compared with the
real prefix's: for every cut of files under 100 KB, and for CHECKED_PREFIXES cuts of the larger
ones. The loaders run on bytes in memory (their ``content`` argument).

The bayesianreg training files are nested byte for byte (train200.csv is the first 200 rows of
train250.csv, ...), so every cut of a smaller one is a cut of the largest, which is tested.
"""

from __future__ import annotations

import bz2
import csv
import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import COURSE_DATA, needs_course_data
from cuts import Cuts, line_starts

from cs229ps2.pipeline import files
from cs229ps2.pipeline.files import DataError

OFFSETS = 200  # byte offsets per file, besides every line boundary
CHECKED_PREFIXES = 4  # cuts of a large file also parsed as the real prefix
SMALL = 100_000  # bytes: every cut of a smaller file is also parsed as the real prefix


def csv_row_starts(raw: bytes) -> list[int]:
    """Where Python's csv.reader (tab-separated) starts each row: a quoted field may span lines."""
    lines = [0, *line_starts(raw)]
    reader = csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), delimiter="\t")
    starts, line = [], 1
    for _ in reader:
        starts.append(lines[line - 1])
        line = reader.line_num + 1
    return starts


def every_line(raw: bytes) -> list[int]:
    return [0, *line_starts(raw)[:-1]]


def after_header(raw: bytes) -> list[int]:
    return line_starts(raw)[:-1]


@dataclass(frozen=True)
class Format:
    read: Callable  # (path, content) -> tuple of per-record sequences
    header_lines: int
    record_starts: Callable[[bytes], list[int]]  # offsets where records begin, from the bytes alone


FORMATS = {
    "points": Format(lambda path, content: files.read_points(path, content=content), 1, after_header),
    "nn": Format(lambda path, content: files.read_points(path, ("x1", "x2", "y"), content), 1, after_header),
    "spam": Format(lambda path, content: files.read_spam(path, "course", content), 0, csv_row_starts),
    "spam strict": Format(lambda path, content: files.read_spam(path, "strict", content), 0, every_line),
    "vectors": Format(
        lambda path, content: files.read_vectors(path, content=content),
        1,
        lambda raw: [m.start() for m in re.finditer(rb'^"\[', raw, flags=re.M)],
    ),
    "matrix": Format(lambda path, content: (files.read_matrix(path, content),), 0, every_line),
}

COURSE_FILES = {
    "stability/ds1_a.csv": "points",
    "stability/ds1_b.csv": "points",
    "perceptron/train.csv": "points",
    "perceptron/test.csv": "points",
    "simple_nn/train.csv": "nn",
    "spam/spam_train.tsv": "spam",
    "spam/spam_val.tsv": "spam",
    "spam/spam_test.tsv": "spam",
    "bayesianreg/train500.csv": "vectors",
    "spam/bert_val_matrix.tsv.bz2": "matrix",
    "spam/bert_test_matrix.tsv.bz2": "matrix",
}
SPAM_FILES = [name for name, kind in COURSE_FILES.items() if kind == "spam"]
CASES = [*COURSE_FILES.items(), *((name, "spam strict") for name in SPAM_FILES)]


def course_cuts(name: str, kind: str) -> Cuts:
    """The course file's cuts; a .bz2 file's text is cut (it has the lines; see test_bz2_cuts)."""
    path, raw, form = str(COURSE_DATA / name), (COURSE_DATA / name).read_bytes(), FORMATS[kind]
    if path.endswith(".bz2"):
        path, raw = path.removesuffix(".bz2"), bz2.decompress(raw)
    return Cuts(path, raw, form.read, form.record_starts(raw), form.header_lines)


@needs_course_data
@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{name} ({kind})" for name, kind in CASES])
def test_every_cut_reads_as_the_rows_it_keeps_or_names_the_line(name, kind):
    course = course_cuts(name, kind)
    offsets = random.Random(name).sample(range(1, len(course.raw)), OFFSETS)
    cuts = sorted({0, *course.line_starts, *offsets})
    for cut in cuts:
        course.check(cut, course.window_verdict(cut))
    checked = cuts if len(course.raw) < SMALL else random.Random(name).sample(cuts, CHECKED_PREFIXES)
    for cut in checked:
        assert course.prefix_verdict(cut) == course.window_verdict(cut), cut


@needs_course_data
def test_smaller_bayesianreg_files_are_cuts_of_the_largest():
    """Each smaller training file is train500.csv cut at a record boundary: its cuts, and its
    full reading (the rows before that boundary), are those tested above."""
    largest = (COURSE_DATA / "bayesianreg/train500.csv").read_bytes()
    for path in sorted((COURSE_DATA / "bayesianreg").glob("train*.csv")):
        raw = path.read_bytes()
        assert largest.startswith(raw) and largest[len(raw) :][:2] in (b'"[', b""), path


@needs_course_data
@pytest.mark.parametrize("name", ["spam/bert_val_matrix.tsv.bz2", "spam/bert_test_matrix.tsv.bz2"])
def test_bz2_cuts(name):
    """A cut compressed file lacks bz2's end-of-stream mark: an error naming the file (no line);
    cut at 0 it is empty. (Each cut is decompressed up to the cut: a few suffice.)"""
    path = COURSE_DATA / name
    raw = path.read_bytes()
    with pytest.raises(DataError, match=f"^{re.escape(str(path))}, line 1: empty matrix$"):
        files.read_matrix(path, content=b"")
    for cut in [1, 10, 100, *random.Random(name).sample(range(101, 200_000), 4), len(raw) - 1]:
        with pytest.raises(DataError, match="not a valid bz2 file") as err:
            files.read_matrix(path, content=raw[:cut])
        assert str(err.value).startswith(f"{path}: ") and "\n" not in str(err.value)
