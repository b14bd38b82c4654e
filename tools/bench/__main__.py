"""Benchmark of the pipeline: run times, rerun costs, critical path, and scikit-learn comparisons.

``python -m tools.bench`` (from the repository root) copies the workflow into scratch folders and
runs Snakemake there (runner.py):

1. a clean full run with ``--cores 2`` (copy B) and one with ``--cores 1`` (copy A), each copy
   set up first as ``make`` sets up a checkout (``cs229ps2 compile``: the compiled loops cached);
2. in B: a no-op rerun, a dry run and ``snakemake --version``, 3 times each (median reported);
3. in B: an incremental rerun after a real code change in
   ``cs229ps2/problems/doubledescent/doubledescent.py``, with the jobs that reran (benchmark
   files rewritten) and those ``snakemake --dag`` planned;
4. the critical path of the job DAG from ``snakemake --dag --forceall``, job weights from the
   benchmark files of the same run (critical_path.py);
5. the hot loops, compiled against their numpy references, on the run's data (loops.py);
   each course model's fit + predict time against scikit-learn on B's data (sklearn_compare.py);
6. with ``--baseline COMMIT``: first, the same clean ``--cores 2`` run, no-op and dry runs on a git
   worktree of that commit importing its own package (baseline.py), and the ratios now / baseline;
7. with ``--scale 1,2,4``: clean runs on synthetic data grown by each factor, each stage's job
   seconds and peak memory, their growth exponents and a plot (scale.py).

Writes ``results/bench.json`` (or ``--output``) and ``bench.md`` beside it after every phase
(table.py), and prints the Markdown table. The machine may be shared, so the load average is
recorded before and after.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from cs229ps2.pipeline.provenance import software_versions
from cs229ps2.pipeline.workspace import REPO

from .baseline import measure_baseline, ratios, run_summary
from .critical_path import critical_path_of, job_name, per_rule, read_benchmarks, waits
from .loops import logistic_loop, svm_kernel
from .runner import EDITED_MODULE, Runner, dag_of, fresh_copy, incremental, log_step, quick_timings
from .table import TARGETS, save, update_targets

METHOD = {
    "timing": "time.perf_counter around each snakemake subprocess (interpreter start included)",
    "setup": "each copy of this checkout is set up as make sets up a checkout before it runs: "
    "`cs229ps2 compile` fills numba's cache (the copies carry the checkout's cache; without it, "
    "the first two 1(a)-(c) jobs compile, about 3 s each); the baseline has nothing to set up",
    "sklearn": "median of 5 (3 for ridge and logistic regression, 1 for the SVM) calls of fit + predict, "
    "BLAS limited to 1 thread on both sides (threadpoolctl); data loading not timed",
    "critical_path": "job DAG from `snakemake --dag --forceall` (DOT); each job's benchmark file from its "
    "rule's benchmark pattern (rules loaded with the Snakemake API) and its wildcards; weight = the s column "
    "of that file from the same run (0 for jobs without benchmark:); heaviest chain of dependent jobs",
    "incremental": "jobs run = benchmark files rewritten by the rerun (mtime changed); jobs planned = nodes "
    "not dashed in `snakemake --dag` after the edit",
    "schedule": "per job: end = mtime of its benchmark file, start = end - s; waited = start - latest end "
    "of its dependencies",
}


def machine_info() -> dict:
    """Cores, platform, software versions and the load average before the runs."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cores": cores,
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        **software_versions(extra=("scikit-learn",)),
        "load_before": [round(v, 2) for v in os.getloadavg()],
    }


def full_run(scratch: Path, repo: Path, config: list[str], cores: int, timings: dict) -> Runner:
    """A clean full run in a new copy scratch/cores<cores>, set up as ``make`` sets up a checkout
    (the compiled loops in numba's cache); its wall time goes into timings."""
    run = fresh_copy(scratch / f"cores{cores}", repo, config)
    setup = run.python("-m", "cs229ps2.cli", "compile")
    log_step(f"set up: {setup.stdout.strip()}")
    log_step(f"clean full run with --cores {cores} in {run.workdir}")
    timings[f"full_cores{cores}_s"], _ = run("--cores", str(cores))
    log_step(f"  {timings[f'full_cores{cores}_s']:.1f} s")
    return run


def measure_dag(result: dict, dag: dict[int, dict], workdir: Path) -> None:
    """Critical path, per-rule times, schedule and threads of the ``--cores 2`` run in workdir."""
    timings = read_benchmarks(workdir)
    full = result["timings"]["full_cores2_s"]
    cp = critical_path_of(dag, timings)
    cp["work_bound_cores2_s"] = cp["work_core_seconds"] / 2
    cp["ratio"] = full / cp["seconds"] if cp["seconds"] else None
    bound = cp["lower_bound_cores2_s"] = max(cp["seconds"], cp["work_bound_cores2_s"])
    cp["ratio_to_lower_bound"] = full / bound if bound else None
    result["critical_path"] = cp
    result["per_rule"] = per_rule(dag, timings)
    result["schedule_cores2"] = waits(dag, timings)
    result["threads"] = {job_name(j): j["threads"] for j in dag.values() if (j["threads"] or 1) > 1}


def run_bench(args, save_result=lambda result: None) -> dict:
    """All measurements; ``save_result(result)`` after each phase (partial results survive)."""
    scratch = Path(args.scratch or tempfile.mkdtemp(prefix="cs229ps2-bench-"))
    config = ["--config", f"course_data={Path(args.course_data).resolve()}"] if args.course_data else []
    repo = Path(args.repo).resolve()
    result: dict = {
        "machine": machine_info(),
        "data": f"course ({args.course_data})" if args.course_data else "synthetic",
        "timings": {},
        "targets": {},
        "scratch": str(scratch),
        "method": METHOD,
    }

    def finish():
        result["targets"] = update_targets(result)
        result["machine"]["load_after"] = [round(v, 2) for v in os.getloadavg()]
        save_result(result)

    if not args.scale_only:
        measure_runs(args, result, scratch, repo, config, finish)

    if args.scale:
        from .scale import plot_scale, run_scale

        workflow_config = yaml.safe_load((repo / "config.yaml").read_text(encoding="utf-8"))
        result["scale"] = run_scale(scratch, repo, workflow_config, args.scale)
        plot = Path(args.scale_plot or Path(args.output).with_name("bench_scale.png"))
        plot_scale(result["scale"], plot)
        result["scale"]["plot"] = str(plot)
        finish()

    result["target_values"] = TARGETS
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
        result["scratch"] = None
    return result


def measure_runs(args, result: dict, scratch: Path, repo: Path, config: list[str], finish) -> None:
    """Phases 1-6 (module docstring); ``finish()`` after each."""
    t = result["timings"]
    if args.baseline:
        result["baseline"] = measure_baseline(repo, args.baseline, scratch, config, args.keep)
        finish()

    # the --cores 2 run next: the targets depend on it and its copy serves the later steps
    run = full_run(scratch, repo, config, 2, t)
    result["current"] = run_summary(run.workdir)
    dag = dag_of(run, cores=2)
    measure_dag(result, dag, run.workdir)
    finish()

    log_step("no-op reruns, dry runs, snakemake --version")
    t.update(quick_timings(run))
    if args.baseline:
        result["ratios"] = ratios({**result["current"], **t}, result["baseline"])
    finish()

    log_step("hot loops: compiled against numpy, the SVM kernel")
    result["loops"] = {"logistic": logistic_loop(run.workdir), "svm_kernel": svm_kernel(run.workdir)}
    finish()

    log_step(f"incremental rerun after editing {EDITED_MODULE}")
    result["incremental"] = incremental(run, dag)
    t["incremental_s"] = result["incremental"]["seconds"]
    finish()

    if not args.skip_sklearn:
        from .sklearn_compare import compare_sklearn  # scikit-learn: a test/dev-only dependency

        log_step("scikit-learn comparisons")
        workflow_config = yaml.safe_load((run.workdir / "config.yaml").read_text(encoding="utf-8"))
        result["sklearn"] = compare_sklearn(run.workdir, workflow_config, args.radius)
        finish()

    if not args.skip_cores1:
        run1 = full_run(scratch, repo, config, 1, t)
        cp1 = critical_path_of(dag, read_benchmarks(run1.workdir))
        result["critical_path"]["cores1_run"] = {k: cp1[k] for k in ("seconds", "path", "total_job_seconds")}
        finish()


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--output", default="results/bench.json", help="JSON output (bench.md is written beside it)"
    )
    parser.add_argument(
        "--course-data", help="run the pipeline on this course folder instead of synthetic data"
    )
    parser.add_argument("--repo", default=str(REPO), help="the workflow to copy (default: this checkout)")
    parser.add_argument("--scratch", help="scratch folder for the copies (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copies")
    parser.add_argument("--radius", type=float, help="SVM radius of the scikit-learn comparison")
    parser.add_argument("--skip-cores1", action="store_true", help="skip the --cores 1 full run")
    parser.add_argument("--skip-sklearn", action="store_true", help="skip the scikit-learn comparisons")
    parser.add_argument(
        "--baseline", help="also measure this commit (git worktree, its own package) and print ratios"
    )
    parser.add_argument(
        "--scale",
        type=lambda text: tuple(int(f) for f in text.split(",") if f),
        default=(),
        help="size factors of the scale curve on synthetic data, e.g. 1,2,4 (default: none)",
    )
    parser.add_argument("--scale-only", action="store_true", help="measure only the scale curve")
    parser.add_argument(
        "--scale-plot", help="PNG of the scale curve (default: bench_scale.png beside --output)"
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    output = Path(args.output)
    result = run_bench(args, lambda partial: save(output, partial))
    print(save(output, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
