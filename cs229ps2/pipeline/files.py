"""Readers and writers for every file format of the problem set.

Each reader validates what it reads and raises one :class:`DataError` naming the
file and the line of the first problem, so a pipeline job stops with a message a
person can act on.
"""

from __future__ import annotations

import bz2
import csv
import io
import json
import math
import re
import zipfile
from pathlib import Path

import numpy as np
import yaml

LABELS = {"spam": 1, "ham": 0}
LABEL_COLUMN = "y"  # the label column of every points CSV


class DataError(ValueError):
    """Bad input data; the message names the file and, where known, the line."""

    def __init__(self, path, line: int | None, message: str):
        self.path, self.line = str(path), line
        where = f"{path}, line {line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")


def _read_utf8(path, compressed: bool = False) -> str:
    """A file's text as strict UTF-8 (line ends untouched), bz2-decompressed first if compressed."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataError(path, None, "file not found") from None
    if compressed:
        try:
            raw = bz2.decompress(raw)
        except (OSError, ValueError) as err:  # ValueError: the stream is truncated
            raise DataError(path, None, f"not a valid bz2 file ({err})") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(path, line, f"not UTF-8 (byte 0x{raw[err.start]:02x})") from None


BOM = "\ufeff"
INVISIBLE = {
    BOM: "a byte-order mark (U+FEFF)",
    "\u00a0": "a non-breaking space (U+00A0)",
    "\u200b": "a zero-width space (U+200B)",
    "\u200c": "a zero-width non-joiner (U+200C)",
    "\u200d": "a zero-width joiner (U+200D)",
    "\u2060": "a word joiner (U+2060)",
}
_TRAILING_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+\Z")
_LINE_END_SPACE = re.compile(r"[ \t]+$", flags=re.M)


def normalize(text: str, numeric: bool = False) -> tuple[str, list[str]]:
    """Undo the harmless variants a saved file may carry; return the text and what was undone.

    A leading byte-order mark is removed, CRLF line ends become LF, blank lines at the end are
    dropped (the last line end kept), and in numeric files (numeric=True) spaces and tabs at
    the ends of lines go. A file that does not end in a line end is left so (truncated).
    """
    notes = []
    if text.startswith(BOM):
        text = text[1:]
        notes.append("byte-order mark removed")
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
        notes.append("CRLF line ends made LF")
    if numeric:
        text, count = _LINE_END_SPACE.subn("", text)
        if count:
            notes.append(f"trailing spaces removed on {count} line{'s' * (count > 1)}")
    blank = _TRAILING_BLANK_LINES.search(text)
    if blank:
        count = blank.group().count("\n") - 1
        text = text[: blank.start()] + "\n"
        notes.append(f"{count} trailing blank line{'s' * (count > 1)} ignored")
    return text, notes


def read_text(path, numeric: bool = False, compressed: bool = False) -> str:
    """A file's text (bz2-decompressed first if compressed), decoded as strict UTF-8, with its
    harmless variants undone (:func:`normalize`)."""
    return normalize(_read_utf8(path, compressed), numeric)[0]


def invisible(text: str) -> str:
    """' (it holds ...)' naming the characters a reader cannot see in text, or ''."""
    found = [name for char, name in INVISIBLE.items() if char in text]
    return f" (it holds {' and '.join(found)})" if found else ""


def _check_header(path, found: list[str], expected: tuple[str, ...]) -> None:
    if tuple(found) != tuple(expected):
        seen = ",".join(found)
        tab = " (a tab where a comma belongs?)" if len(found) == 1 and "\t" in seen else ""
        raise DataError(path, 1, f"expected columns {','.join(expected)}, found {seen}{invisible(seen)}{tab}")


def _parse_float(path, line: int, field: str, column: str) -> float:
    try:
        value = float(field)
    except ValueError:
        raise DataError(path, line, f"column {column}: {field!r} is not a number{invisible(field)}") from None
    if not math.isfinite(value):
        raise DataError(path, line, f"column {column}: {field!r} is not finite")
    return value


def _parse_label(path, line: int, value: float, column: str) -> int:
    if value not in (0.0, 1.0):
        raise DataError(path, line, f"column {column}: label {value:g} is not 0 or 1")
    return int(value)


def read_points(path, columns=("y", "x0", "x1")):
    """Read a labelled CSV of points; the label column is ``y``.

    Returns ``(x, y)``: x of shape (n, len(columns) - 1) in file column order
    (label removed), y of shape (n,) with integer labels in {0, 1}.
    """
    text = read_text(path, numeric=True)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise DataError(path, 1, "empty file")
    _check_header(path, rows[0], columns)
    if len(rows) == 1:
        raise DataError(path, 2, "no data rows")
    k = columns.index(LABEL_COLUMN)
    xs, ys = [], []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(columns):
            tab = " (a tab where a comma belongs?)" if any("\t" in field for field in row) else ""
            raise DataError(path, line, f"expected {len(columns)} fields, found {len(row)}{tab}")
        values = [_parse_float(path, line, f, c) for f, c in zip(row, columns)]
        ys.append(_parse_label(path, line, values.pop(k), LABEL_COLUMN))
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
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    start = 1
    for row in reader:
        if len(row) != 2:
            raise DataError(path, start, f"expected 2 tab-separated fields, found {len(row)}")
        yield start, row[0], row[1]
        start = reader.line_num + 1


def _strict_rows(path, text: str):
    """Yield (line, label, message), one message per line, no quoting."""
    for line, row in enumerate(text.splitlines(), start=1):
        fields = row.split("\t")
        if len(fields) != 2:
            raise DataError(path, line, f"expected 2 tab-separated fields, found {len(fields)}")
        yield line, fields[0], fields[1]


SPAM_READERS = {"course": _course_rows, "strict": _strict_rows}


def read_spam_rows(path, reader: str = "course") -> list[tuple[int, int, str]]:
    """Read a spam TSV into (first line, label, message) triples.

    ``reader="course"`` splits the file as the course's loader did (csv.reader,
    tab delimiter, default quoting: a quoted field may span lines);
    ``reader="strict"`` takes one message per line, quotes included.
    """
    text = read_text(path)
    if text and not text.endswith("\n"):
        raise DataError(path, text.count("\n") + 1, "truncated: last line has no line end")
    rows = [(line, _label_of(path, line, lab), msg) for line, lab, msg in SPAM_READERS[reader](path, text)]
    if not rows:
        raise DataError(path, 1, "no messages")
    return rows


def read_spam(path, reader: str = "course"):
    """Read a spam TSV: returns (messages list[str], labels int array (n,))."""
    rows = read_spam_rows(path, reader)
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


_VECTOR_ROW = re.compile(r'"\[([^\]"]*)\]",([^\n]*)\n')


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _as_floats(path, rows, line_of, column: str) -> np.ndarray:
    """Convert rows of numeric strings to a finite float array, or name the first bad line."""
    try:
        values = np.array(rows, dtype=float)
    except ValueError:
        values = None
    if values is not None and np.isfinite(values).all():
        return values
    for i, row in enumerate(rows):
        for field in np.atleast_1d(row):
            _parse_float(path, line_of(i), str(field), column)
    raise AssertionError("unreachable")  # pragma: no cover


def read_vectors(path, dim: int | None = None):
    """Read a bayesianreg CSV (column x: a numpy-printed vector over several lines; y).

    Returns ``(x, y)`` with x of shape (n, d), y of shape (n,). ``dim`` fixes d;
    otherwise every row must have the first row's length.
    """
    text = read_text(path, numeric=True)
    header = text.partition("\n")[0]
    _check_header(path, header.split(","), ("x", "y"))
    starts, vectors, targets = [], [], []
    pos = len(header) + 1
    for match in _VECTOR_ROW.finditer(text, pos):
        if match.start() != pos:
            break
        values = match.group(1).split()
        dim = dim or len(values)
        if len(values) != dim:
            raise DataError(path, _line_at(text, pos), f"vector has {len(values)} entries, expected {dim}")
        starts.append(pos)
        vectors.append(values)
        targets.append(match.group(2))
        pos = match.end()
    if pos != len(text):
        raise DataError(path, _line_at(text, pos), "malformed or truncated row")
    if not vectors:
        raise DataError(path, 2, "no data rows")

    def line_of(i):
        return _line_at(text, starts[i])

    return _as_floats(path, vectors, line_of, "x"), _as_floats(path, targets, line_of, "y")


def format_vector(v) -> str:
    """Print a vector as numpy does for the course files: ``[ 1.2e+00 -3.4e-01 ...]``."""
    cells = [f"{value: .8e}" for value in v]
    lines = [" ".join(cells[i : i + 4]) for i in range(0, len(cells), 4)]
    return "[" + "\n ".join(lines) + "]"


def write_vectors(path, x, y) -> None:
    """Write a bayesianreg CSV in the course's format."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("x,y\n")
        for row, target in zip(x, y):
            f.write(f'"{format_vector(row)}",{float(target)!r}\n')


def read_matrix(path) -> np.ndarray:
    """Read a tab-separated float matrix, bz2-compressed if the name ends in .bz2."""
    lines = read_text(path, numeric=True, compressed=str(path).endswith(".bz2")).splitlines()
    rows = [line.split("\t") for line in lines]
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
