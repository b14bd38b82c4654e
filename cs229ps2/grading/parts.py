"""The graded parts, from the problems' records: the rows of a grade sheet and their points."""

from __future__ import annotations

from cs229ps2.problems.record import Part
from cs229ps2.problems.registry import PROBLEMS

PRIVATE = "-private"
STATUSES = ("pass", "fail", "error", "timeout", "missing")
PARTS = {part.name: part for problem in PROBLEMS for part in problem.parts}


def graded_rows() -> list[str]:
    """Every row of a grade sheet, in order: each part, then its private row where there is one."""
    rows = []
    for name, part in PARTS.items():
        rows.append(name)
        if part.private:
            rows.append(name + PRIVATE)
    return rows


def split_row(row: str) -> tuple[Part, str]:
    """(part, dataset) of a sheet row: "2b-private" -> (2b, "private"), "2b" -> (2b, "main")."""
    if row.endswith(PRIVATE):
        return PARTS[row.removesuffix(PRIVATE)], "private"
    return PARTS[row], "main"


def row_points(row: str) -> float:
    """Points a row is worth: a part's points, split evenly with its private row when it has one."""
    part, _ = split_row(row)
    return part.points / 2 if part.private else part.points
