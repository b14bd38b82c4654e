"""The job DAG of the workflow, per-job wall times, the critical path and the jobs an edit reruns.

Every input is machine-readable; nothing is scraped from Snakemake's console text:

- the DAG: ``snakemake --dag`` (DOT). A node's label is its rule and the wildcards Snakemake
  did not already show on a dependency (``DAG.new_wildcards``); edges run dependency ->
  dependent; a job that need not run is drawn ``style="rounded,dashed"`` (``DAG.dot`` of
  Snakemake 9), so the DOT of a plain ``--dag`` is also the plan of the next run;
- the rules: each rule's ``benchmark:`` pattern, ``threads:`` and wildcard names, read from the
  rule objects of the workflow loaded with the Snakemake Python API (:func:`load_rules`, run in
  the workflow copy as ``python -m tools.bench.critical_path WORKDIR`` and printed as JSON). A
  node's wildcards hidden by the label are taken from its dependencies (they must agree), and its
  benchmark file is the rule's pattern with the job's wildcards applied by Snakemake's own
  ``apply_wildcards``;
- per-job wall time: the job's benchmark TSV (column ``s``); the file's modification time is
  the job's end (Snakemake writes it as the job finishes), end - s its start.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from pathlib import Path
from typing import NamedTuple

DOUBLEDESCENT_PREFIX = "doubledescent_"  # rules of the problem whose module the edit touches
PSEUDO_RULES = ("all",)  # the default target: no work of its own

_DOT_NODE = re.compile(r'^\s*(\d+)\[label = "((?:[^"\\]|\\.)*)"(.*)\];?\s*$')
_DOT_STYLE = re.compile(r'style\s*=\s*"([^"]*)"')
_DOT_EDGE = re.compile(r"^\s*(\d+)\s*->\s*(\d+)")


class Timing(NamedTuple):
    """One benchmark file: the job's wall seconds and its end (the file's mtime, epoch seconds)."""

    seconds: float
    end: float


# --- The DAG ----------------------------------------------------------------------------------------


def parse_dot(text: str) -> tuple[dict[int, dict], list[tuple[int, int]]]:
    """Nodes and edges of ``snakemake --dag`` output.

    Returns ({id: {"rule", "wildcards" (those shown), "needrun"}}, [(dependency, dependent), ...]).
    """
    nodes, edges = {}, []
    for line in text.splitlines():
        if m := _DOT_NODE.match(line):
            rule, *rest = m.group(2).split("\\n")
            style = _DOT_STYLE.search(m.group(3))
            nodes[int(m.group(1))] = {
                "rule": rule,
                "wildcards": dict(item.split(": ", 1) for item in rest),
                "needrun": not (style and "dashed" in style.group(1).split(",")),
            }
        elif m := _DOT_EDGE.match(line):
            edges.append((int(m.group(1)), int(m.group(2))))
    return nodes, edges


def topological_order(nodes, edges: list[tuple[int, int]]) -> list[int]:
    """Nodes with every dependency before its dependents (Kahn, ties by id); raises on a cycle."""
    children: dict[int, list[int]] = {node: [] for node in nodes}
    indegree = dict.fromkeys(nodes, 0)
    for src, dst in edges:
        children[src].append(dst)
        indegree[dst] += 1
    order = [node for node in sorted(nodes) if indegree[node] == 0]
    for node in order:  # order grows while iterating
        for child in children[node]:
            indegree[child] -= 1
            if indegree[child] == 0:
                order.append(child)
    if len(order) != len(indegree):
        raise ValueError("the job graph has a cycle")
    return order


def job_dag(dot_text: str, rules: dict[str, dict], cores: int) -> dict[int, dict]:
    """Job id -> {"rule", "wildcards", "benchmark", "threads", "parents", "needrun"}.

    dot_text: ``snakemake --dag``; rules: :func:`load_rules` of the same workflow; cores: of the
    measured run (Snakemake caps a job's threads at the cores).
    """
    from snakemake.io import apply_wildcards

    nodes, edges = parse_dot(dot_text)
    if unknown := {node["rule"] for node in nodes.values()} - set(rules):
        raise ValueError(f"rules of the DAG missing from the rule table: {sorted(unknown)}")
    jobs = {i: {**node, "parents": []} for i, node in nodes.items()}
    for src, dst in edges:
        jobs[dst]["parents"].append(src)
    for i in topological_order(jobs, edges):
        job, rule = jobs[i], rules[jobs[i]["rule"]]
        for name in set(rule["wildcards"]) - set(job["wildcards"]):
            job["wildcards"][name] = _inherited(jobs, i, name)
        pattern, threads = rule["benchmark"], rule["threads"]
        job["benchmark"] = apply_wildcards(pattern, job["wildcards"]) if pattern else None
        job["threads"] = min(threads, cores) if threads is not None else None
    names = [job_name(job) for job in jobs.values()]
    if len(set(names)) != len(names):
        raise ValueError(f"jobs not told apart by rule and wildcards: {sorted(names)}")
    return jobs


def _inherited(jobs: dict[int, dict], i: int, name: str) -> str:
    """A wildcard the DOT label left out: Snakemake hides it when a dependency shows the same value."""
    values = {jobs[p]["wildcards"][name] for p in jobs[i]["parents"] if name in jobs[p]["wildcards"]}
    if len(values) != 1:
        raise ValueError(
            f"job {i} ({jobs[i]['rule']}): wildcard {name!r} is neither shown nor unique "
            f"among its dependencies: {sorted(values)}"
        )
    return values.pop()


def job_name(job: dict) -> str:
    """rule[name=value,...], the job's name across runs (job ids are not stable)."""
    wildcards = ",".join(f"{k}={v}" for k, v in sorted(job["wildcards"].items()))
    return f"{job['rule']}[{wildcards}]" if wildcards else job["rule"]


def planned_jobs(jobs: dict[int, dict]) -> list[str]:
    """Names of the jobs a plain ``--dag`` draws solid: those the next run executes."""
    return sorted(job_name(j) for j in jobs.values() if j["needrun"] and j["rule"] not in PSEUDO_RULES)


def load_rules(workdir: Path, config: dict | None = None) -> dict[str, dict]:
    """{rule: {"benchmark" (pattern or None), "threads" (None if computed per job), "wildcards"}}.

    Loads the workflow in workdir with the Snakemake API (this changes the working directory;
    run it in its own process, as ``python -m tools.bench.critical_path``).
    """
    from snakemake.api import SnakemakeApi
    from snakemake.settings.types import ConfigSettings, OutputSettings, Quietness, ResourceSettings

    with SnakemakeApi(OutputSettings(quiet={Quietness.ALL})) as api:
        workflow = api.workflow(
            ResourceSettings(cores=1),
            ConfigSettings(config=config or {}),
            snakefile=workdir / "Snakefile",
            workdir=workdir,
        )._workflow  # the loaded workflow; the API exposes no other way to its rules
        return {rule.name: _rule_entry(rule) for rule in workflow.rules}


def _rule_entry(rule) -> dict:
    threads = rule.resources["_cores"].value  # a Resource; a callable when computed per job
    return {
        "benchmark": str(rule.benchmark) if rule.benchmark is not None else None,
        "threads": threads if isinstance(threads, int) else None,
        "wildcards": sorted(rule.wildcard_names),
    }


# --- Benchmark files ----------------------------------------------------------------------------------


def parse_benchmark(text: str, column: str = "s") -> float:
    """The mean of one column of a Snakemake benchmark TSV (one row per repeat): by default ``s``,
    the wall seconds."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        raise ValueError("benchmark file has no data row")
    header = lines[0].split("\t")
    if column not in header:
        raise ValueError(f"benchmark header has no {column!r} column: {header}")
    col = header.index(column)
    return statistics.fmean(float(line.split("\t")[col]) for line in lines[1:])


def read_benchmarks(workdir: Path) -> dict[str, Timing]:
    """Path relative to workdir (posix, e.g. benchmarks/spam/spam_plots.tsv) -> Timing, for every TSV
    under workdir/benchmarks."""
    files = sorted((workdir / "benchmarks").rglob("*.tsv"))
    return {
        p.relative_to(workdir).as_posix(): Timing(parse_benchmark(p.read_text("utf-8")), p.stat().st_mtime)
        for p in files
    }


def rewritten(before: dict[str, Timing], after: dict[str, Timing]) -> list[str]:
    """Benchmark files new or rewritten (other mtime) between two :func:`read_benchmarks`."""
    return sorted(path for path, timing in after.items() if before.get(path) != timing)


def jobs_of(paths, jobs: dict[int, dict]) -> list[str]:
    """Names of the jobs whose benchmark files these are (a file of no job stands for itself)."""
    by_path = {job["benchmark"]: job_name(job) for job in jobs.values() if job["benchmark"]}
    return sorted(by_path.get(path, path) for path in paths)


# --- Critical path, work, schedule ------------------------------------------------------------------


def critical_path(weights: dict[int, float], edges: list[tuple[int, int]]) -> tuple[float, list[int]]:
    """Heaviest chain of dependent jobs: (its summed weight, its job ids in run order).

    weights: job id -> seconds; edges: (dependency, dependent). Raises on a cycle.
    """
    parents: dict[int, list[int]] = {node: [] for node in weights}
    for src, dst in edges:
        parents[dst].append(src)
    best: dict[int, float] = {}
    previous: dict[int, int | None] = {}
    for node in topological_order(weights, edges):
        before = max(parents[node], key=lambda p: (best[p], -p), default=None)
        best[node] = weights[node] + (best[before] if before is not None else 0.0)
        previous[node] = before
    end = max(best, key=lambda node: (best[node], -node))
    path = [end]
    while previous[path[-1]] is not None:
        path.append(previous[path[-1]])
    return best[end], path[::-1]


def _weights(jobs: dict[int, dict], timings: dict[str, Timing]) -> dict[int, float]:
    """Job id -> benchmark seconds (0 for jobs without a benchmark file)."""
    return {i: timings[j["benchmark"]].seconds if j["benchmark"] in timings else 0.0 for i, j in jobs.items()}


def critical_path_of(jobs: dict[int, dict], timings: dict[str, Timing]) -> dict:
    """The critical path of a run, its total job seconds and its core-seconds (seconds x threads)."""
    weights = _weights(jobs, timings)
    edges = [(parent, i) for i, job in jobs.items() for parent in job["parents"]]
    length, path = critical_path(weights, edges)
    path = [i for i in path if jobs[i]["rule"] not in PSEUDO_RULES]
    work = sum(weights[i] * (jobs[i]["threads"] or 1) for i in jobs)
    return {
        "seconds": length,
        "path": [f"{job_name(jobs[i])} ({weights[i]:.1f} s)" for i in path],
        "jobs_without_benchmark": sorted(job_name(j) for j in jobs.values() if not j["benchmark"]),
        "benchmarks_missing": sorted(
            job_name(j) for j in jobs.values() if j["benchmark"] and j["benchmark"] not in timings
        ),
        "total_job_seconds": sum(weights.values()),
        "work_core_seconds": work,
    }


def per_rule(jobs: dict[int, dict], timings: dict[str, Timing]) -> dict[str, dict]:
    """Benchmark seconds grouped by rule: {rule: {"jobs", "total_s", "max_s"}}."""
    out: dict[str, dict] = {}
    for job in jobs.values():
        if job["benchmark"] in timings:
            seconds = timings[job["benchmark"]].seconds
            row = out.setdefault(job["rule"], {"jobs": 0, "total_s": 0.0, "max_s": 0.0})
            row["jobs"] += 1
            row["total_s"] += seconds
            row["max_s"] = max(row["max_s"], seconds)
    return out


def waits(jobs: dict[int, dict], timings: dict[str, Timing]) -> list[dict]:
    """Per benchmarked job of a run: start, end (seconds from the first start) and how long it
    waited after its last dependency ended. end = benchmark file mtime, start = end - s."""
    ends = {i: timings[j["benchmark"]].end for i, j in jobs.items() if j["benchmark"] in timings}
    starts = {i: ends[i] - timings[jobs[i]["benchmark"]].seconds for i in ends}
    if not starts:
        return []
    t0 = min(starts.values())
    rows = []
    for i in ends:
        ready = max((ends[p] for p in jobs[i]["parents"] if p in ends), default=t0)
        rows.append(
            {
                "job": job_name(jobs[i]),
                "threads": jobs[i]["threads"],
                "start": round(starts[i] - t0, 3),
                "end": round(ends[i] - t0, 3),
                "waited": round(starts[i] - ready, 3),
            }
        )
    return sorted(rows, key=lambda r: (r["start"], r["job"]))


def classify_reruns(names: list[str], jobs: dict[int, dict]) -> dict:
    """Split rerun jobs (names) into double-descent jobs, their downstream consumers, and others.

    jobs: the DAG. Double-descent jobs are those of rules ``doubledescent_*``; a downstream job is
    reached from a rerun double-descent job through rerun jobs only (it reruns because a
    double-descent output was rewritten, e.g. a report); any other rerun job is a leak of the edit
    into unrelated code.
    """
    children: dict[int, list[int]] = {i: [] for i in jobs}
    for i, job in jobs.items():
        for parent in job["parents"]:
            children[parent].append(i)
    rerun = set(names)
    dd = {i for i, job in jobs.items() if job["rule"].startswith(DOUBLEDESCENT_PREFIX)}
    todo = [i for i in dd if job_name(jobs[i]) in rerun]
    below: set[int] = set()
    while todo:
        for child in children[todo.pop()]:
            if child not in below and child not in dd and job_name(jobs[child]) in rerun:
                below.add(child)
                todo.append(child)
    dd_names, below_names = {job_name(jobs[i]) for i in dd}, {job_name(jobs[i]) for i in below}
    return {
        "doubledescent_jobs": sorted(rerun & dd_names),
        "downstream_jobs": sorted(rerun & below_names),
        "other_jobs": sorted(rerun - dd_names - below_names),
    }


def main(argv=None) -> None:
    """Print :func:`load_rules` of a workflow folder as JSON."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--config", nargs="*", default=[], metavar="KEY=VALUE", help="config overrides")
    args = parser.parse_args(argv)
    config = dict(item.split("=", 1) for item in args.config)
    print(json.dumps(load_rules(args.workdir.resolve(), config), sort_keys=True))


if __name__ == "__main__":
    main()
