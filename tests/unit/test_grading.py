"""The grading layer's pieces: points, the child's calls and its result file read back with every
check, sheets, the sandbox's reports of how a process ended, and the child's own runtime (which
imports nothing from the package)."""

from __future__ import annotations

import ast
import io
import json
import signal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cs229ps2.grading import sheet
from cs229ps2.grading.checks import RESULT, Returned, ReturnError, choice, labels, read_result, weight_dict
from cs229ps2.grading.child import calls, runner
from cs229ps2.grading.parts import PARTS, graded_rows, row_points, split_row
from cs229ps2.grading.sandbox import CHILD, exit_reason, sandbox_support

# the problem set's points: 2(a) 5, (b) 10, (c) 5, (d) 2, (e) 2; 3(b) 10; 4(d) 5; 5(b) 10, (c) 10
PROBLEM_SET_POINTS = 5 + 10 + 5 + 2 + 2 + 10 + 5 + 10 + 10


def test_the_rows_carry_the_problem_sets_points():
    assert sum(row_points(row) for row in graded_rows()) == pytest.approx(PROBLEM_SET_POINTS)
    assert row_points("2b") + row_points("2b-private") == 10
    assert row_points("5b") == 10 and "5b-private" not in graded_rows()
    assert split_row("3-non_psd-private") == (PARTS["3-non_psd"], "private")


class Module:
    @staticmethod
    def two(a, b):
        return a + b


def test_the_child_calls_the_functions_the_driver_calls():
    assert calls.call(Module, "two", 1, 2) == 3
    with pytest.raises(calls.SubmissionError, match=r"missing function three"):
        calls.call(Module, "three")
    with pytest.raises(
        calls.SubmissionError, match=r"two\(a, b\) cannot be called with the driver's 3 arguments"
    ):
        calls.call(Module, "two", 1, 2, 3)
    assert set(calls.CALLS) == set(PARTS)


def result_file(outcome: dict, **arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays, **{RESULT: np.array(json.dumps(outcome))})
    return buffer.getvalue()


def encoded(value) -> Returned:
    """A return value as the child sends it and the parent reads it back."""
    arrays = {}
    values = {"v": runner.encode(value, "v", arrays, np)}
    return read_result(result_file({"status": "ok", "values": values}, **arrays))[1]["v"]


def test_return_values_travel_as_data_and_are_checked_with_the_file_named():
    np.testing.assert_array_equal(labels("f.py", "predict", encoded(np.array([[True], [False]])), 2), [1, 0])
    np.testing.assert_array_equal(labels("f.py", "predict", encoded([1.0, 0.0]), 2), [1, 0])
    with pytest.raises(ReturnError, match="f.py: predict returned 3 values .* expected 4 labels 0/1"):
        labels("f.py", "predict", encoded([0, 1, 1]), 4)
    with pytest.raises(ReturnError, match="predict returned object, expected 2 labels"):
        labels("f.py", "predict", encoded(object()), 2)
    with pytest.raises(ReturnError, match="returned 0.5, not one of"):
        choice("f.py", "compute_best_svm_radius", encoded(np.float64(0.5)), [0.1, 1.0])
    assert choice("f.py", "r", encoded(np.float32(0.1)), [0.1, 1.0]) == pytest.approx(0.1)
    with pytest.raises(ReturnError, match="f.py: w returned list, expected a dict of weights"):
        weight_dict("f.py", "w", encoded([0] * 13), ["a"])
    assert weight_dict("f.py", "w", encoded({"a": np.int64(2)}), ["a"]) == {"a": 2.0}


@given(st.binary(max_size=2000))
def test_a_result_file_of_any_bytes_is_an_error_never_a_crash(data):
    outcome, values = read_result(data)
    assert outcome["status"] == "error" and values == {}


def test_a_pickled_result_is_refused():
    buffer = io.BytesIO()
    np.savez(buffer, x=np.array([object()], dtype=object), **{RESULT: np.array(json.dumps({"status": "ok"}))})
    outcome, _ = read_result(buffer.getvalue())
    assert outcome["status"] == "error"


def test_the_childs_runtime_imports_nothing_of_the_package():
    allowed = {"numpy", "landlockpy", "_grader", "__future__"}
    for path in CHILD.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                top = name.split(".")[0]
                assert top in allowed or top in __import__("sys").stdlib_module_names, (path.name, name)


def test_unused_imports_of_absent_modules_are_found_used_ones_kept():
    tree = ast.parse("import os\nfrom turtle_missing import st\nimport absent_module\nabsent_module.f()\n")
    assert [node.lineno for node in runner.unusable_imports(tree)] == [2]


def test_removed_numpy_aliases_and_relative_imports_are_explained(tmp_path):
    request = {"file": "spam/spam.py", "limits": {"memory_mb": 512}}
    message = runner.describe(
        AttributeError("module 'numpy' has no attribute 'int'."), tmp_path, request, calls.SubmissionError
    )
    assert "np.int was removed in numpy 1.24: use int (or np.int64) instead" in message["message"]
    error = ImportError("attempted relative import with no known parent package")
    assert (
        "import the course's helpers by plain name"
        in runner.describe(error, tmp_path, request, calls.SubmissionError)["message"]
    )


def test_the_sandbox_is_available_on_this_machine():
    works, what = sandbox_support()
    assert works, what


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
    limits = {"memory_mb": 512}
    assert "killed by SIGKILL (memory limit of 512 MB?)" in exit_reason(-signal.SIGKILL, limits, 1.0)
    assert "killed by SIGXCPU (CPU time limit)" in exit_reason(-signal.SIGXCPU, limits, 1.0)
    assert "killed by SIGXFSZ (file size limit)" in exit_reason(128 + signal.SIGXFSZ, limits, 1.0)
    assert "exited with code 3" in exit_reason(3, limits, 1.0)
