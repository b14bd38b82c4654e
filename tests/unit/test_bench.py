"""Unit tests of the benchmark's pure parts (tools/bench): the DOT job graph, benchmark TSVs, the
critical path, the rerun classification, the code edit and the table; one test runs a tiny workflow."""

from __future__ import annotations

import ast
import itertools
import json
import os
import random
import shutil

import pytest

from cs229ps2.pipeline.codehash import code_digest
from cs229ps2.pipeline.workspace import REPO
from tools.bench import critical_path as cp
from tools.bench import runner, table

HEADER = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"

DOT = """digraph snakemake_dag {
    graph[bgcolor=white, margin=0];
    node[shape=box, style=rounded, fontname=sans,                 fontsize=10, penwidth=2];
    edge[penwidth=2, color=grey];
\t0[label = "all", color = "0.00 0.6 0.85", style="rounded"];
\t1[label = "data_stability", color = "0.12 0.6 0.85", style="rounded,dashed"];
\t2[label = "stability_train\\ndataset: ds1_a", color = "0.65 0.6 0.85", style="rounded,dashed"];
\t3[label = "stability_train\\ndataset: ds1_b", color = "0.65 0.6 0.85", style="rounded"];
\t4[label = "stability_svm", color = "0.63 0.6 0.85", style="rounded,dashed"];
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

RULES = {
    "all": {"benchmark": None, "threads": 1, "wildcards": []},
    "data_stability": {"benchmark": "benchmarks/data/stability.tsv", "threads": 1, "wildcards": []},
    "stability_train": {
        "benchmark": "benchmarks/stability/stability_train/{dataset,ds1_a|ds1_b}.tsv",
        "threads": 2,
        "wildcards": ["dataset"],
    },
    "stability_svm": {
        "benchmark": "benchmarks/stability/stability_svm/{dataset}.tsv",
        "threads": None,
        "wildcards": ["dataset"],
    },
}


def row(seconds: float) -> str:
    return f"{seconds}\t0:00:00\t1\t1\t1\t1\t0\t0\t0\t0\n"


# --- benchmark files -------------------------------------------------------------------------------


def test_parse_benchmark_reads_s_column_and_averages_repeats():
    assert cp.parse_benchmark(HEADER + row(4.82)) == 4.82
    assert cp.parse_benchmark(HEADER + row(1.0) + row(3.0)) == pytest.approx(2.0)
    assert cp.parse_benchmark("cpu_time\ts\n9.0\t0.5\n") == 0.5  # found by name, not position


@pytest.mark.parametrize("text", ["", HEADER, "h:m:s\tmax_rss\n0:00:01\t3\n"])
def test_parse_benchmark_rejects_files_without_data_or_s_column(text):
    with pytest.raises(ValueError):
        cp.parse_benchmark(text)


def write_benchmark(workdir, path: str, seconds: float, mtime: float | None = None) -> None:
    file = workdir / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(HEADER + row(seconds))
    if mtime is not None:
        os.utime(file, (mtime, mtime))


def test_read_benchmarks_gives_seconds_and_end_by_path_relative_to_the_workflow(tmp_path):
    write_benchmark(tmp_path, "benchmarks/spam/spam_svm_radius/0.1.tsv", 2.5, mtime=1000.0)
    write_benchmark(tmp_path, "benchmarks/spam/spam_plots.tsv", 0.75, mtime=2000.5)
    (tmp_path / "benchmarks/notes.txt").write_text("not a benchmark")
    assert cp.read_benchmarks(tmp_path) == {
        "benchmarks/spam/spam_plots.tsv": cp.Timing(0.75, 2000.5),
        "benchmarks/spam/spam_svm_radius/0.1.tsv": cp.Timing(2.5, 1000.0),
    }


def test_rewritten_lists_new_and_touched_files_only(tmp_path):
    write_benchmark(tmp_path, "benchmarks/a.tsv", 1.0, mtime=1000.0)
    write_benchmark(tmp_path, "benchmarks/b.tsv", 1.0, mtime=1000.0)
    before = cp.read_benchmarks(tmp_path)
    write_benchmark(tmp_path, "benchmarks/b.tsv", 1.0, mtime=1001.0)  # same seconds, rewritten
    write_benchmark(tmp_path, "benchmarks/c.tsv", 2.0)
    assert cp.rewritten(before, cp.read_benchmarks(tmp_path)) == ["benchmarks/b.tsv", "benchmarks/c.tsv"]


# --- the DAG -----------------------------------------------------------------------------------------


def test_parse_dot_nodes_wildcards_styles_and_edges():
    nodes, edges = cp.parse_dot(DOT)
    assert nodes[0] == {"rule": "all", "wildcards": {}, "needrun": True}
    assert nodes[3] == {"rule": "stability_train", "wildcards": {"dataset": "ds1_b"}, "needrun": True}
    assert nodes[4] == {"rule": "stability_svm", "wildcards": {}, "needrun": False}  # inherited: not shown
    assert len(edges) == 8 and (3, 5) in edges and (5, 0) in edges


def test_job_dag_inherits_hidden_wildcards_and_applies_benchmark_patterns():
    jobs = cp.job_dag(DOT, RULES, cores=2)
    assert {i: sorted(job["parents"]) for i, job in jobs.items()} == {
        0: [4, 5],
        1: [],
        2: [1],
        3: [1],
        4: [1, 2],
        5: [1, 3],
    }
    assert [cp.job_name(jobs[i]) for i in (1, 4, 5)] == [
        "data_stability",
        "stability_svm[dataset=ds1_a]",
        "stability_svm[dataset=ds1_b]",
    ]
    assert jobs[3]["benchmark"] == "benchmarks/stability/stability_train/ds1_b.tsv"  # constraint dropped
    assert jobs[5]["benchmark"] == "benchmarks/stability/stability_svm/ds1_b.tsv"
    assert jobs[0]["benchmark"] is None
    assert cp.planned_jobs(jobs) == ["stability_svm[dataset=ds1_b]", "stability_train[dataset=ds1_b]"]


def test_job_dag_caps_threads_at_the_cores():
    assert cp.job_dag(DOT, RULES, cores=2)[2]["threads"] == 2
    jobs = cp.job_dag(DOT, RULES, cores=1)
    assert jobs[2]["threads"] == 1 and jobs[4]["threads"] is None  # None: computed per job


def test_job_dag_rejects_unknown_rules_and_ambiguous_wildcards():
    with pytest.raises(ValueError, match="stability_svm"):
        cp.job_dag(DOT, {k: v for k, v in RULES.items() if k != "stability_svm"}, cores=2)
    # job 4 depends on both training jobs: its hidden dataset is not determined
    with pytest.raises(ValueError, match="job 4"):
        cp.job_dag(DOT.replace("\t2 -> 4", "\t2 -> 4\n\t3 -> 4"), RULES, cores=2)
    # two jobs with the same rule and wildcards
    with pytest.raises(ValueError, match="told apart"):
        cp.job_dag(DOT.replace("dataset: ds1_b", "dataset: ds1_a"), RULES, cores=2)


def test_jobs_of_maps_benchmark_files_to_job_names():
    jobs = cp.job_dag(DOT, RULES, cores=2)
    paths = [
        "benchmarks/stability/stability_svm/ds1_a.tsv",
        "benchmarks/data/stability.tsv",
        "benchmarks/x.tsv",
    ]
    assert cp.jobs_of(paths, jobs) == ["benchmarks/x.tsv", "data_stability", "stability_svm[dataset=ds1_a]"]


# --- critical path --------------------------------------------------------------------------------


def test_critical_path_of_a_hand_made_dag():
    # 1 -> 2 -> 4 and 1 -> 3 -> 4: the heavier branch (3) is on the path; 5 is independent
    weights = {1: 1.0, 2: 2.0, 3: 5.0, 4: 1.0, 5: 6.5}
    edges = [(1, 2), (1, 3), (2, 4), (3, 4)]
    assert cp.critical_path(weights, edges) == (7.0, [1, 3, 4])
    weights[5] = 7.5
    assert cp.critical_path(weights, edges) == (7.5, [5])


def _all_paths_max(weights, edges):
    """Oracle: the heaviest path by enumerating every path (exponential; fine for tiny graphs)."""
    children = {n: [d for s, d in edges if s == n] for n in weights}

    def best_from(node):
        return weights[node] + max((best_from(c) for c in children[node]), default=0.0)

    return max(best_from(n) for n in weights)


@pytest.mark.parametrize("seed", range(30))
def test_critical_path_matches_path_enumeration_on_random_dags(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 9)
    labels = rng.sample(range(100), n)  # ids in no particular order
    weights = {labels[i]: rng.choice([0.0, rng.uniform(0, 10)]) for i in range(n)}
    edges = [(labels[i], labels[j]) for i, j in itertools.combinations(range(n), 2) if rng.random() < 0.35]
    rng.shuffle(edges)
    length, path = cp.critical_path(weights, edges)
    assert length == pytest.approx(_all_paths_max(weights, edges))
    assert length == pytest.approx(sum(weights[i] for i in path))
    assert all((a, b) in edges for a, b in zip(path, path[1:]))


def test_critical_path_rejects_a_cycle():
    with pytest.raises(ValueError, match="cycle"):
        cp.critical_path({1: 1.0, 2: 1.0, 3: 0.0}, [(3, 1), (1, 2), (2, 1)])


def test_critical_path_of_a_run_weighs_jobs_by_their_benchmarks():
    jobs = cp.job_dag(DOT, RULES, cores=2)
    timings = {
        "benchmarks/data/stability.tsv": cp.Timing(1.0, 0.0),
        "benchmarks/stability/stability_train/ds1_a.tsv": cp.Timing(3.0, 0.0),
        "benchmarks/stability/stability_train/ds1_b.tsv": cp.Timing(2.0, 0.0),
        "benchmarks/stability/stability_svm/ds1_b.tsv": cp.Timing(4.0, 0.0),
    }
    result = cp.critical_path_of(jobs, timings)
    assert result["seconds"] == 7.0
    assert result["path"] == [
        "data_stability (1.0 s)",
        "stability_train[dataset=ds1_b] (2.0 s)",
        "stability_svm[dataset=ds1_b] (4.0 s)",
    ]  # "all" (no benchmark) is left out
    assert result["benchmarks_missing"] == ["stability_svm[dataset=ds1_a]"]
    assert result["jobs_without_benchmark"] == ["all"]
    assert result["total_job_seconds"] == 10.0
    assert result["work_core_seconds"] == 1.0 + 3.0 * 2 + 2.0 * 2 + 4.0  # training jobs: 2 threads
    assert cp.per_rule(jobs, timings) == {
        "data_stability": {"jobs": 1, "total_s": 1.0, "max_s": 1.0},
        "stability_train": {"jobs": 2, "total_s": 5.0, "max_s": 3.0},
        "stability_svm": {"jobs": 1, "total_s": 4.0, "max_s": 4.0},
    }


def test_waits_starts_each_job_s_seconds_before_its_benchmark_was_written():
    jobs = cp.job_dag(DOT, RULES, cores=2)
    timings = {  # (seconds, end)
        "benchmarks/data/stability.tsv": cp.Timing(2.0, 102.0),
        "benchmarks/stability/stability_train/ds1_b.tsv": cp.Timing(8.0, 110.0),
        "benchmarks/stability/stability_svm/ds1_b.tsv": cp.Timing(1.0, 131.0),
    }
    rows = cp.waits(jobs, timings)
    assert [(r["job"], r["start"], r["end"], r["waited"]) for r in rows] == [
        ("data_stability", 0.0, 2.0, 0.0),
        ("stability_train[dataset=ds1_b]", 2.0, 10.0, 0.0),
        ("stability_svm[dataset=ds1_b]", 30.0, 31.0, 20.0),
    ]
    assert cp.waits(jobs, {}) == []


# --- rerun classification -------------------------------------------------------------------------


def _job(rule, parents, **wildcards):
    return {"rule": rule, "wildcards": wildcards, "parents": parents}


DD_DAG = {
    0: _job("data_bayesianreg", []),
    1: _job("doubledescent_fit", [0], n="200"),
    2: _job("doubledescent_plots", [1]),
    3: _job("stability_svm", [], dataset="ds1_a"),
    4: _job("report_html", [2, 3]),
    5: _job("stability_summary", [3]),
    6: _job("doubledescent_validation", [0]),
    7: _job("report_summary", [6, 3]),
}


def test_classify_reruns_separates_leaks_from_downstream_consumers():
    names = ["doubledescent_fit[n=200]", "doubledescent_plots", "report_html"]
    assert cp.classify_reruns(names, DD_DAG) == {
        "doubledescent_jobs": ["doubledescent_fit[n=200]", "doubledescent_plots"],
        "downstream_jobs": ["report_html"],
        "other_jobs": [],
    }
    split = cp.classify_reruns([*names, "stability_svm[dataset=ds1_a]", "stability_summary", "x.tsv"], DD_DAG)
    assert split["other_jobs"] == ["stability_summary", "stability_svm[dataset=ds1_a]", "x.tsv"]


def test_classify_reruns_counts_as_downstream_only_descendants_of_rerun_double_descent_jobs():
    # report_summary descends from doubledescent_validation, which did not rerun: a leak
    split = cp.classify_reruns(["doubledescent_fit[n=200]", "report_summary"], DD_DAG)
    assert split["other_jobs"] == ["report_summary"] and split["downstream_jobs"] == []
    split = cp.classify_reruns(["doubledescent_validation", "report_summary"], DD_DAG)
    assert split["downstream_jobs"] == ["report_summary"]
    # report_html is reached from the fit only through doubledescent_plots, which did not rerun
    split = cp.classify_reruns(["doubledescent_fit[n=200]", "report_html"], DD_DAG)
    assert split["other_jobs"] == ["report_html"]


# --- the code edit ----------------------------------------------------------------------------------

SOURCE = '''"""A module."""


def lambda_opt(eta):
    """Docstring."""
    return 1.0 / (2.0 * eta**2)


def other(x):
    return x + 1
'''


@pytest.mark.parametrize("function", ["lambda_opt", "other"])
def test_add_statement_changes_the_syntax_tree_not_the_behaviour(function):
    edited = runner.add_statement(SOURCE, function)
    body = next(
        n for n in ast.parse(edited).body if isinstance(n, ast.FunctionDef) and n.name == function
    ).body
    assert any(isinstance(stmt, ast.Pass) for stmt in body)
    assert ast.get_docstring(ast.parse(edited).body[1]) == "Docstring."  # still the docstring
    scope: dict = {}
    exec(edited, scope)
    assert scope["lambda_opt"](0.5) == 2.0 and scope["other"](1) == 2


def test_add_statement_needs_the_function():
    with pytest.raises(ValueError, match="missing"):
        runner.add_statement(SOURCE, "missing")


def test_the_edit_changes_the_digest_of_exactly_the_scripts_using_the_ridge_module(tmp_path):
    package = tmp_path / "cs229ps2"
    shutil.copytree(REPO / "cs229ps2", package, ignore=shutil.ignore_patterns("__pycache__"))
    scripts = sorted((REPO / "workflow/scripts").glob("*.py"))
    before = {s.name: code_digest(s, package) for s in scripts}
    module = tmp_path / runner.EDITED_MODULE
    module.write_text(runner.add_statement(module.read_text(), runner.EDITED_FUNCTION))
    changed = {s.name for s in scripts if code_digest(s, package) != before[s.name]}
    assert (REPO / runner.EDITED_SCRIPT).name in changed
    unchanged = set(before) - changed
    assert unchanged, "the edit reached every script"
    for name in unchanged:  # none of them imports the ridge module directly
        assert "cs229ps2.problems.doubledescent.doubledescent" not in _imported_modules(
            REPO / "workflow/scripts" / name
        )


def _imported_modules(script) -> set[str]:
    """Dotted names a script imports (``from a import b`` gives a and a.b)."""
    names = set()
    for node in ast.walk(ast.parse(script.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.update({node.module, *(f"{node.module}.{alias.name}" for alias in node.names)})
    return names


# --- the table -------------------------------------------------------------------------------------


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
            "jobs": ["doubledescent_plots", "report_html", "stability_svm[dataset=ds1_a]"],
            "doubledescent_jobs": ["doubledescent_plots"],
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
            "load_before": [1],
            "load_after": [2],
        },
    }
    return result | overrides


def test_render_table_shows_values_targets_and_verdicts():
    text = table.render_table(_result())
    lines = text.splitlines()

    def line(prefix):
        return next(x for x in lines if x.startswith(prefix))

    assert (
        "3.50" in line("| dry run") and "< 3 s" in line("| dry run") and line("| dry run").endswith("FAIL |")
    )
    assert "1.50" in line("| no-op") and "PASS" in line("| no-op")
    full = line("| clean full run, `--cores 2`")
    assert "100.0" in full and "90.0" in full and "1.11" in full and "PASS" in full
    assert f"editing `{runner.EDITED_MODULE}`" in line("| rerun after")
    rerun = line("| jobs rerun")
    assert "1 double-descent, 1 downstream of them (report_html), 1 others: stability_svm" in rerun
    assert "FAIL" in rerun
    assert text.index("| big |") < text.index("| small |")  # per-rule rows: largest total first
    assert "| naive Bayes (spam) | 0.020 | 0.010 | 2.00 | MultinomialNB |" in text
    assert "spam_embeddings (80.0 s)" in text and "noisy" in text
    assert "start-up floor | 1.25 |" in text


def test_render_table_marks_missing_values():
    result = _result(critical_path={"seconds": None, "ratio": None}, sklearn={}, per_rule={}, incremental={})
    result["targets"] = {}
    text = table.render_table(result)
    full = next(x for x in text.splitlines() if x.startswith("| clean full run, `--cores 2`"))
    assert "n/a" in full
    assert "scikit-learn" not in text and "| rule |" not in text and "Critical path" not in text


def test_update_targets_judges_only_what_was_measured():
    assert table.update_targets({"timings": {}, "critical_path": {"ratio": 1.3}}) == {"critical_path": False}
    result = {
        "timings": {"noop_s": 2.9, "dry_run_s": 3.0, "incremental_s": 9.9},
        "incremental": {"only_doubledescent": True},
        "critical_path": {"ratio": 1.25},
    }
    assert table.update_targets(result) == {
        "noop": True,
        "dry_run": False,
        "incremental_time": True,
        "incremental_only_doubledescent": True,
        "critical_path": True,
    }


def test_save_writes_json_with_the_table_and_the_markdown_beside_it(tmp_path):
    output = tmp_path / "out" / "bench.json"
    text = table.save(output, _result())
    assert json.loads(output.read_text())["markdown"] == text == (tmp_path / "out/bench.md").read_text()


# --- a tiny workflow: the DOT, the rules and the benchmark files of this Snakemake ---------------
