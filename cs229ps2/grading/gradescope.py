"""A submission's graded rows as Gradescope autograder results (results.json).

The format is Gradescope's published autograder specification
(https://gradescope-autograders.readthedocs.io/en/latest/specs/, "Output format"): a top-level
``score`` (it overrides the sum of the tests'), ``execution_time`` in seconds, ``output`` (text for
the whole submission), ``visibility`` and ``stdout_visibility``, and ``tests``, one per sheet row,
each with ``name``, ``score``, ``max_score``, ``status`` ("passed" or "failed"), ``output`` and
``visibility``. Rows graded on a private set are shown once the grades are published
(``after_published``); the autograder's stdout (the pipeline's log) is for staff only.
"""

from __future__ import annotations

import math

from cs229ps2.grading.gradebook import exact_total
from cs229ps2.grading.sheet import total_line

VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")  # the specification's
PRIVATE_VISIBILITY = "after_published"
PRINTED_CHARS = 2000  # the end of what a part printed, in its test's output


def case_name(record: dict) -> str:
    """'2b: spam/spam.py', '2b-private (practice set): spam/spam.py'."""
    held_out = f" ({record['private_set']} set)" if record.get("private_set") else ""
    return f"{record['part']}{held_out}: {record['file']}"


def _seconds(value) -> str:
    return "-" if value is None else f"{value:.2f} s"


def case_output(record: dict) -> str:
    """What the student reads under a test: verdict and message, expected and got, times, the
    traceback and the end of what the part printed."""
    lines = [record["status"] + (f": {record['message']}" if record.get("message") else "")]
    if record.get("expected") or record.get("got"):
        lines += [f"expected: {record['expected']}", f"got: {record['got']}"]
    times = f"time: {_seconds(record.get('seconds'))} (reference {_seconds(record.get('reference_seconds'))})"
    lines += [times, f"isolation: {record['isolation']}"]
    if record.get("traceback"):
        lines += ["", "traceback:", record["traceback"]]
    printed = record.get("output") or ""
    if printed:
        cut = len(printed) > PRINTED_CHARS
        lines += ["", f"printed{' (the end)' if cut else ''}:", printed[-PRINTED_CHARS:]]
    return "\n".join(lines)


def case(record: dict) -> dict:
    """One sheet row as a Gradescope test."""
    return {
        "name": case_name(record),
        "score": float(record["points"]),
        "max_score": float(record["max_points"]),
        "status": "passed" if record["status"] == "pass" else "failed",
        "output": case_output(record),
        "visibility": PRIVATE_VISIBILITY if record.get("dataset") == "private" else "visible",
    }


def execution_time(records: list[dict]) -> int:
    """Whole seconds the student's functions ran, over every row (rows not run count nothing)."""
    return math.ceil(sum(r["seconds"] for r in records if r.get("seconds") is not None))


def results(records: list[dict], who: str = "submission") -> dict:
    """results.json of one submission: its rows in sheet order, the exact total as score."""
    summary = (
        f"{total_line(records, who)}. Rows ending in '-private' are graded on held-out sets and "
        "shown once grades are published."
    )
    return {
        "score": float(exact_total(r["points"] for r in records)),
        "execution_time": execution_time(records),
        "output": summary,
        "output_format": "text",
        "test_output_format": "text",
        "test_name_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [case(r) for r in records],
    }
