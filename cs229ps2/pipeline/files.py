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


def _read_utf8(path, compressed: bool = False, content: bytes | None = None) -> str:
    """A file's text as strict UTF-8 (line ends untouched), bz2-decompressed first if compressed.

    content: the file's bytes when they are already in memory (path then only names the file).
    """
    try:
        raw = Path(path).read_bytes() if content is None else content
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
_LINE_END_SPACE = re.compile(r"[ \t]+$", flags=re.M)


def _has_line_end_space(text: str) -> bool:
    """Whether a line of text ends in a space or tab (a quick look before the slower regex)."""
    return " \n" in text or "\t\n" in text or text.endswith((" ", "\t"))


def normalize(text: str, numeric: bool = False) -> tuple[str, list[str]]:
    """Undo the harmless variants a saved file may carry; return the text and what was undone.

    A leading byte-order mark is removed, CRLF and lone CR line ends become LF, blank lines at
    the end are dropped (the last line end kept), and in numeric files (numeric=True) spaces and
    tabs at the ends of lines go. A file that does not end in a line end is left so (truncated).
    """
    notes = []
    if text.startswith(BOM):
        text = text[1:]
        notes.append("byte-order mark removed")
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
        notes.append("CRLF line ends made LF")
    if "\r" in text:
        text = text.replace("\r", "\n")
        notes.append("CR line ends made LF")
    if numeric and _has_line_end_space(text):
        text, count = _LINE_END_SPACE.subn("", text)
        if count:
            notes.append(f"trailing spaces removed on {count} line{'s' * (count > 1)}")
    body = text.rstrip(" \t\n")
    tail = text[len(body) :]  # spaces, tabs and line ends at the end: blank lines if 2+ line ends
    count = tail.count("\n") - 1
    if count > 0 and tail.endswith("\n"):
        text = text[: len(body) + tail.index("\n") + 1]
        notes.append(f"{count} trailing blank line{'s' * (count > 1)} ignored")
    return text, notes


def read_text(path, numeric: bool = False, compressed: bool = False, content: bytes | None = None) -> str:
    """A file's text (bz2-decompressed first if compressed), decoded as strict UTF-8, with its
    harmless variants undone (:func:`normalize`). content: its bytes, if already in memory."""
    return normalize(_read_utf8(path, compressed, content), numeric)[0]


def _require_line_end(path, text: str) -> None:
    """A text that does not end in a line end was cut short (normalize keeps that visible)."""
    if text and not text.endswith("\n"):
        raise DataError(path, text.count("\n") + 1, "truncated: last line has no line end")


def _lines(text: str) -> list[str]:
    """The lines of a text that ends in a line end, split at LF only (not at form feeds, U+2028...)."""
    return text.split("\n")[:-1] if text else []


def _shown(text: str) -> str:
    """text with characters that cannot be seen on one line (line ends, tabs, controls) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


_END_OF_FILE = "\x00end\x00"  # a last row csv.reader returns only if no quoted field is left open


def _csv_rows(path, text: str, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """(first line, fields) of each row, as Python's csv.reader splits text (default quoting: a
    quoted field may span lines). A quote still open at the end of the text, or a field longer
    than csv allows, is a DataError naming the line the row starts on."""
    reader = csv.reader(io.StringIO(text + _END_OF_FILE + "\n"), delimiter=delimiter)
    rows, start = [], 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as err:
        raise DataError(path, start, f"cannot split this row ({err}): a quote that never closes?") from None
    start, last = rows.pop()
    if last != [_END_OF_FILE]:
        raise DataError(path, start, "a quote opened on this line never closes (truncated file?)")
    return rows


def invisible(text: str) -> str:
    """' (it holds ...)' naming the characters a reader cannot see in text, or ''."""
    found = [name for char, name in INVISIBLE.items() if char in text]
    return f" (it holds {' and '.join(found)})" if found else ""


def _check_header(path, found: list[str], expected: tuple[str, ...]) -> None:
    if tuple(found) != tuple(expected):
        seen = ",".join(found)
        tab = " (a tab where a comma belongs?)" if len(found) == 1 and "\t" in seen else ""
        names = ",".join(expected)
        raise DataError(path, 1, f"expected columns {names}, found {_shown(seen)}{invisible(seen)}{tab}")


# A number as the course files print it (and float() reads it): ASCII digits, no underscores.
_NUMBER = re.compile(r"[ \t]*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf|infinity|nan)[ \t]*", re.A | re.I)


def _parse_float(path, line: int, field: str, column: str) -> float:
    if not _NUMBER.fullmatch(field):
        raise DataError(path, line, f"column {column}: {field!r} is not a number{invisible(field)}")
    value = float(field)
    if not math.isfinite(value):
        raise DataError(path, line, f"column {column}: {field!r} is not finite")
    return value


def _parse_label(path, line: int, value: float, column: str) -> int:
    if value not in (0.0, 1.0):
        raise DataError(path, line, f"column {column}: label {value:g} is not 0 or 1")
    return int(value)


def read_points(path, columns=("y", "x0", "x1"), content: bytes | None = None):
    """Read a labelled CSV of points; the label column is ``y``.

    Returns ``(x, y)``: x of shape (n, len(columns) - 1) in file column order
    (label removed), y of shape (n,) with integer labels in {0, 1}.
    content: the file's bytes, if already in memory (path then only names it).
    """
    text = read_text(path, numeric=True, content=content)
    _require_line_end(path, text)
    rows = _csv_rows(path, text)
    if not rows:
        raise DataError(path, 1, "empty file")
    _check_header(path, rows[0][1], columns)
    if len(rows) == 1:
        raise DataError(path, 2, "no data rows")
    k = columns.index(LABEL_COLUMN)
    xs, ys = [], []
    for line, row in rows[1:]:
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
    for start, row in _csv_rows(path, text, delimiter="\t"):
        if len(row) != 2:
            raise DataError(path, start, f"expected 2 tab-separated fields, found {len(row)}")
        yield start, row[0], row[1]


def _strict_rows(path, text: str):
    """Yield (line, label, message), one message per line, no quoting."""
    for line, row in enumerate(_lines(text), start=1):
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
    _require_line_end(path, text)
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

    def value(i: int, field: str) -> float:  # a bad field: _parse_float names it and its line
        number = float(field) if _NUMBER.fullmatch(field) else math.nan
        return number if math.isfinite(number) else _parse_float(path, line_of(i), field, column)

    return np.array([[value(i, field) for field in row] for i, row in enumerate(rows)])


def read_vectors(path, dim: int | None = None, content: bytes | None = None):
    """Read a bayesianreg CSV (column x: a numpy-printed vector over several lines; y).

    Returns ``(x, y)`` with x of shape (n, d), y of shape (n,). ``dim`` fixes d;
    otherwise every row must have the first row's length.
    content: the file's bytes, if already in memory (path then only names it).
    """
    text = read_text(path, numeric=True, content=content)
    header = text.partition("\n")[0]
    _check_header(path, header.split(","), ("x", "y"))
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
    _require_line_end(path, text)
    rows = [line.split("\t") for line in _lines(text)]
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
