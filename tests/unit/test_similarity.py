"""Flagging alike files (cs229ps2.grading.similarity): copies are flagged, independent work is not."""

import re
from pathlib import Path

import pytest

from cs229ps2.grading import similarity as sim
from cs229ps2.pipeline.files import read_rows

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples/submission"
INDEPENDENT = REPO / "tests/data/similarity/independent"
SPAM = "spam/spam.py"
RIDGE = "bayesianreg/doubledescent.py"

RENAMES = {
    "message": "sms",
    "messages": "sms_list",
    "matrix": "counts",
    "labels": "targets",
    "model": "params",
    "word": "token",
    "words": "tokens",
    "accuracies": "scores",
    "predictions": "guesses",
    "label": "klass",
    "counts": "tally",
    "dictionary": "vocab",
    "word_dictionary": "vocab_index",
}


def near_copy(text: str) -> str:
    """text with its variables renamed, its functions in reverse order and its docstrings and comments
    reworded: what a student who copies and disguises would hand in."""
    for old, new in sorted(RENAMES.items(), key=lambda item: -len(item[0])):
        text = re.sub(rf"\b{old}\b", new, text)
    text = re.sub(r'"""[^"]*"""', '"""My own implementation."""', text)
    text = text.replace("# ", "# note: ")
    head, *functions = text.split("\n\n\ndef ")
    main = [f for f in functions if f.startswith("main(")]
    others = [f for f in functions if not f.startswith("main(")]
    return "\n\n\ndef ".join([head, *reversed(others), *main])


def submit(root: Path, student: str, files: dict[str, str | bytes]) -> Path:
    """A submission folder holding files (course path -> text or bytes)."""
    for name, content in files.items():
        path = root / student / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root / student


def fill(template: str, bodies: dict[str, str]) -> str:
    """The starter template with the given function bodies between its START/END markers."""
    for name, body in bodies.items():
        marker = re.compile(rf"(def {name}\(.*?# \*\*\* START CODE HERE \*\*\*\n)", re.S)
        template, count = marker.subn(lambda m, body=body: m.group(1) + body, template, count=1)
        assert count == 1, name
    return template


def test_a_disguised_copy_is_flagged_with_the_lines_it_copied(tmp_path):
    original = (EXAMPLE / SPAM).read_text(encoding="utf-8")
    copy = near_copy(original)
    assert copy != original and "def get_words(sms)" in copy
    students = {
        "alice": submit(tmp_path, "alice", {SPAM: original}),
        "bob": submit(tmp_path, "bob", {SPAM: copy}),
    }
    rows, skipped = sim.similarity(students, course_files=[SPAM])
    assert skipped == []
    assert [(r["file"], r["student_a"], r["student_b"]) for r in rows] == [(SPAM, "alice", "bob")]
    assert rows[0]["score"] >= 0.9
    ranges = re.fullmatch(r"A (\d+)-(\d+)(?:, [\d-]+)*; B (\d+)-(\d+)(?:, [\d-]+)*", rows[0]["matched_lines"])
    assert ranges, rows[0]["matched_lines"]
    first = original.splitlines().index("def create_dictionary(messages):") + 1
    assert int(ranges[1]) <= first + 2 and int(ranges[2]) >= first + 30  # the student functions, in A


@pytest.mark.parametrize("name", [SPAM, RIDGE])
def test_independent_correct_solutions_are_not_flagged(tmp_path, name):
    students = {"example": EXAMPLE, "independent": INDEPENDENT}
    assert sim.similarity(students, course_files=[name]) == ([], [])
    everything, _ = sim.similarity(students, course_files=[name], threshold=0, min_matched=0)
    assert all(row["score"] < 0.4 for row in everything)


def test_the_starter_with_the_same_few_obvious_lines_is_not_flagged(tmp_path):
    template = (sim.STARTER / SPAM).read_text(encoding="utf-8")
    obvious = fill(
        template,
        {
            "get_words": '    return message.lower().split(" ")\n',
            "predict_from_naive_bayes_model": "    return (matrix @ model > 0).astype(int)\n",
        },
    )
    students = {name: submit(tmp_path, name, {SPAM: obvious}) for name in ("carol", "dave")}
    assert sim.similarity(students, course_files=[SPAM]) == ([], [])
    rows, _ = sim.similarity(students, course_files=[SPAM], starter=None)
    assert rows and rows[0]["score"] == 1.0  # without the starter, the handed-out code alone looks copied


def test_code_most_of_the_class_shares_is_not_evidence(tmp_path):
    shared = (EXAMPLE / SPAM).read_text(encoding="utf-8")  # e.g. the course's code, under another starter
    students = {name: submit(tmp_path, name, {SPAM: shared}) for name in "abcde"}
    assert sim.similarity(students, course_files=[SPAM], starter=None) == ([], [])
    rows, _ = sim.similarity(students, course_files=[SPAM], starter=None, common=1.0)
    assert len(rows) == 10 and {r["score"] for r in rows} == {1.0}


def test_odd_files_are_skipped_with_a_reason_and_missing_files_quietly(tmp_path):
    good = (EXAMPLE / SPAM).read_text(encoding="utf-8")
    students = {
        "alice": submit(tmp_path, "alice", {SPAM: good}),
        "bob": submit(tmp_path, "bob", {SPAM: near_copy(good)}),
        "empty": submit(tmp_path, "empty", {SPAM: "\n  \n"}),
        "broken": submit(tmp_path, "broken", {SPAM: "def get_words(message:\n    return\n"}),
        "binary": submit(tmp_path, "binary", {SPAM: b"\x7fELF\x00\x01\x02" * 50}),
        "latin1": submit(tmp_path, "latin1", {SPAM: "# caf\xe9\nx = 1\n".encode("latin-1")}),
        "folder": submit(tmp_path, "folder", {f"{SPAM}/inner.py": "x = 1\n"}),
        "partial": submit(tmp_path, "partial", {RIDGE: (EXAMPLE / RIDGE).read_text(encoding="utf-8")}),
        "absent": tmp_path / "nowhere",
    }
    rows, skipped = sim.similarity(students, course_files=[SPAM, RIDGE])
    assert [(r["student_a"], r["student_b"]) for r in rows] == [("alice", "bob")]
    reasons = {s["student"]: s["reason"] for s in skipped}
    assert set(reasons) == {"empty", "broken", "binary", "latin1", "folder"}
    assert reasons["empty"] == "empty"
    assert reasons["broken"].startswith("not valid Python (line 1")
    assert reasons["binary"].startswith("binary")
    assert "not UTF-8" in reasons["latin1"]
    assert reasons["folder"] == "not a file"


def test_similarity_csv_has_exactly_the_columns(tmp_path):
    row = {"file": SPAM, "student_a": "a", "student_b": "b", "score": 0.97, "matched_lines": "A 1-9; B 2-10"}
    sim.write_similarity([row], tmp_path / "similarity.csv")
    text = (tmp_path / "similarity.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "file,student_a,student_b,score,matched_lines"
    assert read_rows(tmp_path / "similarity.csv") == [row | {"score": "0.97"}]
