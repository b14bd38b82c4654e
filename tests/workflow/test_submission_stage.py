"""Checking submissions through Snakemake: the config keys, one job per graded part, the grade
sheets and the console total, and reruns of exactly what an edit touches."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import digests, edit, planned_jobs, run_config, run_snakemake, test_copy, write_run_config
from grading_records import gradescope_problems

from cs229ps2.grading.grade import read_expected
from cs229ps2.grading.parts import graded_rows
from cs229ps2.grading.sheet import COLUMNS
from cs229ps2.pipeline.files import read_json, read_labels

pytestmark = pytest.mark.xdist_group("grading_run")  # one worker builds the shared fixture below

ROWS = graded_rows()
TARGETS = (
    "results/submission/grades.csv",
    "results/submission/report.html",
    "results/submissions/grades.csv",
)
STUDENT_OUTPUTS = ("results.json", "report.html")
CLASS_OUTPUTS = (  # what course staff take away: the gradebook, Gradescope results, the page, flags
    "results/submissions/gradebook.csv",
    *(f"results/submissions/{s}/{page}" for s in ("alice", "bob", "mallory") for page in STUDENT_OUTPUTS),
    "results/submissions/report.html",
    "results/submissions/similarity.csv",
)
PIPELINE = (  # the pipeline's own answers, which the answer key must reproduce
    "results/spam/dictionary.json",
    "results/spam/naive_bayes_predictions.txt",
    "results/spam/top_words.json",
    "results/spam/svm.json",
    "results/spam/logreg.json",
    *(f"results/perceptron/{kernel}_predictions.txt" for kernel in ("dot", "rbf", "non_psd")),
    "results/doubledescent/mse.csv",
)
GRADING_RULES = {
    "grading_private_data",
    "grading_inputs",
    "grading_private_embeddings_shard",
    "grading_private_embeddings",
    "grading_expected",
    "grade_spam",
    "grade_perceptron",
    "grade_bayesianreg",
    "grade_simple_nn",
    "grade_sheet",
    "grade_class",
}


MALLORY = {  # a student who attacks the grader in every file
    "spam/spam.py": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nos.kill(-1, signal.SIGKILL)\n",
    "perceptron/perceptron.py": (
        "import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(60)\n"
        "def initial_state():\n    return open('/etc/hostname').read()\n"
    ),
    "bayesianreg/doubledescent.py": "while True:\n    print('x' * 100000)\n",
    "simple_nn/simple_nn.py": "import glob\nANSWERS = glob.glob('/**/expected/*.npz', recursive=True)\n",
}


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """The example as `submission`, and a class of three: alice (the example's perceptron.py and
    simple_nn.py), bob (only spam.py, with the top words in ascending order) and mallory (attacks)."""
    # the course's dictionary threshold, which a submission's create_dictionary has built in
    extra = {
        "submission": "examples/submission",
        "submissions": "class",
        "spam": {"min_messages": 5},
        "grading": {"time_limit": 60, "output_limit_kb": 64},
    }
    workdir = test_copy(tmp_path_factory.mktemp("grading") / "wf", extra=extra)
    for folder in ("perceptron", "simple_nn"):
        shutil.copytree(workdir / "examples" / "submission" / folder, workdir / "class" / "alice" / folder)
    shutil.copytree(workdir / "examples" / "submission" / "spam", workdir / "class" / "bob" / "spam")
    edit(workdir / "class" / "bob" / "spam" / "spam.py", "reverse=True)[:5]", "reverse=False)[:5]")
    for name, source in MALLORY.items():
        (workdir / "class" / "mallory" / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / "class" / "mallory" / name).write_text(source)
    done = run_snakemake(workdir, *TARGETS, *CLASS_OUTPUTS, *PIPELINE)
    return workdir, done.stdout + done.stderr


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def expected(workdir: Path, row: str) -> dict:
    results = workdir / "results" / "grading"
    return read_expected(row, results / "expected" / f"{row}.npz", results / "inputs" / row)


def test_the_answer_key_gives_the_pipelines_answers(graded):
    """The reference a submission is graded against is the pipeline's own result, part by part."""
    workdir, _ = graded
    results = workdir / "results"
    assert (
        expected(workdir, "2a")["dictionary"].keys() == read_json(results / "spam" / "dictionary.json").keys()
    )
    nb = read_labels(results / "spam" / "naive_bayes_predictions.txt")
    assert np.array_equal(expected(workdir, "2b")["predictions"], nb)
    top = [entry["word"] for entry in read_json(results / "spam" / "top_words.json")]
    assert expected(workdir, "2c")["top_words"] == top
    assert expected(workdir, "2d")["choice"] == read_json(results / "spam" / "svm.json")["best_radius"]
    assert (
        expected(workdir, "2e")["choice"] == read_json(results / "spam" / "logreg.json")["best_learning_rate"]
    )
    for part, kernel in (("3-dot", "dot"), ("3-rbf", "rbf"), ("3-non_psd", "non_psd")):
        predictions = read_labels(results / "perceptron" / f"{kernel}_predictions.txt")
        assert np.array_equal(expected(workdir, part)["predictions"], predictions), part
    mse = np.array([row[1:] for row in read_csv_rows(results / "doubledescent" / "mse.csv")], dtype=float)
    np.testing.assert_allclose(expected(workdir, "4d")["errors"], mse, rtol=1e-9)


def read_csv_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))[1:]


def test_without_a_submission_the_dag_has_no_grading_jobs(tmp_path):
    workdir = test_copy(tmp_path / "wf")
    plain = planned_jobs(workdir)
    with_submission = planned_jobs(workdir, "--config", "submission=examples/submission")
    assert not GRADING_RULES & set(plain)
    assert {rule: n for rule, n in with_submission.items() if rule not in GRADING_RULES} == plain
    graded_files = [
        with_submission[f"grade_{folder}"] for folder in ("spam", "perceptron", "bayesianreg", "simple_nn")
    ]
    assert graded_files == [1, 1, 1, 1] and with_submission["grading_expected"] == len(ROWS)
    assert with_submission["grading_inputs"] == len(ROWS)


def test_the_example_passes_every_part_and_the_total_is_printed(graded):
    workdir, output = graded
    rows = read_csv(workdir / "results" / "submission" / "grades.csv")
    assert [r["part"] for r in rows] == ROWS
    assert {r["status"] for r in rows} == {"pass"}, [r for r in rows if r["status"] != "pass"]
    assert list(rows[0]) == COLUMNS
    assert {r["isolation"].split(":")[0] for r in rows} == {"sandbox"}
    assert {r["private_set"] for r in rows if r["part"].endswith("-private")} == {"practice"}
    assert "submission: 59 / 59 points, 20 of 20 parts pass" in output
    page = (workdir / "results" / "submission" / "report.html").read_text(encoding="utf-8")
    assert page.count('<tr class="grade-pass">') == len(ROWS)


def test_the_class_sheet_has_every_student_and_a_total_each(graded):
    workdir, output = graded
    rows = read_csv(workdir / "results" / "submissions" / "grades.csv")
    totals = {r["student"]: r for r in rows if r["part"] == "total"}
    assert totals["alice"]["points"] == "30"  # 3(b) 10, 5(b) 10, 5(c) 10
    alice = {r["part"]: r["status"] for r in rows if r["student"] == "alice" and r["part"] != "total"}
    assert {p for p, s in alice.items() if s == "pass"} == {p for p in ROWS if p[0] in "35"}
    bob = {r["part"]: r["status"] for r in rows if r["student"] == "bob" and r["part"] != "total"}
    assert {p for p, s in bob.items() if s == "fail"} == {"2c", "2c-private"}
    assert {p for p, s in bob.items() if s == "pass"} == {
        p for p in ROWS if p[:2] in ("2a", "2b", "2d", "2e")
    }
    assert {s for p, s in bob.items() if not p.startswith("2")} == {"missing"}
    assert totals["bob"]["points"] == "19"  # 2(a, b, d, e): 5 + 10 + 2 + 2
    assert "bob: 19 / 59 points" in output


def test_the_gradebook_and_gradescope_results_agree_with_the_class_sheet(graded):
    """One gradebook line per student with every row's points; each student's results.json meets
    Gradescope's specification with the same points, private rows shown once published."""
    workdir, _ = graded
    submissions = workdir / "results" / "submissions"
    book = {line["student"]: line for line in read_csv(submissions / "gradebook.csv")}
    assert list(book) == ["alice", "bob", "mallory"]
    assert list(book["alice"]) == ["student", *ROWS, "total", "max"]
    assert [line["total"] for line in book.values()] == ["30", "19", "0"]
    assert {line["max"] for line in book.values()} == {"59"}
    assert book["alice"]["3-dot-private"] == "1.6666666666666667" and book["bob"]["2c"] == "0"
    sheet = read_csv(submissions / "grades.csv")
    assert {(r["student"], r["part"]): r["points"] for r in sheet if r["part"] != "total"} == {
        (s, row): book[s][row] for s in book for row in ROWS
    }
    for student in book:
        results = read_json(submissions / student / "results.json")
        assert gradescope_problems(results) == [], student
        assert results["score"] == float(book[student]["total"])
        assert [t["score"] for t in results["tests"]] == [float(book[student][row]) for row in ROWS]
        private = {t["visibility"] for t in results["tests"] if t["name"].split(" ")[0].endswith("-private")}
        assert private == {"after_published"}
    bob = {t["name"].split(":")[0]: t for t in read_json(submissions / "bob" / "results.json")["tests"]}
    assert bob["2c"]["status"] == "failed" and bob["2c"]["output"].startswith("fail: the list differs")


def test_the_class_page_and_the_similarity_flags(graded, graded_copy):
    """The class page: the histogram, a link to each student's page, the failures grouped by cause
    (alice's missing spam.py counted once over its ten rows); no pair is alike until a student hands
    in bob's spam.py, which flags them and changes no grade."""
    workdir, _ = graded
    submissions = workdir / "results" / "submissions"
    page = (submissions / "report.html").read_text(encoding="utf-8")
    assert '<img src="data:image/png;base64,' in page
    for student in ("alice", "bob", "mallory"):
        assert f'<a href="{student}/report.html">{student}</a>' in page
        assert (submissions / student / "report.html").is_file()
    failures = page.split('id="failures"')[1].split("</table>")[0]
    assert "<td>spam/spam.py is not in the submission" in failures
    assert '<b class="count">1</b>: alice</td><td>2a, 2a-private, 2b' in failures
    assert '<b class="count">1</b>: bob</td><td>2c, 2c-private</td>' in failures
    assert "3 students, median 19 of 59 points" in page and "No pair of files is flagged." in page
    assert (submissions / "similarity.csv").read_text() == "file,student_a,student_b,score,matched_lines\n"
    carol = graded_copy / "class" / "carol" / "spam"
    shutil.copytree(graded_copy / "class" / "bob" / "spam", carol)
    run_snakemake(graded_copy, "results/submissions/similarity.csv")
    flags = read_csv(graded_copy / "results" / "submissions" / "similarity.csv")
    assert [(f["file"], f["student_a"], f["student_b"]) for f in flags] == [("spam/spam.py", "bob", "carol")]
    assert float(flags[0]["score"]) == 1.0 and flags[0]["matched_lines"].startswith("A ")


def test_an_attacking_student_stops_nothing_and_changes_no_one_else(graded, graded_copy):
    """mallory's parts end as errors; the run went on (it exited 0), alice's rows equal the
    example's graded alone, and rerunning mallory changes no reference file."""
    workdir, output = graded
    rows = read_csv(workdir / "results" / "submissions" / "grades.csv")
    mallory = {r["part"]: r for r in rows if r["student"] == "mallory" and r["part"] != "total"}
    assert {r["status"] for r in mallory.values()} <= {"error", "fail", "timeout"}, mallory
    assert {r["points"] for r in mallory.values()} == {"0"}
    assert "printed more than 64 KB" in mallory["4d"]["message"]
    alone = {r["part"]: r for r in read_csv(workdir / "results" / "submission" / "grades.csv")}
    for row in rows:
        if row["student"] == "alice" and row["part"][0] in "35":
            same = ("status", "points", "expected", "got", "message")
            assert {k: row[k] for k in same} == {k: alone[row["part"]][k] for k in same}
    before = digests(graded_copy, "results/grading") | digests(graded_copy, "data")
    mallory = [f"results/submissions/mallory/parts/{row}.json" for row in ROWS]
    run_snakemake(graded_copy, *mallory, "--forcerun", *mallory)
    assert digests(graded_copy, "results/grading") | digests(graded_copy, "data") == before


def with_secrets(workdir: Path, secrets: Path) -> None:
    config = run_config(workdir)
    config["grading"]["secrets"] = str(secrets)
    write_run_config(workdir, config)


def test_secret_private_sets_come_from_a_file_outside_the_repository(graded_copy, tmp_path):
    secrets = tmp_path / "course-secrets.yaml"
    secrets.write_text("spam: {seed: 9001}\nperceptron: {seed: 9002}\nbayesianreg: {seed: 9003}\n")
    target = "results/submission/parts/3-dot-private.json"
    with_secrets(graded_copy, secrets)
    run_snakemake(graded_copy, target)
    record = read_json(graded_copy / target)
    assert record["private_set"] == "secret" and record["status"] == "pass", record
    practice, secret = (
        graded_copy / "data" / "private" / kind / "perceptron" / "test.csv" for kind in ("practice", "secret")
    )
    assert practice.read_bytes() != secret.read_bytes()
    assert "9002" not in (graded_copy / "logs" / "grading" / "private_data_secret.log").read_text()
    inside = graded_copy / "secrets.yaml"
    inside.write_text(secrets.read_text())
    with_secrets(graded_copy, inside)
    done = run_snakemake(graded_copy, "-n", check=False)
    assert done.returncode != 0 and "inside the repository" in done.stdout + done.stderr


@pytest.fixture
def graded_copy(graded, tmp_path) -> Path:
    return Path(shutil.copytree(graded[0], tmp_path / "run", symlinks=True))


def test_editing_one_submission_file_reruns_only_its_parts(graded_copy):
    edit(
        graded_copy / "examples" / "submission" / "perceptron" / "perceptron.py",
        "return 1 if a >= 0",
        "return 1 if 0 <= a",
    )
    jobs = planned_jobs(graded_copy, *TARGETS)
    assert jobs == {"grade_perceptron": 1, "grade_sheet": 1}  # the six perceptron rows, in one job


def test_editing_a_reference_algorithm_reruns_the_grading_that_uses_it(graded_copy):
    edit(
        graded_copy / "cs229ps2" / "problems" / "doubledescent" / "doubledescent.py",
        "    return 1.0 / (2.0 * eta**2)",
        "    return 0.5 / eta**2",
    )
    jobs = planned_jobs(graded_copy, *TARGETS)
    # 4d and 4d-private: their inputs and the reference once, then one job for doubledescent.py of
    # each of the submission, alice, bob and mallory (missing or attacking); the submission's sheet
    # and the class sheet (the targets here)
    assert jobs == {
        "grading_inputs": 2,
        "grading_expected": 2,
        "grade_bayesianreg": 4,
        "grade_sheet": 1,
        "grade_class": 1,
    }
