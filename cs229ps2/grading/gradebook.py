"""The gradebook (results/submissions/gradebook.csv): one row per student, one column per sheet row,
then the total and the maximum, in the shape a course uploads. Totals are exact sums."""

from __future__ import annotations

from fractions import Fraction

MAX_DENOMINATOR = 1000  # points are whole numbers or simple fractions of them (3(b)'s 10/6)


def exact_points(value: float) -> Fraction:
    """The fraction a row's points were made from (10/6 for 1.6666666666666667), or the float's
    own value when no simple fraction gives exactly that float."""
    simple = Fraction(value).limit_denominator(MAX_DENOMINATOR)
    return simple if float(simple) == value else Fraction(value)


def cell(value: float | Fraction) -> str:
    """Points with every digit: an integer without ".0", anything else as repr of its float."""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def exact_total(values) -> Fraction:
    """The exact sum of points, whatever rounding their floats carry."""
    return sum((exact_points(float(v)) for v in values), Fraction(0))


def by_student(records: list[dict], students: list[str]) -> dict[str, list[dict]]:
    """Student -> their rows, from every student's rows one student after the other."""
    n = len(records) // max(len(students), 1)
    return {name: records[k * n : (k + 1) * n] for k, name in enumerate(students)}


def columns(rows: list[str]) -> list[str]:
    """student, each sheet row (in sheet order), total, max."""
    return ["student", *rows, "total", "max"]


def gradebook_row(student: str, records: list[dict]) -> dict:
    """One student's line: points per sheet row, their exact total and the exact maximum."""
    return {
        "student": student,
        **{r["part"]: cell(r["points"]) for r in records},
        "total": cell(exact_total(r["points"] for r in records)),
        "max": cell(exact_total(r["max_points"] for r in records)),
    }


def gradebook(students: dict[str, list[dict]]) -> list[dict]:
    """Every student's line, in the order given (the sheet's: sorted by name)."""
    return [gradebook_row(student, records) for student, records in students.items()]
