"""The report stage on a small synthetic run: results/summary.json carries the problems' own numbers,
results/report.html embeds every figure, reruns give the same bytes, a browser loads every image,
and Snakemake's own report builds."""

from __future__ import annotations

import base64
import re
import zipfile

import pytest
from conftest import planned_jobs, run_snakemake

from cs229ps2.pipeline import files


def test_summary_holds_the_pipelines_numbers(small_run):
    results = small_run / "results"
    summary = files.read_json(results / "summary.json")
    spam = files.read_json(results / "spam" / "metrics.json")
    assert summary["spam"]["vocabulary_size"] == spam["vocabulary_size"]
    assert summary["spam"]["svm"]["test_accuracy"] == spam["svm_test_accuracy"]
    assert summary["spam"]["logreg"]["best_learning_rate"] == spam["logreg_best_learning_rate"]
    for problem in ("stability", "spam", "perceptron", "doubledescent", "simple_nn", "batchnorm"):
        own = files.read_json(results / problem / "summary.json")
        assert summary[problem] == own["numbers"], problem
        assert own["section"] in summary["sections"], problem
    for name, run in summary["stability"]["datasets"].items():
        certificate = files.read_json(results / "stability" / "separability" / f"{name}.json")
        assert run["margin"] == certificate["margin"]
        assert (
            run["converged"] == files.read_json(results / "stability" / "train" / f"{name}.json")["converged"]
        )
    predictions = (results / "perceptron" / "non_psd_predictions.txt").read_text().split()
    share = predictions.count("1") / len(predictions)
    assert summary["perceptron"]["kernels"]["non_psd"]["predicted_class1_fraction"] == pytest.approx(share)
    provenance = files.read_json(results / "provenance.json")
    assert {p: r["source"] for p, r in summary["provenance"]["data"].items()} == {
        p: r["source"] for p, r in provenance["data"].items()
    }
    assert summary["config"]["stability"]["max_iter"] == 20000  # the config of this run


def test_page_embeds_every_figure_and_quotes_the_numbers(small_run):
    results = small_run / "results"
    page = (results / "report.html").read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="(?!data:|#)', page), "external resource in the page"
    embedded = [base64.b64decode(s) for s in re.findall(r'<img src="data:image/png;base64,([^"]+)"', page)]
    expected = [
        results / "stability" / "training_curves.png",
        results / "doubledescent" / "doubledescent.png",
        *[results / "perceptron" / f"{k}_output.png" for k in ("dot", "rbf", "non_psd")],
        results / "simple_nn" / "step_weights.png",
    ]
    for path in expected:
        assert path.read_bytes() in embedded, path
    assert page.count("<figcaption>") == len(embedded) == 19
    spam = files.read_json(results / "spam" / "metrics.json")
    assert f"The dictionary holds {spam['vocabulary_size']:,} words" in page
    assert f"test accuracy {spam['svm_test_accuracy']:.4f}" in page
    assert "Synthetic or modified data for: bayesianreg, perceptron, simple_nn, spam, stability" in page
    assert "<td>stability.max_iter</td><td>20000</td>" in page


def test_reruns_write_identical_bytes(small_run):
    before = {name: (small_run / "results" / name).read_bytes() for name in ("summary.json", "report.html")}
    run_snakemake(small_run, "--forcerun", "report_summary", "report_html")
    for name, content in before.items():
        assert (small_run / "results" / name).read_bytes() == content, name
    assert planned_jobs(small_run) == {}


def test_snakemake_report_builds(small_run, tmp_path):
    target = tmp_path / "snakemake_report.zip"
    run_snakemake(small_run, "--report", str(target))
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert any(name.endswith("doubledescent.png") for name in names)
    assert any(name.endswith("summary.json") for name in names)
