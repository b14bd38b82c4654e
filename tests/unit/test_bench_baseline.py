"""Unit tests of the benchmark's baseline comparison and scale curve (tools/bench/baseline.py, scale.py)."""

from __future__ import annotations

import math

import pytest

from tools.bench import baseline, scale, table

HEADER = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"


def write_benchmark(workdir, path: str, seconds: float, rss="10.5") -> None:
    file = workdir / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(HEADER + f"{seconds}\t0:00:00\t{rss}\t1\t1\t1\t0\t0\t0\t{seconds / 2}\n")


@pytest.mark.parametrize(
    ("path", "rule", "stage"),
    [
        ("benchmarks/stability/stability_modification/lr-0.1.tsv", "stability_modification", "stability"),
        ("benchmarks/spam/spam_summary.tsv", "spam_summary", "spam"),
        ("benchmarks/data/bayesianreg.tsv", "data", "data"),
        ("benchmarks/provenance.tsv", "provenance", "provenance"),
    ],
)
def test_rule_and_stage_of_a_benchmark_path(path, rule, stage):
    assert baseline.rule_of(path) == rule
    assert baseline.stage_of(path) == stage


def test_run_summary_sums_job_seconds_by_rule_and_stage_and_takes_the_trivial_median(tmp_path):
    for path, seconds in {
        "benchmarks/stability/stability_train/ds1_a.tsv": 4.0,
        "benchmarks/stability/stability_train/ds1_b.tsv": 2.0,
        "benchmarks/stability/stability_summary.tsv": 0.3,
        "benchmarks/spam/spam_summary.tsv": 0.2,
        "benchmarks/report/report_html.tsv": 0.6,
        "benchmarks/data/spam.tsv": 1.0,
    }.items():
        write_benchmark(tmp_path, path, seconds)
    out = baseline.run_summary(tmp_path)
    assert out["jobs"] == 6 and out["job_seconds"] == pytest.approx(8.1)
    assert out["cpu_seconds"] == pytest.approx(4.05)
    assert out["per_rule_s"]["stability_train"] == pytest.approx(6.0)
    assert out["per_stage_s"] == pytest.approx({"stability": 6.3, "spam": 0.2, "report": 0.6, "data": 1.0})
    assert out["trivial_jobs"] == 3 and out["trivial_median_s"] == pytest.approx(0.3)


def test_ratios_divide_now_by_baseline_where_both_were_measured():
    now = {"job_seconds": 40.0, "full_cores2_s": 30.0, "noop_s": 1.0, "dry_run_s": 2.0}
    base = {"job_seconds": 100.0, "full_cores2_s": 60.0, "noop_s": 0.0, "trivial_median_s": 0.2}
    assert baseline.ratios(now, base) == {"job_seconds": 0.4, "full_cores2_s": 0.5, "noop_s": None}


def test_scaled_overrides_multiply_every_synthetic_size_and_the_training_sets():
    config = {
        "train_sizes": [200, 250],
        "synthetic": {
            "spam": {"seed": 1, "n_train": 10, "n_val": 3, "n_test": 4, "spam_fraction": 0.1},
            "perceptron": {"seed": 2, "n_train": 5, "n_test": 6},
            "stability": {"seed": 3, "n_points": 7},
            "simple_nn": {"seed": 4, "n_points": 8},
            "bayesianreg": {"seed": 5, "d": 500},
        },
    }
    out = scale.scaled_overrides(config, 4)
    assert out == {
        "train_sizes": [800, 1000],
        "synthetic": {
            "spam": {"n_train": 40, "n_val": 12, "n_test": 16},
            "perceptron": {"n_train": 20, "n_test": 24},
            "stability": {"n_points": 28},
            "simple_nn": {"n_points": 32},
        },
    }


def test_growth_exponent_between_the_two_largest_factors():
    costs = {
        1: {"spam": {"seconds": 1.0}, "stability": {"seconds": 5.0}},
        2: {"spam": {"seconds": 2.0}, "stability": {"seconds": 5.0}, "new": {"seconds": 1.0}},
        4: {"spam": {"seconds": 8.0}, "stability": {"seconds": 5.0}, "new": {"seconds": 2.0}},
    }
    out = scale.growth(costs)
    assert out["spam"] == pytest.approx(2.0) and out["stability"] == pytest.approx(0.0)
    assert out["new"] == pytest.approx(1.0)
    assert scale.growth({1: costs[1]}) == {}


def test_stage_costs_read_seconds_and_peak_rss_and_tolerate_unsampled_rss(tmp_path):
    write_benchmark(tmp_path, "benchmarks/spam/spam_svm_radius/0.1.tsv", 2.0, rss="300.5")
    write_benchmark(tmp_path, "benchmarks/spam/spam_summary.tsv", 0.5, rss="NA")
    out = scale.stage_costs(tmp_path)
    assert out == {"spam": {"seconds": 2.5, "cpu_seconds": 1.25, "max_rss_mb": 300.5}}


def test_plot_scale_writes_a_png(tmp_path):
    costs = {
        f: {"spam": {"seconds": f * 1.0, "cpu_seconds": f * 0.5, "max_rss_mb": 100.0 * f}} for f in (1, 2)
    }
    result = {"factors": [1, 2], "stages": costs}
    scale.plot_scale(result, tmp_path / "scale.png")
    assert (tmp_path / "scale.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_table_shows_ratios_against_the_baseline_with_verdicts_and_the_scale_curve():
    result = {
        "timings": {"full_cores2_s": 50.0, "noop_s": 1.0, "dry_run_s": 1.1},
        "current": {"job_seconds": 80.0, "jobs": 90, "trivial_median_s": 0.2},
        "baseline": {
            "commit": "0f51a41" + "0" * 33,
            "jobs": 88,
            "job_seconds": 170.0,
            "full_cores2_s": 100.0,
            "noop_s": 1.2,
            "dry_run_s": 1.3,
            "trivial_median_s": 0.4,
        },
        "scale": {
            "factors": [1, 2],
            "stages": {
                1: {"spam": {"seconds": 2.0, "cpu_seconds": 1.0, "max_rss_mb": 10.0}},
                2: {"spam": {"seconds": 8.0, "cpu_seconds": 3.0, "max_rss_mb": 40.0}},
            },
            "growth_seconds": {"spam": 2.0},
            "growth_cpu": {"spam": 1.58},
            "growth_rss": {"spam": 2.0},
        },
    }
    result["loops"] = {
        "logistic": {
            "numpy_s_per_1e6_steps_on_b": 4.0,
            "compiled_s_per_1e6_steps_on_b": 0.5,
            "compiled_steps_per_s": 2e6,
            "speedup": 8.0,
            "numpy_measured_steps": 100_000,
            "iterations_on_a": {"numpy": 30368, "compiled": 30377},
            "numba_compile_s": 3.0,
            "numba_cache_load_s": 0.3,
        },
        "svm_kernel": {"m": 4457, "sparse_s": 2.0, "dense_float32_s": 0.5, "speedup": 4.0, "identical": True},
    }
    result["ratios"] = baseline.ratios({**result["current"], **result["timings"]}, result["baseline"])
    result["targets"] = table.update_targets(result)
    lines = table.render_table(result).splitlines()

    def line(prefix):
        return next(x for x in lines if x.startswith(prefix))

    assert "| measurement | baseline 0f51a41 |" in lines[2]
    jobs = line("| clean run: total job-seconds")
    assert "| 170.00 | 80.00 | 0.47 | <= 0.5 x | PASS |" in jobs
    assert line("| clean run, `--cores 2`").endswith("| 100.00 | 50.00 | 0.50 | <= 0.6 x | PASS |")
    assert "| 1.20 | 1.00 | 0.83 | < 3 s | PASS |" in line("| no-op rerun")
    assert "| 0.40 | 0.20 | 0.50 | (not a target) |" in line("| trivial jobs")
    assert line("| spam |") == "| spam | 1.0 | 3.0 | 1.58 | 2.0 | 8.0 | 40 | 2.00 |"
    assert not math.isnan(result["ratios"]["trivial_median_s"])
    assert "| 4.00 | 0.50 (compiled; 2,000,000 steps/s) | 8.0 |" in line("| 1(a)-(c) logistic regression")
    assert line("| iterations until").endswith("| 30,368 | 30,377 | |")
    assert "identical: True" in line("| 2(d) SVM kernel, 4457 x 4457")
