"""The same clean runs on a checkout of a baseline commit, so ratios come from one invocation.

A baseline commit is checked out with ``git worktree add --detach`` into the scratch folder and
run there with ``PYTHONPATH=<checkout>`` (:class:`tools.bench.runner.Runner`): its jobs import the
baseline's own package, which :func:`imported_package` verifies. Both runs are summarised by
:func:`run_summary` from their benchmark files alone, so a baseline whose rules differ (other
jobs, other rule names) is measured the same way.
"""

from __future__ import annotations

import statistics
import subprocess
from pathlib import Path

from .critical_path import parse_benchmark, read_benchmarks
from .runner import Runner, log_step, quick_timings

# Bookkeeping jobs: they read small files and write small files; their time is start-up.
TRIVIAL_RULES = ("provenance", "spam_top_words", "report_html", "report_summary", "check_answers")


def checkout(repo: Path, commit: str, folder: Path) -> Path:
    """A detached worktree of commit in folder (which must not exist); returns folder."""
    git(repo, "worktree", "add", "--detach", str(folder), commit)
    return folder


def remove_checkout(repo: Path, folder: Path) -> None:
    """Remove a worktree made by :func:`checkout` (and its bookkeeping in repo's .git)."""
    git(repo, "worktree", "remove", "--force", str(folder))


def git(repo: Path, *args: str) -> str:
    """``git -C repo *args``; its stdout; raises with git's message if it fails."""
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def imported_package(run: Runner) -> Path:
    """The folder of the ``cs229ps2`` package that jobs in this copy import."""
    done = run.python("-c", "import cs229ps2, pathlib; print(pathlib.Path(cs229ps2.__file__).parent)")
    return Path(done.stdout.strip())


def rule_of(path: str) -> str:
    """Rule of a benchmark file by its path: benchmarks/<stage>/<rule>/<wildcards>.tsv,
    benchmarks/<stage>/<rule>.tsv, benchmarks/data/<problem>.tsv (rule data) or benchmarks/<rule>.tsv."""
    parts = Path(path).parts
    if len(parts) >= 4:
        return parts[-2]
    if len(parts) == 3 and parts[1] == "data":
        return "data"
    return Path(path).stem


def stage_of(path: str) -> str:
    """Stage (problem folder) of a benchmark file: benchmarks/<stage>/..., or the file's stem."""
    parts = Path(path).parts
    return parts[1] if len(parts) >= 3 else Path(path).stem


def is_trivial(rule: str) -> bool:
    return rule.endswith("_summary") or rule in TRIVIAL_RULES


def run_summary(workdir: Path) -> dict:
    """Job seconds of a finished run in workdir: total, per rule, per stage, and the trivial jobs."""
    timings = {path: t.seconds for path, t in read_benchmarks(workdir).items()}
    cpu = [_cpu_seconds(workdir / path) for path in timings]
    by_rule: dict[str, float] = {}
    by_stage: dict[str, float] = {}
    for path, seconds in timings.items():
        by_rule[rule_of(path)] = by_rule.get(rule_of(path), 0.0) + seconds
        by_stage[stage_of(path)] = by_stage.get(stage_of(path), 0.0) + seconds
    trivial = sorted(s for path, s in timings.items() if is_trivial(rule_of(path)))
    return {
        "jobs": len(timings),
        "job_seconds": sum(timings.values()),
        "cpu_seconds": sum(cpu),  # user + system time: less sensitive than wall time to a busy machine
        "per_rule_s": by_rule,
        "per_stage_s": by_stage,
        "trivial_jobs": len(trivial),
        "trivial_median_s": statistics.median(trivial) if trivial else None,
    }


def _cpu_seconds(path: Path) -> float:
    try:
        return parse_benchmark(path.read_text(encoding="utf-8"), "cpu_time")
    except ValueError:  # not sampled
        return 0.0


def measure(run: Runner, cores: int = 2, quick: bool = True) -> dict:
    """A clean ``--cores`` run in run's copy, its :func:`run_summary`, then no-op and dry runs."""
    wall, _ = run("--cores", str(cores))
    out = {f"full_cores{cores}_s": wall, **run_summary(run.workdir)}
    if quick:
        out.update({k: v for k, v in quick_timings(run).items() if not k.startswith("snakemake_version")})
    return out


def measure_baseline(
    repo: Path, commit: str, scratch: Path, config: list[str], keep: bool = False, quick: bool = True
) -> dict:
    """:func:`measure` on a checkout of commit: {"commit" (full hash), "package", measurements}."""
    full = git(repo, "rev-parse", "--verify", f"{commit}^{{commit}}")
    folder = checkout(repo, full, scratch / f"baseline-{full[:7]}")
    try:
        run = Runner(folder, config)
        package = imported_package(run)
        if not package.is_relative_to(folder):
            raise RuntimeError(f"the baseline's jobs would import {package}, not the checkout's package")
        log_step(f"baseline {full[:7]}: clean full run with --cores 2 in {folder}")
        result = {"commit": full, "package": str(package), **measure(run, quick=quick)}
        log_step(f"  {result['full_cores2_s']:.1f} s, {result['job_seconds']:.1f} job-seconds")
        return result
    finally:
        if not keep:
            remove_checkout(repo, folder)


RATIO_KEYS = ("job_seconds", "cpu_seconds", "full_cores2_s", "noop_s", "dry_run_s", "trivial_median_s")


def ratios(current: dict, base: dict) -> dict:
    """current / base for each of RATIO_KEYS both have (None where the baseline is 0)."""
    out = {}
    for key in RATIO_KEYS:
        if current.get(key) is not None and base.get(key) is not None:
            out[key] = current[key] / base[key] if base[key] else None
    return out
