"""One row of a grade sheet: a row's inputs, the reference's outputs, and a submission judged.

A row is a part on the main data or on a private set ("2b", "2b-private"). Its inputs are read
once and shared by every submission (:func:`write_inputs`); the answer key runs through the same
child as a student's file, unconfined, to give the expected outputs (:func:`expected_outputs`);
each submission's file then runs confined, its parts in one child, and each is judged against
them (:func:`grade_file`).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from cs229ps2.grading.checks import ReturnError, read_result
from cs229ps2.grading.driver import Row
from cs229ps2.grading.parts import row_points, split_row
from cs229ps2.grading.sandbox import describe_level, run_part, run_rows
from cs229ps2.pipeline.files import read_yaml
from cs229ps2.pipeline.workspace import REPO

PROBLEMS_DIR = Path(__file__).resolve().parents[1] / "problems"


def answer_key(part) -> Path:
    """The reference of a part: its problem's module of the course's file name, whose functions
    have the course's names (``cs229ps2/problems/spam/spam.py`` for ``spam/spam.py``)."""
    return PROBLEMS_DIR / part.problem / Path(part.file).name


def private_settings(sets: dict, secrets=None) -> dict:
    """The private sets' generator settings: config.yaml's (the practice sets), with the seeds
    of a course's secrets file ({problem: {seed: N}}) when one is given."""
    if secrets is None:
        return sets
    seeds = read_yaml(secrets) or {}
    wrong = [
        p for p in sets if not isinstance(seeds.get(p), dict) or not isinstance(seeds[p].get("seed"), int)
    ]
    if wrong:
        raise ValueError(
            f"{secrets}: needs an integer seed for {', '.join(wrong)} ({{problem: {{seed: N}}}})"
        )
    return {problem: {**settings, "seed": seeds[problem]["seed"]} for problem, settings in sets.items()}


def driver(part):
    return importlib.import_module(f"cs229ps2.problems.{part.problem}.grading")


def write_inputs(row: str, data: dict, settings: dict, folder: Path) -> None:
    """The row's inputs folder: what the child receives, and the judge's own data."""
    part, _ = split_row(row)
    driver(part).inputs(part.name, data, settings).write(folder)


class AnswerKeyError(RuntimeError):
    """The answer key failed a part: a defect of the pipeline, not of a submission."""


def expected_outputs(row: str, inputs: Path, course: dict, limits: dict, dest: Path) -> None:
    """Run the answer key on the row's inputs (unconfined, the package importable); its checked
    result.npz goes to dest."""
    part, _ = split_row(row)
    request = {"course": course, "paths": [str(REPO)]}
    ended, data = run_part(part, answer_key(part), Path(inputs) / "child", request, limits, "none")
    outcome, returned = read_result(data) if ended["status"] == "done" else (ended, {})
    if outcome["status"] != "ok":
        details = "\n".join(filter(None, (outcome.get("traceback"), ended.get("output"))))
        raise AnswerKeyError(f"the answer key failed {row}: {outcome['message']}\n{details}")
    driver(part).check(part.name, returned, Row(inputs))  # the key passes every check
    Path(dest).write_bytes(data)


def read_expected(row: str, path: Path, inputs: Path) -> dict:
    """The reference's checked outputs of a row (with its "seconds")."""
    part, _ = split_row(row)
    outcome, returned = read_result(Path(path).read_bytes())
    return {**driver(part).check(part.name, returned, Row(inputs)), "seconds": outcome.get("seconds")}


def empty_record(row: str, isolation: str, private_set: str) -> dict:
    part, dataset = split_row(row)
    return {
        "part": row,
        "file": part.path,
        "dataset": dataset,
        "private_set": private_set if dataset == "private" else "",
        "isolation": describe_level(isolation),
        "status": "",
        "points": 0.0,
        "max_points": row_points(row),
        "expected": "",
        "got": "",
        "message": "",
        "traceback": "",
        "output": "",
        "seconds": None,
        "reference_seconds": None,
    }


def grade_row(
    row: str,
    submission,
    inputs: Path,
    expected: dict,
    course: dict,
    limits: dict,
    tolerances: dict,
    isolation: str,
    private_set: str = "",
) -> dict:
    """The sheet row of one part of a submission: status, points, expected, got, message, times."""
    return grade_file(
        [row], submission, [inputs], [expected], course, limits, tolerances, isolation, private_set
    )[0]


def grade_file(
    rows: list[str],
    submission,
    inputs: list[Path],
    expected: list[dict],
    course: dict,
    limits: dict,
    tolerances: dict,
    isolation: str,
    private_set: str = "",
) -> list[dict]:
    """The sheet rows of parts of one file of a submission, run in one child (one start-up);
    from a part the child did not finish on, each part runs in a child of its own, so every row
    is what grading it alone gives."""
    records = [
        {**empty_record(row, isolation, private_set), "reference_seconds": e["seconds"]}
        for row, e in zip(rows, expected)
    ]
    part = split_row(rows[0])[0]
    file = Path(submission) / part.path
    if file.is_symlink():
        message = f"{part.path} is a symbolic link: submit the file itself"
        return [{**record, "status": "error", "message": message} for record in records]
    if not file.is_file():
        message = f"{part.path} is not in the submission"
        return [{**record, "status": "missing", "message": message} for record in records]
    parts = [split_row(row)[0] for row in rows]
    children = [Path(folder) / "child" for folder in inputs]
    request = {"course": course}
    ran = run_rows(parts, file, children, request, limits, isolation)
    graded = []
    for k, (ended, data) in enumerate(ran):
        if ended["status"] != "done" and len(rows) > 1:  # alone from here on
            ran[k:] = [
                run_rows([p], file, [c], request, limits, isolation)[0]
                for p, c in zip(parts[k:], children[k:])
            ]
            ended, data = ran[k]
        graded.append(judge(records[k], parts[k], ended, data, inputs[k], expected[k], tolerances))
    return graded


def judge(
    record: dict, part, ended: dict, data: bytes, inputs: Path, expected: dict, tolerances: dict
) -> dict:
    """A row's record completed from what its child returned (or why it returned nothing)."""
    outcome, returned = read_result(data) if ended["status"] == "done" else (ended, {})
    notes = ended["notes"] + outcome.get("notes", [])
    record = {**record, "output": ended.get("output", ""), "seconds": outcome.get("seconds")}
    if outcome["status"] != "ok":
        return {
            **record,
            **{k: outcome[k] for k in ("status", "message", "traceback") if k in outcome},
            "message": _with_notes(outcome["message"], notes),
        }
    row_data = Row(inputs)
    try:
        got = driver(part).check(part.name, returned, row_data)
    except ReturnError as error:
        return {**record, "status": "error", "message": _with_notes(str(error), notes)}
    verdict = driver(part).judge(part.name, got, expected, row_data, tolerances)
    return {
        **record,
        "status": verdict.status,
        "points": record["max_points"] * (verdict.status == "pass"),
        "expected": verdict.expected,
        "got": verdict.got,
        "message": _with_notes(verdict.message, notes),
    }


def _with_notes(message: str, notes: list[str]) -> str:
    return "; ".join([message, *notes])
