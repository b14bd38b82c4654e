"""A file cut short, and the verdict a loader must give on it (shared by test_truncations, on the
course files, and test_loader_properties, on generated files).

A cut at a record boundary reads as exactly the full data's first records (it cannot be told
from a shorter file); any other cut stops with one DataError naming the file and a line between
the first line of the record the cut falls in and the line of the cut.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

import numpy as np

from cs229ps2.pipeline.files import DataError


def line_starts(raw: bytes) -> list[int]:
    """Offsets just after each line end."""
    return [m.end() for m in re.finditer(rb"\n", raw)]


def error_line(err: DataError, path: str) -> int:
    """The line a DataError names, after checking it names the file and the line in one line."""
    text = str(err)
    assert err.path == path and err.line is not None, text
    assert text.startswith(f"{path}, line {err.line}: ") and "\n" not in text and "\r" not in text, text
    return err.line


class Cuts:
    """A file's bytes, its full data (a tuple of per-record sequences) and its records.

    read(path, content) is the loader on bytes in memory; starts are the offsets where records
    begin, after header_lines lines of header.
    """

    def __init__(self, path: str, raw: bytes, read: Callable, starts: list[int], header_lines: int):
        self.path, self.raw, self.read, self.starts = path, raw, read, starts
        self.data = read(path, raw)
        self.header, self.header_lines = raw[: starts[0]], header_lines
        assert len(starts) == len(self.data[0]) and self.header.count(b"\n") == header_lines
        self.line_starts = line_starts(raw)
        self.boundaries = {cut: n for n, cut in enumerate([*starts[1:], len(raw)], start=1)}

    def line(self, offset: int) -> int:
        """The line an offset is on (just after a line end: the next line)."""
        return bisect.bisect_right(self.line_starts, offset) + 1

    def rows(self, data, first: int = 0) -> int:
        """first plus the number of records in data, checking they are the full data's from first."""
        n = len(data[0])
        for got, full in zip(data, self.data):
            if isinstance(full, np.ndarray):
                np.testing.assert_array_equal(got, full[first : first + n])
            else:
                assert got == full[first : first + n]
        return first + n

    def verdict(self, content: bytes, first: int = 0, shift: int = 0) -> tuple:
        """('rows', n) or ('error', line, message): the loader's verdict on content, a part of the
        file from record first on whose lines are numbered shift less than the full file's."""
        try:
            return ("rows", self.rows(self.read(self.path, content), first))
        except DataError as err:
            return ("error", error_line(err, self.path) + shift, str(err).split(": ", 1)[1])

    def prefix_verdict(self, cut: int) -> tuple:
        return self.verdict(self.raw[:cut])

    def window_verdict(self, cut: int) -> tuple:
        """The verdict on the header plus the part of the record the cut falls in (or ends)."""
        r = bisect.bisect_left(self.starts, cut) - 1
        if r < 0:
            return self.prefix_verdict(cut)  # a cut in the header: the prefix is small
        shift = self.line(self.starts[r]) - self.header_lines - 1
        return self.verdict(self.header + self.raw[self.starts[r] : cut], r, shift)

    def check(self, cut: int, verdict: tuple) -> None:
        """Rows exactly when the cut falls on a record boundary; else an error on a line between
        the start of the record the cut falls in and the cut."""
        if cut in self.boundaries:
            assert verdict == ("rows", self.boundaries[cut]), (cut, verdict)
            return
        r = bisect.bisect_left(self.starts, cut) - 1
        first = 1 if r < 0 else self.line(self.starts[r])
        assert verdict[0] == "error" and first <= verdict[1] <= self.line(cut), (cut, verdict)
