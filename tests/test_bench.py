"""Unit tests of the benchmark's pure parts: benchmark TSVs, the job DAG, the critical path, the table."""

from __future__ import annotations

import ast
import itertools
import random

import pytest
from cs229ps2.tools import bench

from cs229ps2.pipeline.codehash import code_digest

HEADER = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"

DOT = """digraph snakemake_dag {
    graph[bgcolor=white, margin=0];
    node[shape=box, style=rounded, fontname=sans,                 fontsize=10, penwidth=2];
    edge[penwidth=2, color=grey];
\t0[label = "all", color = "0.00 0.6 0.85", style="rounded"];
\t1[label = "data_stability", color = "0.12 0.6 0.85", style="rounded"];
\t2[label = "stability_train\\ndataset: ds1_a", color = "0.65 0.6 0.85", style="rounded"];
\t3[label = "stability_train\\ndataset: ds1_b", color = "0.65 0.6 0.85", style="rounded"];
\t4[label = "stability_svm", color = "0.63 0.6 0.85", style="rounded"];
\t5[label = "stability_svm", color = "0.63 0.6 0.85", style="rounded"];
\t4 -> 0
\t5 -> 0
\t1 -> 2
\t1 -> 3
\t2 -> 4
\t1 -> 4
\t3 -> 5
\t1 -> 5
}
"""

DRY_RUN = """Building DAG of jobs...
Job stats:
job                count
---------------  -------
all                    1
total                  6

[Thu Nov 26 15:06:09 2026]
rule data_stability:
    output: data/stability/ds1_a.csv, data/stability/ds1_b.csv
    log: logs/data/stability.log
    jobid: 1
    benchmark: benchmarks/data/stability.tsv
    reason: Forced execution
    resources: tmpdir=/tmp
[Thu Nov 26 15:06:09 2026]
rule stability_train:
    input: data/stability/ds1_b.csv
    output: results/stability/train/ds1_b.json
    jobid: 3
    benchmark: benchmarks/stability/stability_train/ds1_b.tsv
    reason: Forced execution
    wildcards: dataset=ds1_b
    threads: 2
    resources: tmpdir=/tmp
[Thu Nov 26 15:06:09 2026]
rule stability_train:
    input: data/stability/ds1_a.csv
    jobid: 2
    benchmark: benchmarks/stability/stability_train/ds1_a.tsv
    wildcards: dataset=ds1_a
[Thu Nov 26 15:06:09 2026]
rule stability_svm:
    input: data/stability/ds1_b.csv, results/stability/train/ds1_b.json
    jobid: 5
    benchmark: benchmarks/stability/stability_svm/ds1_b.tsv
    wildcards: dataset=ds1_b
[Thu Nov 26 15:06:09 2026]
rule stability_svm:
    jobid: 4
    benchmark: benchmarks/stability/stability_svm/ds1_a.tsv
    wildcards: dataset=ds1_a
[Thu Nov 26 15:06:10 2026]
localrule all:
    input: results/stability/svm/ds1_a.png
    jobid: 0
    reason: Forced execution
    resources: tmpdir=/tmp
Job stats:
"""


def test_parse_benchmark_reads_s_column_and_averages_repeats():
    assert bench.parse_benchmark(HEADER + "4.82\t0:00:04\t3.05\t8.92\t1\t1\t0\t0\t0\t0\n") == 4.82
    two = HEADER + "1.0\t0:00:01\t1\t1\t1\t1\t0\t0\t0\t0\n3.0\t0:00:03\t1\t1\t1\t1\t0\t0\t0\t0\n"
    assert bench.parse_benchmark(two) == pytest.approx(2.0)
    # the column is found by name, not position
    assert bench.parse_benchmark("cpu_time\ts\n9.0\t0.5\n") == 0.5


@pytest.mark.parametrize("text", ["", HEADER, "h:m:s\tmax_rss\n0:00:01\t3\n"])
def test_parse_benchmark_rejects_files_without_data_or_s_column(text):
    with pytest.raises(ValueError):
        bench.parse_benchmark(text)


def test_read_benchmarks_keys_are_paths_relative_to_the_workflow(tmp_path):
    folder = tmp_path / "benchmarks"
    (folder / "spam" / "spam_svm_radius").mkdir(parents=True)
    (folder / "spam" / "spam_svm_radius" / "0.1.tsv").write_text(HEADER + "2.5\t0\t0\t0\t0\t0\t0\t0\t0\t0\n")
    (folder / "spam" / "spam_plots.tsv").write_text(HEADER + "0.75\t0\t0\t0\t0\t0\t0\t0\t0\t0\n")
    assert bench.read_benchmarks(folder) == {
        "benchmarks/spam/spam_plots.tsv": 0.75,
        "benchmarks/spam/spam_svm_radius/0.1.tsv": 2.5,
    }


def test_parse_dot_nodes_wildcards_and_edges():
    nodes, edges = bench.parse_dot(DOT)
    assert nodes[0] == {"rule": "all", "wildcards": {}}
    assert nodes[3] == {"rule": "stability_train", "wildcards": {"dataset": "ds1_b"}}
    assert nodes[5] == {"rule": "stability_svm", "wildcards": {}}  # inherited wildcards are not shown
    assert len(edges) == 8 and (3, 5) in edges and (5, 0) in edges


def test_parse_job_blocks_reads_rule_jobid_wildcards_benchmark_threads():
    jobs = {job["jobid"]: job for job in bench.parse_job_blocks(DRY_RUN)}
    assert sorted(jobs) == [0, 1, 2, 3, 4, 5]
    assert jobs[3]["rule"] == "stability_train"
    assert jobs[3]["wildcards"] == {"dataset": "ds1_b"}
    assert jobs[3]["benchmark"] == "benchmarks/stability/stability_train/ds1_b.tsv"
    assert jobs[3]["threads"] == 2 and jobs[2]["threads"] == 1
    assert jobs[0]["local"] and jobs[0]["benchmark"] is None
    assert bench.job_name(jobs[4]) == "stability_svm[dataset=ds1_a]"


def test_job_dag_links_each_job_to_its_dependencies():
    jobs = bench.job_dag(DOT, DRY_RUN)
    assert {jobid: sorted(job["parents"]) for jobid, job in jobs.items()} == {
        0: [4, 5],
        1: [],
        2: [1],
        3: [1],
        4: [1, 2],
        5: [1, 3],
    }
    assert jobs[3]["benchmark"] == "benchmarks/stability/stability_train/ds1_b.tsv"


def test_map_nodes_joins_by_jobid_and_checks_agreement():
    nodes, _ = bench.parse_dot(DOT)
    jobs = bench.parse_job_blocks(DRY_RUN)
    mapped = bench.map_nodes(nodes, jobs)
    assert mapped[5]["benchmark"] == "benchmarks/stability/stability_svm/ds1_b.tsv"
    swapped = {**nodes, 2: {"rule": "stability_train", "wildcards": {"dataset": "ds1_b"}}}
    with pytest.raises(ValueError, match="job 2"):
        bench.map_nodes(swapped, jobs)
    with pytest.raises(ValueError, match="not matched"):
        bench.map_nodes({**nodes, 9: {"rule": "x", "wildcards": {}}}, jobs)


def test_critical_path_of_a_hand_made_dag():
    # 1 -> 2 -> 4 and 1 -> 3 -> 4: the heavier branch (3) is on the path; 5 is independent
    weights = {1: 1.0, 2: 2.0, 3: 5.0, 4: 1.0, 5: 6.5}
    edges = [(1, 2), (1, 3), (2, 4), (3, 4)]
    assert bench.critical_path(weights, edges) == (7.0, [1, 3, 4])
    weights[5] = 7.5
    assert bench.critical_path(weights, edges) == (7.5, [5])


def _all_paths_max(weights, edges):
    """Oracle: the heaviest path by enumerating every path (exponential; fine for tiny graphs)."""
    children = {n: [d for s, d in edges if s == n] for n in weights}

    def best_from(node):
        return weights[node] + max((best_from(c) for c in children[node]), default=0.0)

    return max(best_from(n) for n in weights)


@pytest.mark.parametrize("seed", range(20))
def test_critical_path_matches_path_enumeration_on_random_dags(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 9)
    weights = {i: rng.choice([0.0, rng.uniform(0, 10)]) for i in range(n)}
    edges = [(i, j) for i, j in itertools.combinations(range(n), 2) if rng.random() < 0.35]
    rng.shuffle(edges)
    length, path = bench.critical_path(weights, edges)
    assert length == pytest.approx(_all_paths_max(weights, edges))
    assert length == pytest.approx(sum(weights[i] for i in path))
    assert all((a, b) in edges for a, b in zip(path, path[1:]))


def test_critical_path_rejects_a_cycle():
    with pytest.raises(ValueError, match="cycle"):
        bench.critical_path({1: 1.0, 2: 1.0}, [(1, 2), (2, 1)])


def test_per_rule_groups_benchmark_seconds():
    rules = bench.per_rule(
        {"b/f/1.tsv": 1.0, "b/f/2.tsv": 3.0, "b/r.tsv": 0.5},
        {"b/f/1.tsv": "fit", "b/f/2.tsv": "fit", "b/r.tsv": "report"},
    )
    assert rules == {
        "fit": {"jobs": 2, "total_s": 4.0, "max_s": 3.0},
        "report": {"jobs": 1, "total_s": 0.5, "max_s": 0.5},
    }


SOURCE = '''"""A module."""


def lambda_opt(eta):
    """Docstring."""
    return 1.0 / (2.0 * eta**2)


def other(x):
    return x + 1
'''


@pytest.mark.parametrize("function", ["lambda_opt", "other"])
def test_add_statement_changes_the_digest_not_the_behaviour(tmp_path, function):
    package = tmp_path / "cs229ps2"
    package.mkdir()
    (package / "__init__.py").write_text("")
    module = package / "ridge.py"
    module.write_text(SOURCE)
    script = tmp_path / "script.py"
    script.write_text("from cs229ps2.problems.ridge import lambda_opt\n")
    before = code_digest(script, package)
    edited = bench.add_statement(SOURCE, function)
    module.write_text(edited)
    assert code_digest(script, package) != before
    tree = ast.parse(edited)
    body = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function).body
    assert any(isinstance(stmt, ast.Pass) for stmt in body)
    scope: dict = {}
    exec(edited, scope)
    assert scope["lambda_opt"](0.5) == 2.0 and scope["other"](1) == 2


def test_add_statement_needs_the_function():
    with pytest.raises(ValueError, match="missing"):
        bench.add_statement(SOURCE, "missing")


def test_schedule_reads_job_start_and_finish():
    log = (
        "[Thu Nov 26 15:06:09 2026]\nrule data_spam:\n    output: x\n    jobid: 3\n"
        "[Thu Nov 26 15:06:10 2026]\nrule spam_embeddings:\n    jobid: 7\n    threads: 2\n"
        "[Thu Nov 26 15:06:12 2026]\nFinished jobid: 3 (Rule: data_spam)\n"
        "[Thu Nov 26 15:07:00 2026]\nFinished jobid: 7 (Rule: spam_embeddings)\n"
    )
    assert bench.schedule(log) == [
        {"jobid": 3, "rule": "data_spam", "start": 0.0, "end": 3.0},
        {"jobid": 7, "rule": "spam_embeddings", "start": 1.0, "end": 51.0},
    ]


def _result(**overrides):
    result = {
        "timings": {
            "full_cores1_s": 150.0,
            "full_cores2_s": 100.0,
            "noop_s": 1.5,
            "snakemake_version_s": 1.25,
            "dry_run_s": 3.5,
            "incremental_s": 8.0,
        },
        "targets": {
            "noop": True,
            "dry_run": False,
            "incremental_time": True,
            "incremental_only_doubledescent": False,
            "critical_path": True,
        },
        "critical_path": {
            "seconds": 90.0,
            "ratio": 100.0 / 90.0,
            "path": ["data_spam (1.0 s)", "spam_embeddings (80.0 s)"],
        },
        "incremental": {
            "jobs": ["doubledescent_report", "report_html", "stability_svm[dataset=ds1_a]"],
            "doubledescent_jobs": ["doubledescent_report"],
            "downstream_jobs": ["report_html"],
            "other_jobs": ["stability_svm[dataset=ds1_a]"],
        },
        "per_rule": {
            "small": {"jobs": 1, "total_s": 0.5, "max_s": 0.5},
            "big": {"jobs": 2, "total_s": 9.0, "max_s": 5.0},
        },
        "sklearn": {
            "naive Bayes (spam)": {"ours_s": 0.02, "sklearn_s": 0.01, "ratio": 2.0, "note": "MultinomialNB"}
        },
        "machine": {
            "cores": 2,
            "python": "3.11.7",
            "snakemake": "9.27.1",
            "load_before": [1, 1, 1],
            "load_after": [2, 2, 2],
        },
    }
    result.update(overrides)
    return result


def test_render_table_shows_values_targets_and_verdicts():
    table = bench.render_table(_result())
    lines = table.splitlines()
    row = next(line for line in lines if line.startswith("| dry run"))
    assert "3.50" in row and "< 3 s" in row and row.rstrip().endswith("FAIL |")
    row = next(line for line in lines if line.startswith("| no-op"))
    assert "1.50" in row and "PASS" in row
    row = next(line for line in lines if line.startswith("| clean full run, `--cores 2`"))
    assert "100.0" in row and "90.0" in row and "1.11" in row and "PASS" in row
    row = next(line for line in lines if line.startswith("| jobs rerun"))
    assert "1 double-descent, 1 downstream of them (report_html), 1 others: stability_svm" in row
    assert "FAIL" in row
    # per-rule rows sorted by total time, largest first
    assert table.index("| big |") < table.index("| small |")
    assert "| naive Bayes (spam) | 0.020 | 0.010 | 2.00 | MultinomialNB |" in table
    assert "spam_embeddings (80.0 s)" in table and "noisy" in table
    assert "start-up floor | 1.25 |" in table


def test_render_table_marks_missing_values():
    result = _result(critical_path={"seconds": None, "ratio": None}, sklearn={}, per_rule={}, incremental={})
    result["targets"] = {}
    table = bench.render_table(result)
    row = next(line for line in table.splitlines() if line.startswith("| clean full run, `--cores 2`"))
    assert "n/a" in row
    assert "scikit-learn" not in table and "| rule |" not in table


def test_waits_measures_the_delay_after_the_last_dependency():
    jobs = bench.job_dag(DOT, DRY_RUN)
    # the run numbered its jobs differently: 11 = data, 12 = train ds1_b, 13 = svm ds1_b
    run_log = (
        "[Thu Nov 26 15:00:00 2026]\nrule data_stability:\n    jobid: 11\n"
        "[Thu Nov 26 15:00:02 2026]\nFinished jobid: 11 (Rule: data_stability)\n"
        "[Thu Nov 26 15:00:02 2026]\nrule stability_train:\n    jobid: 12\n    wildcards: dataset=ds1_b\n"
        "[Thu Nov 26 15:00:10 2026]\nFinished jobid: 12 (Rule: stability_train)\n"
        "[Thu Nov 26 15:00:30 2026]\nrule stability_svm:\n    jobid: 13\n    wildcards: dataset=ds1_b\n"
        "[Thu Nov 26 15:00:31 2026]\nFinished jobid: 13 (Rule: stability_svm)\n"
    )
    rows = bench.waits(jobs, bench.schedule(run_log), bench.parse_job_blocks(run_log))
    assert [(r["job"], r["start"], r["end"], r["waited"]) for r in rows] == [
        ("data_stability", 0.0, 2.0, 0.0),
        ("stability_train[dataset=ds1_b]", 2.0, 10.0, 0.0),
        ("stability_svm[dataset=ds1_b]", 30.0, 31.0, 20.0),
    ]


def test_update_targets_judges_only_what_was_measured():
    result = {"timings": {}, "critical_path": {"ratio": 1.3}}
    assert bench.update_targets(result) == {"critical_path": False}
    result = {
        "timings": {"noop_s": 2.9, "dry_run_s": 3.0, "incremental_s": 9.9},
        "incremental": {"only_doubledescent": True},
        "critical_path": {"ratio": 1.25},
    }
    assert bench.update_targets(result) == {
        "noop": True,
        "dry_run": False,
        "incremental_time": True,
        "incremental_only_doubledescent": True,
        "critical_path": True,
    }


def test_classify_reruns_separates_leaks_from_downstream_consumers():
    def job(jobid, rule, parents, **wildcards):
        return {"jobid": jobid, "rule": rule, "wildcards": wildcards, "parents": parents}

    dag = {
        0: job(0, "data_bayesianreg", []),
        1: job(1, "doubledescent_fit", [0], n="200"),
        2: job(2, "doubledescent_report", [1]),
        3: job(3, "stability_svm", [], dataset="ds1_a"),
        4: job(4, "report_html", [2, 3]),
        5: job(5, "stability_summary", [3]),
    }
    names = ["doubledescent_fit[n=200]", "doubledescent_report", "report_html"]
    assert bench.classify_reruns(names, dag) == {
        "doubledescent_jobs": ["doubledescent_fit[n=200]", "doubledescent_report"],
        "downstream_jobs": ["report_html"],
        "other_jobs": [],
    }
    split = bench.classify_reruns([*names, "stability_svm[dataset=ds1_a]", "stability_summary"], dag)
    assert split["other_jobs"] == ["stability_summary", "stability_svm[dataset=ds1_a]"]
