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


BASELINE_SNAKEFILE = """
rule all:
    input: "out/package.txt"

rule which:
    output: "out/package.txt"
    benchmark: "benchmarks/which.tsv"
    shell: "python -c 'import cs229ps2; print(cs229ps2.__file__, cs229ps2.MARK)' > {output}"
"""


def test_baseline_runs_in_a_worktree_of_the_commit_importing_its_own_package(tmp_path):
    import subprocess

    from tools.bench import baseline

    repo = tmp_path / "repo"
    (repo / "cs229ps2").mkdir(parents=True)
    (repo / "Snakefile").write_text(BASELINE_SNAKEFILE)
    (repo / "cs229ps2/__init__.py").write_text('MARK = "baseline"\n')
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "baseline"], check=True)
    (repo / "cs229ps2/__init__.py").write_text('MARK = "later"\n')  # the work tree moves on
    folder = tmp_path / "scratch" / f"baseline-{baseline.git(repo, 'rev-parse', 'HEAD')[:7]}"
    result = baseline.measure_baseline(repo, "HEAD", tmp_path / "scratch", [], keep=True, quick=False)
    assert result["commit"] == baseline.git(repo, "rev-parse", "HEAD")
    assert result["package"] == str(folder / "cs229ps2")
    assert (folder / "out/package.txt").read_text().split() == [
        str(folder / "cs229ps2/__init__.py"),
        "baseline",
    ]
    assert result["jobs"] == 1 and result["job_seconds"] > 0 and result["full_cores2_s"] > 0
    baseline.remove_checkout(repo, folder)
    assert not folder.exists() and "scratch" not in baseline.git(repo, "worktree", "list")
