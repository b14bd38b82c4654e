"""Readers and writers for every file format of the problem set.

Each reader validates what it reads and raises one :class:`DataError` naming the
file and the line of the first problem, so a pipeline job stops with a message a
person can act on.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from pathlib import Path

import numpy as np
import yaml

from cs229ps2.pipeline.textcheck import (  # DataError, normalize, invisible: part of this module's API
    NUMBER,
    DataError,
    check_header,
    csv_rows,
    invisible,
    parse_float,
    parse_label,
    read_text,
    require_line_end,
    text_lines,
)

LABELS = {"spam": 1, "ham": 0}
LABEL_COLUMN = "y"  # the label column of every points CSV


def read_points(path, columns=("y", "x0", "x1"), content: bytes | None = None):
    """Read a labelled CSV of points; the label column is ``y``.

    Returns ``(x, y)``: x of shape (n, len(columns) - 1) in file column order
    (label removed), y of shape (n,) with integer labels in {0, 1}.
    content: the file's bytes, if already in memory (path then only names it).
    """
    text = read_text(path, numeric=True, content=content)
    require_line_end(path, text)
    rows = csv_rows(path, text)
    if not rows:
        raise DataError(path, 1, "empty file")
    check_header(path, rows[0][1], columns)
    if len(rows) == 1:
        raise DataError(path, 2, "no data rows")
    k = columns.index(LABEL_COLUMN)
    xs, ys = [], []
    for line, row in rows[1:]:
        if len(row) != len(columns):
            tab = " (a tab where a comma belongs?)" if any("\t" in field for field in row) else ""
            raise DataError(path, line, f"expected {len(columns)} fields, found {len(row)}{tab}")
        values = [parse_float(path, line, f, c) for f, c in zip(row, columns)]
        ys.append(parse_label(path, line, values.pop(k), LABEL_COLUMN))
        xs.append(values)
    return np.array(xs, dtype=float), np.array(ys, dtype=int)


def write_points(path, x, y, columns=("y", "x0", "x1")) -> None:
    """Write points in the course's CSV layout (``%.18e`` numbers, one header line, label ``y``)."""
    k = columns.index(LABEL_COLUMN)
    table = np.insert(np.asarray(x, dtype=float), k, y, axis=1)
    np.savetxt(path, table, delimiter=",", header=",".join(columns), comments="", fmt="%.18e")


def _label_of(path, line: int, field: str) -> int:
    if field not in LABELS:
        raise DataError(path, line, f"label {field!r} is not 'spam' or 'ham'{invisible(field)}")
    return LABELS[field]


def _course_rows(path, text: str):
    """Yield (first line, label, message) as Python's csv.reader splits the file."""
    for start, row in csv_rows(path, text, delimiter="\t"):
        if len(row) != 2:
            raise DataError(path, start, f"expected 2 tab-separated fields, found {len(row)}")
        yield start, row[0], row[1]


def _strict_rows(path, text: str):
    """Yield (line, label, message), one message per line, no quoting."""
    for line, row in enumerate(text_lines(text), start=1):
        fields = row.split("\t")
        if len(fields) != 2:
            raise DataError(path, line, f"expected 2 tab-separated fields, found {len(fields)}")
        yield line, fields[0], fields[1]


SPAM_READERS = {"course": _course_rows, "strict": _strict_rows}


def read_spam_rows(path, reader: str = "course", content: bytes | None = None) -> list[tuple[int, int, str]]:
    """Read a spam TSV into (first line, label, message) triples.

    ``reader="course"`` splits the file as the course's loader did (csv.reader,
    tab delimiter, default quoting: a quoted field may span lines);
    ``reader="strict"`` takes one message per line, quotes included.
    content: the file's bytes, if already in memory (path then only names it).
    """
    text = read_text(path, content=content)
    require_line_end(path, text)
    rows = [(line, _label_of(path, line, lab), msg) for line, lab, msg in SPAM_READERS[reader](path, text)]
    if not rows:
        raise DataError(path, 1, "no messages")
    return rows


def read_spam(path, reader: str = "course", content: bytes | None = None):
    """Read a spam TSV: returns (messages list[str], labels int array (n,))."""
    rows = read_spam_rows(path, reader, content)
    return [msg for _, _, msg in rows], np.array([lab for _, lab, _ in rows], dtype=int)


def spam_reader_disagreements(path) -> list[int]:
    """Lines where the course reader and the strict reader see different messages."""
    course = {line: (lab, msg) for line, lab, msg in read_spam_rows(path, "course")}
    strict = {line: (lab, msg) for line, lab, msg in read_spam_rows(path, "strict")}
    return sorted(line for line in strict if course.get(line) != strict[line])


def write_spam(path, messages, labels) -> None:
    """Write label<TAB>message lines; messages must not hold tabs, newlines or quotes."""
    names = {v: k for k, v in LABELS.items()}
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for msg, lab in zip(messages, labels):
            if re.search(r'[\t\n\r"]', msg):
                raise ValueError(f"message cannot be written safely: {msg!r}")
            f.write(f"{names[int(lab)]}\t{msg}\n")


_VECTOR_ROW = re.compile(r'"\[([^\]"]*+)\]",([^\n]*)\n')


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _plain(rows: list[list[str]]) -> bool:
    """Whether the fields hold only digits, points, signs and exponent marks (numpy may convert
    them all at once; anything else takes the careful path)."""
    joined = "".join(map("".join, rows))
    return joined.isascii() and not joined.encode("ascii").translate(None, b"0123456789.eE+-")


def _as_floats(path, rows: list[list[str]], line_of, column: str) -> np.ndarray:
    """Convert rows of numeric strings (one row per record) to a finite 2-D float array, or name
    the first bad line. Plain fields (digits, point, sign, exponent) convert all at once."""
    if _plain(rows):
        try:
            values = np.array(rows, dtype=float)
        except ValueError:
            values = None
        if values is not None and np.isfinite(values).all():
            return values

    def value(i: int, field: str) -> float:  # a bad field: parse_float names it and its line
        number = float(field) if NUMBER.fullmatch(field) else math.nan
        return number if math.isfinite(number) else parse_float(path, line_of(i), field, column)

    return np.array([[value(i, field) for field in row] for i, row in enumerate(rows)])


def read_vectors(path, dim: int | None = None, content: bytes | None = None):
    """Read a bayesianreg CSV (column x: a numpy-printed vector over several lines; y).

    Returns ``(x, y)`` with x of shape (n, d), y of shape (n,). ``dim`` fixes d;
    otherwise every row must have the first row's length.
    content: the file's bytes, if already in memory (path then only names it).
    """
    text = read_text(path, numeric=True, content=content)
    header = text.partition("\n")[0]
    check_header(path, header.split(","), ("x", "y"))
    starts, vectors, targets = [], [], []
    pos = len(header) + 1
    while match := _VECTOR_ROW.match(text, pos):
        values = match.group(1).split()
        if not values:
            raise DataError(path, _line_at(text, pos), "the vector is empty")
        dim = len(values) if dim is None else dim
        if len(values) != dim:
            raise DataError(path, _line_at(text, pos), f"vector has {len(values)} entries, expected {dim}")
        starts.append(pos)
        vectors.append(values)
        targets.append([match.group(2)])
        pos = match.end()
    if pos != len(text):
        raise DataError(path, _line_at(text, pos), "malformed or truncated row")
    if not vectors:
        raise DataError(path, 2, "no data rows")

    def line_of(i):
        return _line_at(text, starts[i])

    return _as_floats(path, vectors, line_of, "x"), _as_floats(path, targets, line_of, "y")[:, 0]


def format_vector(v) -> str:
    """Print a vector as numpy does for the course files: ``[ 1.2e+00 -3.4e-01 ...]``."""
    cells = [f"{value: .8e}" for value in v]
    lines = [" ".join(cells[i : i + 4]) for i in range(0, len(cells), 4)]
    return "[" + "\n ".join(lines) + "]"


def vector_lines(x, y) -> list[str]:
    """The data lines of a bayesianreg CSV in the course's format, one per row of x (n, d)."""
    return [f'"{format_vector(row)}",{float(target)!r}\n' for row, target in zip(x, y)]


def write_vectors(path, x, y, lines: list[str] | None = None) -> None:
    """Write a bayesianreg CSV in the course's format (its data lines, if already formatted)."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("x,y\n")
        f.writelines(vector_lines(x, y) if lines is None else lines)


def read_matrix(path, content: bytes | None = None) -> np.ndarray:
    """Read a tab-separated float matrix, bz2-compressed if the name ends in .bz2.

    content: the file's bytes (compressed if the name says so), if already in memory."""
    text = read_text(path, numeric=True, compressed=str(path).endswith(".bz2"), content=content)
    require_line_end(path, text)
    rows = [line.split("\t") for line in text_lines(text)]
    if not rows:
        raise DataError(path, 1, "empty matrix")
    for line, row in enumerate(rows, start=1):
        if len(row) != len(rows[0]):
            raise DataError(path, line, f"expected {len(rows[0])} columns, found {len(row)}")
    return _as_floats(path, rows, lambda i: i + 1, "value")


def write_json(path, obj) -> None:
    """Write JSON with sorted keys and a final newline, so reruns give identical bytes."""
    Path(path).write_text(json.dumps(obj, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_json(path):
    """Read a JSON file."""
    return json.loads(read_text(path))


def write_npz(path, **arrays) -> None:
    """np.savez_compressed with fixed zip timestamps, so reruns write identical bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def write_labels(path, labels) -> None:
    """Predicted labels, one integer per line (the course's prediction files)."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(f"{int(v)}\n" for v in labels)


def read_labels(path) -> np.ndarray:
    """Read a file of one 0/1 label per line, as written by :func:`write_labels`."""
    lines = read_text(path).splitlines()
    for line, field in enumerate(lines, start=1):
        if field not in ("0", "1"):
            raise DataError(path, line, f"label {field!r} is not 0 or 1")
    return np.array(lines, dtype=int)


def _cell(value, float_format: str):
    """A CSV cell: floats in float_format (NaN and None empty), anything else as str()."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float | np.floating):
        return float_format % value
    return value


def write_rows(path, rows: list[dict], columns, float_format: str = "%.10g") -> None:
    """Write dicts as CSV with the given columns (LF line ends, fixed float format)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: _cell(row.get(k), float_format) for k in columns} for row in rows)


def read_rows(path) -> list[dict]:
    """A CSV file with a header line as a list of dicts of strings."""
    return list(csv.DictReader(read_text(path).splitlines()))


def read_yaml(path):
    """A YAML file's content, parsed safely (with libyaml's fast loader where PyYAML has it)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(read_text(path), Loader=loader)  # noqa: S506 (a safe loader)


def write_count_sample(path, matrix, dictionary: dict[str, int], rows: int) -> None:
    """The first ``rows`` rows of a word-count matrix as TSV, with the words as header."""
    words = sorted(dictionary, key=dictionary.__getitem__)
    lines = ["\t".join(words), *("\t".join(map(str, row)) for row in np.asarray(matrix)[:rows])]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
