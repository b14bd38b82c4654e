"""Snakemake in scratch copies of the workflow, every call timed.

A copy (:func:`cs229ps2.pipeline.workspace.copy_workflow`: Snakefile, config.yaml, workflow/,
cs229ps2/, profiles/) runs with ``PYTHONPATH=<copy>``, so its jobs import the copy's package.
Timings are wall times: ``time.perf_counter`` around each subprocess (interpreter start included).
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from functools import cached_property
from pathlib import Path

from cs229ps2.pipeline.codehash import code_digest
from cs229ps2.pipeline.workspace import copy_workflow

from .critical_path import classify_reruns, job_dag, jobs_of, planned_jobs, read_benchmarks, rewritten

EDITED_MODULE = "cs229ps2/problems/doubledescent/doubledescent.py"
EDITED_FUNCTION = "lambda_opt"
EDITED_SCRIPT = "workflow/scripts/doubledescent_fit.py"  # imports the edited module
QUICK_REPEATS = 3
TOOLS_ROOT = Path(__file__).resolve().parents[2]  # the folder holding tools/


class Runner:
    """Snakemake (and Python) in one workflow copy, its own package first on the path."""

    def __init__(self, workdir: Path, config: list[str]):
        self.workdir = workdir
        self.config = config  # e.g. ["--config", "course_data=/path"], passed to every call

    def __call__(self, *args: str) -> tuple[float, subprocess.CompletedProcess]:
        """Wall seconds and result of ``snakemake *args`` in the copy; raises if it fails."""
        return self._timed([sys.executable, "-m", "snakemake", *args, *self.config], self.workdir)

    def python(self, *args: str) -> subprocess.CompletedProcess:
        """``python *args`` with the copy's package and then ``tools`` importable."""
        return self._timed([sys.executable, *args], self.workdir, TOOLS_ROOT)[1]

    @cached_property
    def rules(self) -> dict[str, dict]:
        """The copy's rules: :func:`tools.bench.critical_path.load_rules`, in its own process."""
        done = self.python("-m", "tools.bench.critical_path", str(self.workdir), *self.config)
        return json.loads(done.stdout)

    def _timed(self, command: list[str], *path: Path) -> tuple[float, subprocess.CompletedProcess]:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, path))}
        start = time.perf_counter()
        done = subprocess.run(command, cwd=self.workdir, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed in {self.workdir}:\n{done.stdout}\n{done.stderr}")
        return seconds, done


def log_step(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def fresh_copy(folder: Path, repo: Path, config: list[str]) -> Runner:
    """A new copy of repo's workflow in folder (emptied first)."""
    if folder.exists():
        shutil.rmtree(folder)
    return Runner(copy_workflow(folder, repo), config)


def dag_of(run: Runner, cores: int, forceall: bool = True) -> dict[int, dict]:
    """The job DAG (:func:`tools.bench.critical_path.job_dag`); without forceall its ``needrun``
    flags are the plan of the next run."""
    _, dot = run("--dag", *(["--forceall"] if forceall else []), "--cores", str(cores))
    return job_dag(dot.stdout, run.rules, cores)


def quick_timings(run: Runner) -> dict:
    """No-op reruns, dry runs and ``snakemake --version`` (the start-up floor), QUICK_REPEATS each."""
    runs = {
        "noop": [run("--cores", "2")[0] for _ in range(QUICK_REPEATS)],
        "dry_run": [run("-n", "--cores", "2")[0] for _ in range(QUICK_REPEATS)],
        "snakemake_version": [run("--version")[0] for _ in range(QUICK_REPEATS)],
    }
    return {
        **{f"{name}_runs_s": times for name, times in runs.items()},
        **{f"{name}_s": statistics.median(times) for name, times in runs.items()},
    }


def add_statement(source: str, function: str, statement: str = "pass") -> str:
    """source with ``statement`` inserted as the first statement (after the docstring) of a
    top-level function: a real change of the syntax tree, so code digests change."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            body = node.body
            first = body[1] if ast.get_docstring(node) is not None and len(body) > 1 else body[0]
            lines = source.splitlines(keepends=True)
            indent = lines[first.lineno - 1][: first.col_offset]
            lines.insert(first.lineno - 1, f"{indent}{statement}  # bench: harmless edit\n")
            return "".join(lines)
    raise ValueError(f"no top-level function {function!r}")


def incremental(run: Runner, dag: dict[int, dict]) -> dict:
    """Edit the ridge module in the copy, rerun with ``--cores 2``: the time, the jobs planned
    (solid in ``--dag``) and the jobs that ran (benchmark files rewritten), split by
    :func:`tools.bench.critical_path.classify_reruns` on dag (the ``--forceall`` DAG)."""
    script, package = run.workdir / EDITED_SCRIPT, run.workdir / "cs229ps2"
    before = code_digest(script, package)
    path = run.workdir / EDITED_MODULE
    path.write_text(add_statement(path.read_text(encoding="utf-8"), EDITED_FUNCTION), encoding="utf-8")
    digest_changed = code_digest(script, package) != before
    planned = planned_jobs(dag_of(run, cores=2, forceall=False))
    timings = read_benchmarks(run.workdir)
    seconds, _ = run("--cores", "2")
    names = jobs_of(rewritten(timings, read_benchmarks(run.workdir)), dag)
    split = classify_reruns(names, dag)
    return {
        "seconds": seconds,
        "edit": f"`pass` added to {EDITED_MODULE}:{EDITED_FUNCTION}",
        "digest_changed": digest_changed,
        "jobs": names,
        "planned_jobs": planned,
        "planned_equals_run": planned == names,
        **split,
        "only_doubledescent": bool(split["doubledescent_jobs"]) and not split["other_jobs"],
    }
