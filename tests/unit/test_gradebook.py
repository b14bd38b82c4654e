"""The gradebook (cs229ps2.grading.gradebook): one line per student, every digit, exact totals."""

from fractions import Fraction

from grading_records import ROWS, record, sheet
from hypothesis import given
from hypothesis import strategies as st

from cs229ps2.grading.gradebook import cell, columns, exact_points, exact_total, gradebook, gradebook_row
from cs229ps2.grading.parts import row_points

# each row's points as the problem set defines them: 3(b)'s 10 over three kernels and two sets
EXACT = {row: Fraction(5, 3) if row.startswith("3-") else Fraction(row_points(row)) for row in ROWS}


def test_a_full_marks_sheet_totals_exactly_59():
    line = gradebook_row("ann", sheet("pass"))
    assert line["total"] == "59" and line["max"] == "59"
    assert line["3-dot"] == "1.6666666666666667" and line["2b"] == "5" and line["5b"] == "10"


def test_one_line_per_student_and_a_column_per_row():
    book = gradebook({"ann": sheet("pass"), "ben": sheet("fail")})
    assert [line["student"] for line in book] == ["ann", "ben"]
    assert list(book[0]) == columns(ROWS) == ["student", *ROWS, "total", "max"]
    assert book[1]["total"] == "0" and book[1]["max"] == "59" and book[1]["3-rbf"] == "0"


def test_points_are_read_back_as_the_fractions_they_were_made_from():
    assert exact_points(10 / 6) == Fraction(5, 3) and exact_points(2.5) == Fraction(5, 2)
    assert exact_points(0.1 + 0.2) == Fraction(0.1 + 0.2)  # no simple fraction is exactly that float
    assert cell(Fraction(5, 3)) == repr(5 / 3) and cell(59.0) == "59" and cell(Fraction(118, 2)) == "59"


def test_totals_do_not_depend_on_the_order_of_float_sums():
    values = [10 / 6, 2.5, 10 / 6, 1.0, 10 / 6, 10 / 6, 10 / 6, 10 / 6]
    assert sum(values) == 13.499999999999998  # a float sum, in this order
    assert exact_total(values) == Fraction(27, 2) and cell(exact_total(values)) == "13.5"


@given(st.sets(st.sampled_from(ROWS)))
def test_any_set_of_passing_rows_totals_exactly(passing):
    records = [record(row, "pass" if row in passing else "fail") for row in ROWS]
    expected = sum((EXACT[row] for row in passing), Fraction(0))
    assert exact_total(r["points"] for r in records) == expected
    assert gradebook_row("ann", records)["total"] == cell(expected)
