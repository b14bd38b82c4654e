"""One row of a grade sheet: the reference's outputs for a part, and a submission graded against them."""

from __future__ import annotations

import importlib
import shutil
import tempfile
from pathlib import Path

from cs229ps2.grading.parts import row_points, split_row
from cs229ps2.grading.sandbox import ARRAYS, VALUES, load_outputs, run_part

ANSWER_KEY = Path(__file__).parent / "answer_key"


def _absolute(data: dict) -> dict:
    """Data paths made absolute: the sandbox runs in a scratch folder."""
    return {
        k: [str(Path(p).resolve()) for p in v] if isinstance(v, list) else str(Path(v).resolve())
        for k, v in data.items()
    }


def _request(request: dict, part: str, submission) -> dict:
    return {
        **request,
        "part": part,
        "submission": str(Path(submission).resolve()),
        "data": _absolute(request["data"]),
    }


class AnswerKeyError(RuntimeError):
    """The answer key failed a part: a defect of the pipeline, not of a submission."""


def expected_outputs(row: str, request: dict, limits: dict, values_path, arrays_path) -> None:
    """Run the answer key through the sandbox for a row and save its outputs (with its ``seconds``)."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        request = _request(request, split_row(row)[0].name, ANSWER_KEY)
        result = run_part(request, folder, limits["seconds"], limits["memory_mb"])
        if result["status"] != "ok":
            raise AnswerKeyError(
                f"the answer key failed {row}: {result['message']}\n{result.get('traceback', '')}"
            )
        shutil.copyfile(folder / VALUES, values_path)
        shutil.copyfile(folder / ARRAYS, arrays_path)


def grade_row(row: str, submission, request: dict, limits: dict, expected: dict, tolerances: dict) -> dict:
    """The sheet row of one part of a submission: status, points, expected, got, message, times."""
    part, dataset = split_row(row)
    record = {
        "part": row,
        "file": part.path,
        "dataset": dataset,
        "status": "",
        "points": 0.0,
        "max_points": row_points(row),
        "expected": "",
        "got": "",
        "message": "",
        "traceback": "",
        "seconds": None,
        "reference_seconds": expected["seconds"],
    }
    if not (Path(submission) / part.path).is_file():
        return {**record, "status": "missing", "message": f"{part.path} is not in the submission"}
    with tempfile.TemporaryDirectory() as scratch:
        result = run_part(
            _request(request, part.name, submission), Path(scratch), limits["seconds"], limits["memory_mb"]
        )
        if result["status"] != "ok":
            return {**record, **{k: result[k] for k in ("status", "message", "traceback") if k in result}}
        got = load_outputs(Path(scratch) / VALUES, Path(scratch) / ARRAYS)
    driver = importlib.import_module(f"cs229ps2.grading.drivers.{part.problem}")
    verdict = driver.grade(part.name, got, expected, tolerances, request["data"], request["settings"])
    return {
        **record,
        "status": verdict.status,
        "points": record["max_points"] * (verdict.status == "pass"),
        "expected": verdict.expected,
        "got": verdict.got,
        "message": verdict.message,
        "seconds": result["seconds"],
    }
