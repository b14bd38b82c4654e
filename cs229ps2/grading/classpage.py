"""The class page (results/submissions/report.html): how a class did, for course staff.

From every student's graded rows: the distribution of totals (a histogram), the pass rate and the
time of each part, the failures grouped by cause (messages normalised so one mistake groups across
students), the similarity flags, and a link to each student's page. Numbers here are for people;
the exact points are in gradebook.csv.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from pathlib import Path

import numpy as np
from matplotlib.ticker import MaxNLocator

from cs229ps2.grading.gradebook import exact_total
from cs229ps2.grading.parts import STATUSES
from cs229ps2.grading.sheet import points
from cs229ps2.report import plots
from cs229ps2.report.page import load_template

TITLE = "CS229 Problem Set 2: class"
BINS = 12  # histogram bars over 0 .. the maximum

_ABSOLUTE_PATH = re.compile(r"(?<![\w.~])(?:/[\w.+-]+){2,}/?")
_QUOTED = re.compile(r"""(?<!\w)(['"])(?:(?!\1).){1,200}?\1(?!\w)""")
_HEX = re.compile(r"\b0x[0-9a-fA-F]+\b")
_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_LIST = re.compile(r"(#|'…')(?:, (?:#|'…'))+")


def normalise(message: str) -> str:
    """A failure message with what differs between students taken out, so one mistake groups:
    absolute paths become <path>, quoted values '…', numbers (counts, line numbers, sizes,
    accuracies) #, and a list of such values one of them.

    'spam/spam.py line 19, in f: ValueError: x' -> 'spam/spam.py line #, in f: ValueError: x'.
    """
    text = _ABSOLUTE_PATH.sub("<path>", message)
    text = _QUOTED.sub("'…'", text)
    text = _HEX.sub("#", text)
    text = _NUMBER.sub("#", text)
    text = _LIST.sub(r"\1", text)
    return " ".join(text.split())


def totals(students: dict[str, list[dict]]) -> dict[str, float]:
    """Student -> exact total points (as a float)."""
    return {s: float(exact_total(r["points"] for r in records)) for s, records in students.items()}


def max_points(students: dict[str, list[dict]]) -> float:
    """The points a submission can earn (the same for every student)."""
    records = next(iter(students.values()), [])
    return float(exact_total(r["max_points"] for r in records))


def score_histogram(scores: list[float], maximum: float, path) -> None:
    """A histogram of the students' totals over 0 .. maximum, saved to path (PNG)."""
    fig, ax = plots.figure(6.0, 3.2)
    edges = np.linspace(0.0, maximum, BINS + 1) if maximum > 0 else np.linspace(0.0, 1.0, 2)
    ax.hist(scores, bins=edges, color="tab:blue", edgecolor="white")
    ax.set_xlim(edges[0], edges[-1])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(f"total points (of {points(maximum)})")
    ax.set_ylabel("students")
    ax.set_title(f"Score distribution ({len(scores)} students)")
    plots.save(fig, path)


def pass_rates(students: dict[str, list[dict]], rows: list[str]) -> list[dict]:
    """Per sheet row: how many students got each status, and the share that pass."""
    table = []
    for row in rows:
        counts = Counter(r["status"] for records in students.values() for r in records if r["part"] == row)
        n = sum(counts.values())
        rate = f"{counts['pass'] / n:.0%}" if n else "-"
        table.append({"part": row, **{s: counts[s] for s in STATUSES}, "students": n, "rate": rate})
    return table


def _seconds(value) -> str:
    return "-" if value is None else f"{value:.2f} s"


def part_times(students: dict[str, list[dict]], rows: list[str]) -> list[dict]:
    """Per sheet row: the median and the slowest time of the students' functions (and whose),
    over the students whose part ran, and the reference's time."""
    table = []
    for row in rows:
        ran = {s: r for s, records in students.items() for r in records if r["part"] == row}
        timed = {s: r["seconds"] for s, r in ran.items() if r["seconds"] is not None}
        slowest = max(timed, key=timed.get, default=None)
        reference = [r["reference_seconds"] for r in ran.values() if r["reference_seconds"] is not None]
        table.append(
            {
                "part": row,
                "timed": len(timed),
                "median": _seconds(statistics.median(timed.values()) if timed else None),
                "slowest": _seconds(timed.get(slowest)),
                "slowest_student": slowest or "",
                "reference": _seconds(reference[0] if reference else None),
            }
        )
    return table


def failure_groups(students: dict[str, list[dict]]) -> list[dict]:
    """Rows that do not pass, grouped by normalised message: the cause, how many students hit it
    (and who), the rows, the statuses and one message as written; most students first."""
    groups: dict[str, dict] = {}
    for student, records in students.items():
        for r in records:
            if r["status"] == "pass":
                continue
            fresh = {"students": {}, "parts": {}, "statuses": {}, "example": r["message"]}
            group = groups.setdefault(normalise(r["message"]), fresh)
            for key, value in (("students", student), ("parts", r["part"]), ("statuses", r["status"])):
                group[key][value] = None  # an ordered set
    table = [
        {
            "cause": cause,
            "count": len(g["students"]),
            "students": list(g["students"]),
            "parts": list(g["parts"]),
            "statuses": list(g["statuses"]),
            "example": g["example"],
        }
        for cause, g in groups.items()
    ]
    return sorted(table, key=lambda g: (-g["count"], g["cause"]))


def student_rows(students: dict[str, list[dict]], flags: list[dict]) -> list[dict]:
    """Per student: total, parts that pass, similarity flags, and the link to their page."""
    scores = totals(students)
    flagged = Counter(name for f in flags for name in (f["student_a"], f["student_b"]))
    return [
        {
            "student": s,
            "total": points(scores[s]),
            "passed": sum(r["status"] == "pass" for r in records),
            "rows": len(records),
            "flags": flagged[s],
            "page": f"{s}/report.html",
        }
        for s, records in students.items()
    ]


def render(
    students: dict[str, list[dict]], rows: list[str], flags: list[dict], histogram: str, template: Path
) -> str:
    """The class page. students: name -> graded rows (sheet order); rows: the sheet's row names;
    flags: the rows of similarity.csv; histogram: the score histogram as a data URI."""
    scores = list(totals(students).values())
    maximum = max_points(students)
    headline = (
        f"{len(students)} students, median {points(statistics.median(scores)) if scores else '-'} "
        f"of {points(maximum)} points"
    )
    return load_template(template).render(
        title=TITLE,
        headline=headline,
        histogram=histogram,
        students=student_rows(students, flags),
        rates=pass_rates(students, rows),
        statuses=STATUSES,
        times=part_times(students, rows),
        failures=failure_groups(students),
        flags=flags,
    )
