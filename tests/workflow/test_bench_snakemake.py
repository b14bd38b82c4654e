"""The benchmark against a real Snakemake: DAG, rules, benchmark files and plan of a tiny workflow."""

from __future__ import annotations

from tools.bench import critical_path as cp
from tools.bench import runner

TINY = """
rule all:
    input: expand("c/{s}.txt", s=["x", "y"])

rule a:
    output: "a/{s}.txt"
    benchmark: "benchmarks/a/{s}.tsv"
    shell: "echo {wildcards.s} > {output}"

rule c:
    input: "a/{s}.txt"
    output: "c/{s}.txt"
    threads: 2
    benchmark: "benchmarks/c/{s}.tsv"
    shell: "cat {input} > {output}"
"""


def test_tiny_workflow_dag_rules_benchmarks_and_plan(tmp_path):
    (tmp_path / "Snakefile").write_text(TINY)
    run = runner.Runner(tmp_path, [])
    assert run.rules["c"] == {"benchmark": "benchmarks/c/{s}.tsv", "threads": 2, "wildcards": ["s"]}
    jobs = runner.dag_of(run, cores=1)
    assert sorted(cp.job_name(j) for j in jobs.values()) == ["a[s=x]", "a[s=y]", "all", "c[s=x]", "c[s=y]"]
    assert {j["threads"] for j in jobs.values() if j["rule"] == "c"} == {1}
    run("--cores", "1")
    timings = cp.read_benchmarks(tmp_path)
    assert sorted(timings) == sorted(j["benchmark"] for j in jobs.values() if j["benchmark"])
    (tmp_path / "c/x.txt").unlink()
    planned = cp.planned_jobs(runner.dag_of(run, cores=1, forceall=False))
    assert planned == ["c[s=x]"]
    run("--cores", "1")
    assert cp.jobs_of(cp.rewritten(timings, cp.read_benchmarks(tmp_path)), jobs) == planned
