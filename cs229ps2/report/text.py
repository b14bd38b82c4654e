"""Numbers as the report writes them, and the blocks an answer is made of.

Every problem's summary (``cs229ps2.problems.<key>.summary``) turns its numbers into
sentences and tables with these helpers, so the same value reads the same everywhere.
"""

from __future__ import annotations

import math


def num(value, digits: int = 4) -> str:
    """A number with `digits` significant digits; integers with thousands separators."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return str(value)
    return f"{value + 0.0:.{digits}g}"  # + 0.0: -0.0 prints as 0


def share(value) -> str:
    """An accuracy (or any share) with 4 decimals; None -> n/a."""
    return "n/a" if value is None else f"{value:.4f}"


def vector(values, digits: int = 3) -> str:
    return "(" + ", ".join(num(v, digits) for v in values) + ")"


def dataset_label(name: str) -> str:
    """ds1_a -> A: the problem set's names for the stability data sets."""
    return name.rsplit("_", 1)[-1].upper()


def join_words(words) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def part(key: str, question: str, sentences=(), tables=()) -> dict:
    """One sub-question: key like '1(a)', the question, answer sentences and tables."""
    return {"key": key, "question": question, "sentences": list(sentences), "tables": list(tables)}


def table(headers, rows, caption: str = "") -> dict:
    """A table of text cells; a cell is a string or {"text": ..., "bold": true}."""
    return {"headers": list(headers), "rows": [list(r) for r in rows], "caption": caption}


def bold(text: str) -> dict:
    """A table cell printed in bold."""
    return {"text": text, "bold": True}


def section(number: str, title: str, parts: list) -> dict:
    """One problem of the report: its number, title and answered parts."""
    return {"number": number, "title": title, "parts": parts}


def caption_text(rst: str) -> str:
    """A plain-text caption from a caption .rst file (one paragraph, inline literals unquoted)."""
    return " ".join(rst.replace("``", "").split())
