"""Problem 2 through Snakemake: the shared small synthetic run, stream wiring, BERT feature checks."""

from __future__ import annotations

import bz2
import json

import numpy as np
import pytest
from conftest import needs_course_data, planned_jobs, run_config, run_snakemake, test_copy

from cs229ps2.pipeline import files
from cs229ps2.problems import maths
from cs229ps2.problems.spam import svm as spam_svm

METRIC_KEYS = {
    "reader",
    "vocabulary_size",
    "naive_bayes_test_accuracy",
    "top_five_words",
    "svm_best_radius",
    "svm_test_accuracy",
    "logreg_features",
    "logreg_best_learning_rate",
    "logreg_test_accuracy",
}


def test_small_synthetic_run(small_run):
    config = run_config(small_run)
    results = small_run / "results" / "spam"
    metrics = files.read_json(results / "metrics.json")
    assert set(metrics) == METRIC_KEYS
    assert metrics["reader"] == "course" and metrics["logreg_features"] == "minilm"
    labels = np.load(results / "test_matrix.npz")["labels"]
    assert len(labels) == config["synthetic"]["spam"]["n_test"]
    for name in ("naive_bayes", "svm", "logreg"):  # accuracies agree with the written predictions
        predictions = np.loadtxt(results / f"{name}_predictions.txt", dtype=int)
        assert metrics[f"{name}_test_accuracy"] == pytest.approx(np.mean(predictions == labels))
    assert metrics["vocabulary_size"] == len(json.loads((results / "dictionary.json").read_text()))

    # each radius job equals training the course's way: all models in order from one stream
    train, val = np.load(results / "train_matrix.npz"), np.load(results / "val_matrix.npz")
    settings = config["spam"]["svm"]
    assert settings["stream"] == "course"
    stream = np.random.RandomState(settings["seed"])
    for radius in settings["radii"]:
        predictions, _ = spam_svm.train_and_predict(
            train["counts"], train["labels"], val["counts"], radius, stream, settings["outer_loops"]
        )
        job = files.read_json(results / "svm" / f"radius_{radius:g}.json")
        assert job["validation_accuracy"] == maths.accuracy(val["labels"], predictions)

    # a divergent learning rate is recorded, not fatal; the selection table marks the best rate
    assert 10.0 in config["spam"]["logreg"]["learning_rates"]
    rate = files.read_json(results / "logreg" / "rate_10.json")
    assert rate["status"] in ("nan_loss", "diverged", "completed")
    rows = (results / "logreg_rate_selection.csv").read_text().splitlines()
    accuracies = [float(r.split(",")[1]) for r in rows[1:]]
    assert [r.endswith(",1") for r in rows[1:]].index(True) == int(np.argmax(accuracies))

    assert planned_jobs(small_run, "results/spam/metrics.json", "results/spam/plots/confusion_svm.png") == {}


def test_bert_features_without_course_matrices_fail_naming_the_files(workflow_copy):
    override = workflow_copy / "bert.yaml"
    override.write_text("spam: {features: bert}\n")
    done = run_snakemake(
        workflow_copy,
        "-n",
        "results/spam/metrics.json",
        "--configfile",
        "config.yaml",
        str(override),
        check=False,
    )
    assert done.returncode != 0
    assert "bert_train_matrix.tsv.bz2" in done.stdout + done.stderr


def write_bert(folder, rows: dict, seed: int = 0):
    """Fake course BERT matrices (random 4-dim features) with the given row counts."""
    rng = np.random.default_rng(seed)
    matrices = {split: rng.normal(size=(n, 4)) for split, n in rows.items()}
    for split, matrix in matrices.items():
        text = "".join("\t".join(repr(float(v)) for v in row) + "\n" for row in matrix)
        (folder / f"bert_{split}_matrix.tsv.bz2").write_bytes(bz2.compress(text.encode()))
    return matrices


def test_bert_features_are_used_when_complete_and_checked_against_the_messages(tmp_path):
    course = tmp_path / "course" / "spam"
    course.mkdir(parents=True)
    extra = {"course_data": str(course.parent), "spam": {"features": "bert"}}
    workdir = test_copy(tmp_path / "wf", extra=extra)
    sizes = run_config(workdir)["synthetic"]["spam"]
    rows = {split: sizes[f"n_{split}"] for split in ("train", "val", "test")}
    matrices = write_bert(course, rows)
    run_snakemake(workdir, "results/spam/logreg.json")
    results = workdir / "results" / "spam"
    assert files.read_json(results / "logreg.json")["features"] == "bert"
    np.testing.assert_array_equal(np.load(results / "bert" / "val.npy"), matrices["val"])

    write_bert(course, {**rows, "test": rows["test"] - 1}, seed=1)
    done = run_snakemake(workdir, "results/spam/logreg.json", check=False)
    assert done.returncode != 0
    log = (workdir / "logs" / "spam" / "spam_bert_features.log").read_text()
    assert "bert_test_matrix.tsv.bz2" in log
    assert f"{rows['test'] - 1} rows" in log and f"{rows['test']} messages" in log


@needs_course_data
def test_course_answers_of_parts_a_to_c(course_run):
    assert run_config(course_run)["spam"]["min_messages"] == 5  # the course's dictionary threshold
    results = course_run / "results" / "spam"
    # the course's published answers
    assert len(files.read_json(results / "dictionary.json")) in (1721, 1722)
    assert files.read_json(results / "naive_bayes.json")["test_accuracy"] == pytest.approx(0.978, abs=0.001)
    top = [entry["word"] for entry in files.read_json(results / "top_words.json")]
    assert top == ["claim", "won", "prize", "tone", "urgent!"]
