"""The loaders on generated files (Hypothesis), one group per file format.

- Valid files, saved with harmless variants (a byte-order mark, CRLF, CR or mixed line ends,
  blank lines at the end, spaces and tabs at line ends in numeric files), read as exactly the
  generated data.
- Corrupted files read as the same data or stop with the loader's DataError naming the file and
  a line, in one line of text; never another exception. Where the corruption says which line is
  bad (NaN or inf, a deleted or duplicated field, a vector of the wrong length, invalid UTF-8)
  the error names that line; a cut reads as the records before it or names the cut record's
  line; random byte flips, insertions and deletions may change the data but never its form.

The budget (examples per test) is the Hypothesis profile chosen in tests/conftest.py. The cases
these tests found are kept in FOUND, each with the verdict the loader now gives.
"""

from __future__ import annotations

import bz2
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
from cuts import Cuts, error_line
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cs229ps2.pipeline import files, textcheck
from cs229ps2.pipeline.files import DataError

FINITE = st.floats(-1e300, 1e300)  # finite, and still finite when printed with fewer digits
NUMBER_FORMATS = [repr, "{:.18e}".format, "{:g}".format, "{:.6f}".format, "{: .8e}".format]
LABEL_FORMATS = ["{:d}".format, "{:.1f}".format, "{:.18e}".format]
NON_FINITE = ["nan", "NaN", "-nan", "inf", "-inf", "+inf", "Infinity", "-Infinity"]
NOT_UTF8 = [b"\xff", b"\xfe", b"\x80", b"\xc3", b"\xe2\x82", b"\xc0\xaf", b"\xed\xa0\x80"]


@dataclass(frozen=True)
class Sample:
    """A generated file: its clean text (LF line ends), the data it holds, and its records."""

    name: str  # the file name the loader reports
    read: Callable  # (name, content) -> tuple of per-record sequences
    text: str
    data: tuple
    records: list[tuple[int, int]]  # (start, end) of each record in text, header excluded
    header_lines: int
    numeric: bool
    separator: str  # between the fields of a record
    field_pattern: str  # the fields of a record (regex), in the record's text

    def fields(self, r: int) -> list[tuple[int, int]]:
        """(start, end) in text of the fields of record r."""
        start, end = self.records[r]
        return [
            (start + m.start(), start + m.end())
            for m in re.finditer(self.field_pattern, self.text[start:end])
        ]

    def line(self, position: int) -> int:
        return self.text.count("\n", 0, position) + 1

    def cuts(self) -> Cuts:
        raw = self.text.encode()
        starts = [len(self.text[:start].encode()) for start, _ in self.records]
        return Cuts(self.name, raw, self.read, starts, self.header_lines)


def assert_same(got: tuple, expected: tuple) -> None:
    assert len(got) == len(expected)
    for a, b in zip(got, expected):
        if isinstance(b, np.ndarray):
            assert a.shape == b.shape and a.dtype.kind == b.dtype.kind
            np.testing.assert_array_equal(a, b)
        else:
            assert a == b


def records_of(text: str, lengths: list[int], start: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) spans of the given lengths from start."""
    spans = []
    for length in lengths:
        spans.append((start, start + length))
        start += length
    assert start == len(text)
    return spans


# --- generated valid files --------------------------------------------------------------------


@st.composite
def points_files(draw) -> Sample:
    """A points CSV as the course writes them (stability, perceptron: y,x0,x1; simple_nn: x1,x2,y)."""
    columns = draw(st.sampled_from([("y", "x0", "x1"), ("x1", "x2", "y")]))
    number, label = draw(st.sampled_from(NUMBER_FORMATS)), draw(st.sampled_from(LABEL_FORMATS))
    rows = draw(st.lists(st.tuples(st.integers(0, 1), FINITE, FINITE), min_size=1, max_size=12))
    header, lines, xs = ",".join(columns) + "\n", [], []
    for y, a, b in rows:
        cells = iter([number(a), number(b)])
        lines.append(",".join(label(y) if c == "y" else next(cells) for c in columns) + "\n")
        xs.append([float(number(a)), float(number(b))])
    text = header + "".join(lines)
    data = (np.array(xs, dtype=float).reshape(-1, 2), np.array([y for y, _, _ in rows]))
    return Sample(
        name="generated.csv",
        read=lambda name, content: files.read_points(name, columns, content),
        text=text,
        data=data,
        records=records_of(text, [len(line) for line in lines], len(header)),
        header_lines=1,
        numeric=True,
        separator=",",
        field_pattern=r"[^,\n]+",
    )


PLAIN = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\t\n\r"), max_size=20).filter(
    lambda m: not m.startswith('"')
)
QUOTED = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r"), max_size=20)


@st.composite
def spam_files(draw) -> Sample:
    """A spam TSV: label<TAB>message lines; for the course reader, messages may be quoted (csv
    quoting: tabs, line ends and doubled quotes inside); the strict reader takes plain ones."""
    reader = draw(st.sampled_from(["course", "strict"]))
    messages = st.one_of(PLAIN, QUOTED.map(lambda m: ("quoted", m))) if reader == "course" else PLAIN
    rows = draw(st.lists(st.tuples(st.sampled_from(["ham", "spam"]), messages), min_size=1, max_size=8))
    lines, texts = [], []
    for label, message in rows:
        if isinstance(message, tuple):
            message = message[1]
            lines.append(f'{label}\t"{message.replace(chr(34), 2 * chr(34))}"\n')
        else:
            lines.append(f"{label}\t{message}\n")
        texts.append(message)
    text = "".join(lines)
    return Sample(
        name="generated.tsv",
        read=lambda name, content: files.read_spam(name, reader, content),
        text=text,
        data=(texts, np.array([files.LABELS[label] for label, _ in rows])),
        records=records_of(text, [len(line) for line in lines], 0),
        header_lines=0,
        numeric=False,
        separator="\t",
        field_pattern=r'^[^\t]*(?=\t)|(?<=\t)(?:"(?:[^"]|"")*"|[^\t\n]*)',
    )


@st.composite
def vector_files(draw, dim_given: bool) -> Sample:
    """A bayesianreg CSV: each x printed by numpy over several lines, then y (repr)."""
    d, n = draw(st.integers(1, 10)), draw(st.integers(1, 5))
    x = draw(arrays(np.float64, (n, d), elements=FINITE))
    y = draw(st.lists(FINITE, min_size=n, max_size=n))
    digits, width = draw(st.integers(1, 17)), draw(st.integers(20, 120))
    cell = f"{{: .{digits}e}}".format
    lines = []
    for row, target in zip(x, y):
        printed = np.array2string(row, max_line_width=width, formatter={"float_kind": cell}, threshold=10**6)
        lines.append(f'"{printed}",{target!r}\n')
    text = "x,y\n" + "".join(lines)
    expected_x = np.array([[float(cell(v)) for v in row] for row in x])
    return Sample(
        name="generated.csv",
        read=lambda name, content: files.read_vectors(name, d if dim_given else None, content),
        text=text,
        data=(expected_x, np.array(y, dtype=float)),
        records=records_of(text, [len(line) for line in lines], len("x,y\n")),
        header_lines=1,
        numeric=True,
        separator=" ",
        field_pattern=r'[^\s\[\]",]+',
    )


@st.composite
def matrix_files(draw, min_size: int = 1) -> Sample:
    """A tab-separated feature matrix, bz2-compressed or not."""
    rows, columns = draw(st.integers(min_size, 6)), draw(st.integers(min_size, 6))
    values = draw(arrays(np.float64, (rows, columns), elements=FINITE)).tolist()
    number = draw(st.sampled_from(NUMBER_FORMATS))
    lines = ["\t".join(number(v) for v in row) + "\n" for row in values]
    text = "".join(lines)
    compressed = draw(st.booleans())
    name = "generated.tsv.bz2" if compressed else "generated.tsv"

    def read(name, content):
        return (files.read_matrix(name, bz2.compress(content) if compressed else content),)

    return Sample(
        name=name,
        read=read,
        text=text,
        data=(np.array([[float(number(v)) for v in row] for row in values]),),
        records=records_of(text, [len(line) for line in lines], 0),
        header_lines=0,
        numeric=True,
        separator="\t",
        field_pattern=r"[^\t\n]+",
    )


# --- harmless variants ------------------------------------------------------------------------

LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])
SPACES = st.text(st.sampled_from(" \t"), max_size=3)


@st.composite
def saved_with_variants(draw, samples) -> tuple[Sample, bytes]:
    """A sample and its text as a spreadsheet or editor may save it."""
    sample = draw(samples)
    mixed = draw(st.booleans())
    end = draw(LINE_ENDS)
    out = [textcheck.BOM] if draw(st.booleans()) else []
    for line in sample.text.split("\n")[:-1]:
        space = draw(SPACES) if sample.numeric else ""
        out.append(line + space + (draw(LINE_ENDS) if mixed else end))
    for _ in range(draw(st.integers(0, 3))):
        out.append(draw(SPACES) + end)
    return sample, "".join(out).encode()


def check_variants(sample: Sample, content: bytes) -> None:
    assert_same(sample.read(sample.name, content), sample.data)


@given(saved_with_variants(points_files()))
def test_points_variants_read_as_the_data(case):
    check_variants(*case)


@given(saved_with_variants(spam_files()))
def test_spam_variants_read_as_the_data(case):
    check_variants(*case)


@given(saved_with_variants(vector_files(dim_given=False)))
def test_vector_variants_read_as_the_data(case):
    check_variants(*case)


@given(saved_with_variants(matrix_files()))
def test_matrix_variants_read_as_the_data(case):
    check_variants(*case)


# --- corruptions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corrupted:
    sample: Sample
    kind: str
    content: bytes
    line: int | None = None  # the line the error must name (kinds that say which)
    cut: int | None = None  # kind "cut": the offset


def byte_at(sample: Sample, position: int) -> int:
    return len(sample.text[:position].encode())


@st.composite
def corrupted(draw, samples, numeric_fields: bool = True) -> Corrupted:
    """A sample with one corruption; field-level ones name the line the loader must report."""
    sample = draw(samples)
    raw, text = sample.text.encode(), sample.text
    kinds = ["cut", "flip", "insert", "delete", "not utf-8", "quote", "drop field", "duplicate field"]
    kind = draw(st.sampled_from(kinds + (["non-finite"] if numeric_fields else [])))
    if kind == "cut":
        cut = draw(st.integers(0, len(raw) - 1))
        return Corrupted(sample, kind, raw[:cut], cut=cut)
    if kind in ("flip", "insert", "delete"):
        p = draw(st.integers(0, len(raw) - 1))
        if kind == "flip":
            new = bytes([raw[p] ^ draw(st.integers(1, 255))])
        else:
            new = b"" if kind == "delete" else draw(st.binary(min_size=1, max_size=3)) + raw[p : p + 1]
        return Corrupted(sample, kind, raw[:p] + new + raw[p + 1 :])
    if kind == "not utf-8":
        p = draw(st.integers(0, len(text)))
        content = text[:p].encode() + draw(st.sampled_from(NOT_UTF8)) + text[p:].encode()
        return Corrupted(sample, kind, content, sample.line(p))
    r = draw(st.integers(0, len(sample.records) - 1))
    fields = sample.fields(r)
    start, end = draw(st.sampled_from(fields))
    line = sample.line(sample.records[r][0])
    if kind == "quote":
        return Corrupted(sample, kind, (text[:start] + '"' + text[start:]).encode())
    if kind == "non-finite":
        changed = text[:start] + draw(st.sampled_from(NON_FINITE)) + text[end:]
    elif kind == "duplicate field":
        changed = text[:end] + sample.separator + text[start:end] + text[end:]
    elif len(fields) == 1:
        changed = text[:start] + text[end:]
    else:  # drop the field and the separator after it (before it, for the last field)
        last = (start, end) == fields[-1]
        changed = text[: start - last] + text[end + (not last) :]
    record_start, record_end = sample.records[r]
    if record_end == len(text) and not changed[record_start:].strip(" \t\n"):  # last line left blank:
        cut = byte_at(sample, record_start)  # a harmless blank line after the file cut before it
        return Corrupted(sample, "cut", changed.encode(), cut=cut)
    return Corrupted(sample, kind, changed.encode(), line)


def well_formed(data: tuple) -> None:
    """The form every loader's data has: one record per entry, finite numbers, labels 0 or 1."""
    n = len(data[0])
    assert n >= 1 and all(len(part) == n for part in data)
    for part in data:
        if isinstance(part, np.ndarray) and part.dtype.kind == "f":
            assert np.isfinite(part).all()
        elif isinstance(part, np.ndarray):
            assert set(np.unique(part)) <= {0, 1}
        else:
            assert all(isinstance(message, str) for message in part)


def check_corruption(case: Corrupted, line_of_field: Callable[[Corrupted], int] | None = None) -> None:
    """The verdict a corruption allows (see the module's docstring)."""
    sample = case.sample
    if case.kind == "cut":
        cuts = sample.cuts()
        cuts.check(case.cut, cuts.verdict(case.content))
        return
    try:
        data = sample.read(sample.name, case.content)
    except DataError as err:
        line = error_line(err, sample.name)
        assert 1 <= line <= case.content.count(b"\n") + case.content.count(b"\r") + 1
        if case.line is not None:
            expected = line_of_field(case) if line_of_field else case.line
            assert line == expected, (str(err), expected)
        if case.kind == "not utf-8":
            assert "not UTF-8" in str(err)
        if case.kind == "non-finite":
            assert "is not finite" in str(err)
        return
    assert case.line is None, f"{case.kind}: no error"  # a corruption that names its line must fail
    well_formed(data)


@given(corrupted(points_files()))
def test_points_corruptions_keep_the_data_or_name_the_line(case):
    check_corruption(case)


@given(corrupted(spam_files(), numeric_fields=False))
def test_spam_corruptions_keep_the_data_or_name_the_line(case):
    check_corruption(case)


@given(corrupted(vector_files(dim_given=True)))
def test_vector_corruptions_keep_the_data_or_name_the_line(case):
    """Dimension given (as the pipeline passes it): a vector of the wrong length is an error."""
    check_corruption(case)


def matrix_line(case: Corrupted) -> int:
    """The first row sets the width: a field dropped or duplicated there shows on line 2 (invalid
    UTF-8 and non-finite values on their own line)."""
    if case.kind in ("drop field", "duplicate field") and case.line == 1:
        return 2
    return case.line


@given(corrupted(matrix_files(min_size=2)))
def test_matrix_corruptions_keep_the_data_or_name_the_line(case):
    check_corruption(case, matrix_line)


@given(matrix_files(), st.data())
def test_compressed_matrix_flips_keep_the_data_or_stop(sample, data):
    """A byte flipped in the bz2 stream: the same data (a padding bit) or an error naming the file."""
    raw = bz2.compress(sample.text.encode())
    p = data.draw(st.integers(0, len(raw) - 1))
    flipped = raw[:p] + bytes([raw[p] ^ data.draw(st.integers(1, 255))]) + raw[p + 1 :]
    try:
        got = files.read_matrix("generated.tsv.bz2", flipped)
    except DataError as err:
        assert str(err).startswith("generated.tsv.bz2") and "\n" not in str(err)
        return
    assert_same((got,), sample.data)


# --- what the generated inputs found ------------------------------------------------------------

_BIG = "x" * 140_000


def points(content: bytes):
    return files.read_points("found.csv", content=content)


def spam(content: bytes, reader: str = "course"):
    return files.read_spam("found.tsv", reader, content)


def vectors(content: bytes):
    return files.read_vectors("found.csv", content=content)


def matrix(content: bytes):
    return (files.read_matrix("found.tsv", content),)


# case -> (loader, content, the error's line and message, or the data)
FOUND = {
    "a lone CR ends a line (was csv.Error)": (points, b"y,x0,x1\n0,1,2\r1,2,3\n", ([[1, 2], [2, 3]], [0, 1])),
    "a lone CR in a spam file (was csv.Error)": (spam, b"ham\thi\rspam\twin\n", (["hi", "win"], [0, 1])),
    "a quote that never closes in a long spam file (was csv.Error)": (
        spam,
        b'ham\thi\nspam\t"win' + _BIG.encode() + b"\n",
        (2, "cannot split this row (field larger than field limit (131072)): a quote that never closes?"),
    ),
    "a quoted message cut at a line end (was read as a shorter message)": (
        spam,
        b'ham\thi\nspam\t"win\nmore\n',
        (2, "a quote opened on this line never closes (truncated file?)"),
    ),
    "CR line ends in a vector file (was one line: a header error)": (
        vectors,
        b'x,y\r"[ 1.0  2.0]",3.0\r',
        ([[1.0, 2.0]], [3.0]),
    ),
    "a header cut short (was 'no data rows' on line 2)": (
        points,
        b"y,x0,x1",
        (1, "truncated: last line has no line end"),
    ),
    "a points file cut inside its last number (was read as a different number)": (
        points,
        b"y,x0,x1\n0,1,2.5",
        (2, "truncated: last line has no line end"),
    ),
    "a matrix cut inside its last number (was read as a different number)": (
        matrix,
        b"1\t2\n3\t4.25",
        (2, "truncated: last line has no line end"),
    ),
    "an underscore in a number (was read as 10)": (
        points,
        b"y,x0,x1\n0,1_0,2\n",
        (2, "column x0: '1_0' is not a number"),
    ),
    "an Arabic-Indic digit (was read as 1)": (
        points,
        "y,x0,x1\n0,\u0661,2\n".encode(),
        (2, "column x0: '\u0661' is not a number"),
    ),
    "an underscore in a vector (was read as 10)": (
        vectors,
        b'x,y\n"[ 1_0  2.0]",3.0\n',
        (2, "column x: '1_0' is not a number"),
    ),
    "an empty vector first (was an AssertionError)": (
        vectors,
        b'x,y\n"[]",1.0\n"[ 1.0  2.0]",3.0\n',
        (2, "the vector is empty"),
    ),
    "a form feed in a strict spam message (was split there: an error on a good line)": (
        lambda content: spam(content, "strict"),
        b"ham\thi\x0cthere\nspam\twin\n",
        (["hi\x0cthere", "win"], [0, 1]),
    ),
    "a line separator U+2028 in a matrix row (was split there: an error on the wrong line)": (
        matrix,
        "1\u20282\t3\n4\t5\n".encode(),
        (1, "column value: '1\\u20282' is not a number"),
    ),
    "a quoted line end in a points field (was read as 1, later lines misnumbered)": (
        points,
        b'y,x0,x1\n0,"1\n",3\n1,x,4\n',
        (2, "column x0: '1\\n' is not a number"),
    ),
    "a line end inside a quoted header (was a message over two lines)": (
        points,
        b'y,"x0\nz",x1\n0,1,2\n',
        (1, "expected columns y,x0,x1, found y,x0\\nz,x1"),
    ),
}


@pytest.mark.parametrize("case", FOUND)
def test_found_cases(case):
    read, content, expected = FOUND[case]
    if isinstance(expected[0], int):
        with pytest.raises(DataError) as err:
            read(content)
        assert err.value.line == expected[0] and str(err.value).split(": ", 1)[1] == expected[1]
        assert "\n" not in str(err.value)
    else:
        for got, want in zip(read(content), expected):
            assert np.array_equal(got, want) if isinstance(got, np.ndarray) else got == want
