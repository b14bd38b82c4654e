"""Text checks under every reader of :mod:`.files`: decoding, harmless variants undone, CSV rows,
headers and fields, each failure one :class:`DataError` naming the file and the line."""

from __future__ import annotations

import bz2
import csv
import io
import math
import re
from pathlib import Path


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


def require_line_end(path, text: str) -> None:
    """A text that does not end in a line end was cut short (normalize keeps that visible)."""
    if text and not text.endswith("\n"):
        raise DataError(path, text.count("\n") + 1, "truncated: last line has no line end")


def text_lines(text: str) -> list[str]:
    """The lines of a text that ends in a line end, split at LF only (not at form feeds, U+2028...)."""
    return text.split("\n")[:-1] if text else []


def _shown(text: str) -> str:
    """text with characters that cannot be seen on one line (line ends, tabs, controls) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


_END_OF_FILE = "\x00end\x00"  # a last row csv.reader returns only if no quoted field is left open


def csv_rows(path, text: str, delimiter: str = ",") -> list[tuple[int, list[str]]]:
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


def check_header(path, found: list[str], expected: tuple[str, ...]) -> None:
    if tuple(found) != tuple(expected):
        seen = ",".join(found)
        tab = " (a tab where a comma belongs?)" if len(found) == 1 and "\t" in seen else ""
        names = ",".join(expected)
        raise DataError(path, 1, f"expected columns {names}, found {_shown(seen)}{invisible(seen)}{tab}")


# A number as the course files print it (and float() reads it): ASCII digits, no underscores.
NUMBER = re.compile(r"[ \t]*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf|infinity|nan)[ \t]*", re.A | re.I)


def parse_float(path, line: int, field: str, column: str) -> float:
    if not NUMBER.fullmatch(field):
        raise DataError(path, line, f"column {column}: {field!r} is not a number{invisible(field)}")
    value = float(field)
    if not math.isfinite(value):
        raise DataError(path, line, f"column {column}: {field!r} is not finite")
    return value


def parse_label(path, line: int, value: float, column: str) -> int:
    if value not in (0.0, 1.0):
        raise DataError(path, line, f"column {column}: label {value:g} is not 0 or 1")
    return int(value)
