"""Gradescope results (cs229ps2.grading.gradescope) against the autograder specification's fields."""

import json

import pytest
from grading_records import ROWS, gradescope_problems, record, sheet

from cs229ps2.grading.gradescope import PRINTED_CHARS, results


def test_a_full_marks_submission_meets_the_specification():
    out = results(sheet("pass"), "ann")
    assert gradescope_problems(out) == []
    assert out["score"] == 59.0 and isinstance(out["score"], float)
    assert sum(t["score"] for t in out["tests"]) == pytest.approx(59)
    assert sum(t["max_score"] for t in out["tests"]) == pytest.approx(59)
    assert [t["name"].split(" ")[0].rstrip(":") for t in out["tests"]] == ROWS
    assert {t["status"] for t in out["tests"]} == {"passed"}
    assert out["output"].startswith("ann: 59 / 59 points, 20 of 20 parts pass")
    assert out["stdout_visibility"] == "hidden" and out["visibility"] == "visible"


def test_private_rows_are_shown_once_grades_are_published():
    out = results(sheet("pass"), "ann")
    visibility = {t["name"].split(" ")[0].rstrip(":"): t["visibility"] for t in out["tests"]}
    assert {v for row, v in visibility.items() if row.endswith("-private")} == {"after_published"}
    assert {v for row, v in visibility.items() if not row.endswith("-private")} == {"visible"}
    assert "(practice set)" in next(t["name"] for t in out["tests"] if t["name"].startswith("2b-private"))


def test_failures_score_nothing_and_say_why():
    broken = {
        "2a": record(
            "2a",
            "error",
            "spam/spam.py line 3, in get_words: NameError: name 'x' is not defined",
            traceback='File "spam.py", line 3',
            output="hello\n" * 1000,
        ),
        "3-rbf": record("3-rbf", "timeout", "time limit of 60 s hit; the part was stopped", seconds=None),
        "5b": record("5b", "missing", "simple_nn/simple_nn.py is not in the submission", seconds=None),
    }
    out = results(sheet("pass", **broken), "ben")
    assert gradescope_problems(out) == []
    tests = {t["name"].split(" ")[0].rstrip(":"): t for t in out["tests"]}
    assert [tests[row]["status"] for row in broken] == ["failed"] * 3
    assert [tests[row]["score"] for row in broken] == [0.0] * 3
    assert out["score"] == 59 - 2.5 - 5 / 3 - 10
    assert tests["2a"]["output"].startswith("error: spam/spam.py line 3, in get_words: NameError")
    assert "traceback:" in tests["2a"]["output"] and "printed (the end):" in tests["2a"]["output"]
    assert len(tests["2a"]["output"]) < PRINTED_CHARS + 500
    assert "time: - (reference 0.50 s)" in tests["3-rbf"]["output"]
    json.dumps(out, allow_nan=False)


def test_execution_time_is_whole_seconds_of_the_students_functions():
    assert results([record(row, seconds=0.26) for row in ROWS])["execution_time"] == 6  # 5.2 s, rounded up
    assert results([record(row, "missing", seconds=None) for row in ROWS])["execution_time"] == 0
