"""Grade sheets (grades.csv), the one-line total, and the submission's report page."""

from __future__ import annotations

from pathlib import Path

from cs229ps2.report.page import load_template

COLUMNS = ["part", "status", "points", "expected", "got", "message", "private_set", "isolation"]
CLASS_COLUMNS = ["student", *COLUMNS]
TITLE = "CS229 Problem Set 2: submission check"


def points(value: float) -> str:
    """Points for people: at most two decimals."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def exact(value: float) -> str:
    """Points for sheets: every digit, so a column of thirds adds up to its total."""
    return f"{value:g}" if float(value).is_integer() else repr(float(value))


def sheet_rows(records: list[dict]) -> list[dict]:
    """grades.csv of one submission: one row per graded part."""
    return [{**{c: r.get(c, "") for c in COLUMNS}, "points": exact(r["points"])} for r in records]


def total(records: list[dict]) -> dict:
    """Points earned and possible, and how many rows pass, of one submission's records."""
    return {
        "points": sum(r["points"] for r in records),
        "max_points": sum(r["max_points"] for r in records),
        "passed": sum(r["status"] == "pass" for r in records),
        "rows": len(records),
    }


def total_line(records: list[dict], who: str = "submission") -> str:
    """'submission: 57.5 / 59 points, 18 of 20 parts pass'."""
    t = total(records)
    earned = f"{points(t['points'])} / {points(t['max_points'])} points"
    return f"{who}: {earned}, {t['passed']} of {t['rows']} parts pass"


def class_rows(students: dict[str, list[dict]]) -> list[dict]:
    """The class sheet: each student's rows, then a total row."""
    rows = []
    for student, records in students.items():
        rows += [{"student": student, **row} for row in sheet_rows(records)]
        t = total(records)
        rows.append(
            {
                "student": student,
                "part": "total",
                "status": f"{t['passed']} of {t['rows']} pass",
                "points": exact(t["points"]),
                "expected": exact(t["max_points"]),
                "got": "",
                "message": "",
                "private_set": "",
                "isolation": "",
            }
        )
    return rows


def _seconds(value) -> str:
    return "" if value is None else f"{value:.2f} s"


def render(records: list[dict], template: Path, who: str) -> str:
    """The report page of one submission: per part the verdict, the difference, times, traceback."""
    rows = [
        {
            **r,
            "points": points(r["points"]),
            "max_points": points(r["max_points"]),
            "seconds": _seconds(r["seconds"]),
            "reference_seconds": _seconds(r["reference_seconds"]),
        }
        for r in records
    ]
    return load_template(template).render(title=TITLE, who=who, rows=rows, headline=total_line(records, who))
