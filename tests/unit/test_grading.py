"""The grading layer's pieces: points, the course stand-ins against the pipeline's own code, sheets,
and the sandbox's reports of how a process ended."""

from __future__ import annotations

import importlib
import signal
import sys

import numpy as np
import pytest

from cs229ps2.grading import sheet
from cs229ps2.grading.checks import SubmissionError, as_choice, as_labels, call
from cs229ps2.grading.parts import PARTS, graded_rows, row_points, split_row, total_points
from cs229ps2.grading.sandbox import COURSE, _exit_reason
from cs229ps2.problems import spam_svm

# the problem set's points: 2(a) 5, (b) 10, (c) 5, (d) 2, (e) 2; 3(b) 10; 4(d) 5; 5(b) 10, (c) 10
PROBLEM_SET_POINTS = 5 + 10 + 5 + 2 + 2 + 10 + 5 + 10 + 10


def test_the_rows_carry_the_problem_sets_points():
    assert total_points() == pytest.approx(PROBLEM_SET_POINTS)
    assert row_points("2b") + row_points("2b-private") == 10
    assert row_points("5b") == 10 and "5b-private" not in graded_rows()
    assert split_row("3-non_psd-private") == (PARTS["3-non_psd"], "private")


@pytest.fixture
def course_svm(monkeypatch):
    """The stand-in svm module, imported by plain name as a submission imports it."""
    monkeypatch.syspath_prepend(str(COURSE / "spam"))
    monkeypatch.delitem(sys.modules, "svm", raising=False)
    module = importlib.import_module("svm")
    monkeypatch.setattr(module, "OUTER_LOOPS", 2)
    yield module
    sys.modules.pop("svm", None)


def test_the_svm_stand_in_draws_the_courses_shared_stream(course_svm):
    """Two models in a row from the seeded global stream equal the pipeline's models 0 and 1."""
    rng = np.random.default_rng(1)
    x, y, x_test = rng.poisson(0.3, (40, 12)), rng.integers(0, 2, 40), rng.poisson(0.3, (15, 12))
    np.random.seed(123)  # noqa: NPY002 (the course's legacy global stream)
    first = course_svm.train_and_predict_svm(x, y, x_test, 1.0)
    second = course_svm.train_and_predict_svm(x, y, x_test, 0.1)
    for position, radius, got in ((0, 1.0, first), (1, 0.1, second)):
        stream = spam_svm.course_stream(123, position, len(y), outer_loops=2)
        expected, _ = spam_svm.train_and_predict(x, y, x_test, radius, stream, outer_loops=2)
        np.testing.assert_array_equal(got, expected)


class Module:
    grading_path = "spam/spam.py"

    @staticmethod
    def two(a, b):
        return a + b


def test_calls_and_return_values_are_checked_with_the_file_named():
    assert call(Module, "two", 1, 2) == 3
    with pytest.raises(SubmissionError, match=r"spam/spam.py: missing function three"):
        call(Module, "three")
    with pytest.raises(SubmissionError, match=r"two\(a, b\) cannot be called with the driver's 3 arguments"):
        call(Module, "two", 1, 2, 3)
    with pytest.raises(SubmissionError, match="returned 3 values .* expected 4 labels 0/1"):
        as_labels(Module, "predict", [0, 1, 1], 4)
    with pytest.raises(SubmissionError, match="returned 0.5, not one of"):
        as_choice(Module, "compute_best_svm_radius", 0.5, [0.1, 1.0])
    np.testing.assert_array_equal(as_labels(Module, "predict", np.array([[1.0], [0.0]]), 2), [1, 0])


def record(part: str, status: str) -> dict:
    points = row_points(part)
    return {
        "part": part,
        "status": status,
        "points": points * (status == "pass"),
        "max_points": points,
        "expected": "",
        "got": "",
        "message": "",
    }


def test_the_class_sheet_totals_each_student():
    rows = sheet.class_rows(
        {"ann": [record("2b", "pass"), record("5c", "fail")], "ben": [record("2b", "missing")]}
    )
    totals = {r["student"]: r for r in rows if r["part"] == "total"}
    assert totals["ann"]["points"] == "5" and totals["ann"]["expected"] == "15"
    assert totals["ann"]["status"] == "1 of 2 pass" and totals["ben"]["points"] == "0"
    assert sheet.total_line([record("2b", "pass")], "ann") == "ann: 5 / 5 points, 1 of 1 parts pass"


def test_a_process_that_wrote_no_result_is_explained():
    assert "killed by SIGKILL (memory limit of 512 MB?)" in _exit_reason(-signal.SIGKILL, 512, 1.0)
    assert "killed by SIGXCPU (CPU time limit)" in _exit_reason(-signal.SIGXCPU, 512, 1.0)
    assert "exited with code 3" in _exit_reason(3, 512, 1.0)
