"""Graded rows made in code (the records grade_row writes), and Gradescope's results format as checks,
shared by the unit tests of the class outputs and the class run in tests/workflow."""

from __future__ import annotations

import json
import math

from cs229ps2.grading.grade import empty_record
from cs229ps2.grading.parts import graded_rows

ROWS = graded_rows()


def record(row: str, status: str = "pass", message: str = "", seconds: float | None = 0.25, **more) -> dict:
    """One graded row: full points when it passes, none otherwise."""
    base = empty_record(row, "none", "practice")
    return {
        **base,
        "status": status,
        "points": base["max_points"] if status == "pass" else 0.0,
        "message": message,
        "seconds": seconds,
        "reference_seconds": 0.5,
        **more,
    }


def sheet(status: str = "pass", **by_row) -> list[dict]:
    """Every row of a submission with one status, some rows (row -> record) replaced."""
    return [by_row.get(row) or record(row, status) for row in ROWS]


# Gradescope's autograder specification, "Output format"
# (https://gradescope-autograders.readthedocs.io/en/latest/specs/)
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
FORMATS = {"text", "html", "simple_format", "md", "ansi"}
TOP = {
    "score": (int, float),
    "execution_time": (int, float),
    "output": str,
    "output_format": str,
    "test_output_format": str,
    "test_name_format": str,
    "visibility": str,
    "stdout_visibility": str,
    "extra_data": dict,
    "tests": list,
    "leaderboard": list,
}
TEST = {
    "score": (int, float),
    "max_score": (int, float),
    "status": str,
    "name": str,
    "name_format": str,
    "number": str,
    "output": str,
    "output_format": str,
    "tags": list,
    "visibility": str,
    "extra_data": dict,
}


def _typed(obj: dict, fields: dict, where: str) -> list[str]:
    problems = [f"{where}: unknown key {key!r}" for key in obj if key not in fields]
    for key, kind in fields.items():
        if key in obj and (not isinstance(obj[key], kind) or isinstance(obj[key], bool)):
            problems.append(f"{where}: {key} is {type(obj[key]).__name__}")
    return problems


def gradescope_problems(results: dict) -> list[str]:
    """What in a results.json breaks the specification (empty when nothing does)."""
    problems = _typed(results, TOP, "results")
    if "score" not in results and not all("score" in t for t in results.get("tests", [])):
        problems.append("a score is required at the top or on every test")
    for key in ("visibility", "stdout_visibility"):
        if key in results and results[key] not in VISIBILITIES:
            problems.append(f"results: {key} {results[key]!r}")
    for key in ("output_format", "test_output_format", "test_name_format"):
        if key in results and results[key] not in FORMATS:
            problems.append(f"results: {key} {results[key]!r}")
    for k, test in enumerate(results.get("tests", [])):
        problems += _typed(test, TEST, f"test {k}")
        if test.get("status", "passed") not in ("passed", "failed"):
            problems.append(f"test {k}: status {test['status']!r}")
        if test.get("visibility", "visible") not in VISIBILITIES:
            problems.append(f"test {k}: visibility {test['visibility']!r}")
        for key in ("score", "max_score"):
            if key in test and not math.isfinite(test[key]):
                problems.append(f"test {k}: {key} {test[key]}")
    try:
        json.dumps(results, allow_nan=False)
    except ValueError as error:
        problems.append(f"not strict JSON: {error}")
    return problems
