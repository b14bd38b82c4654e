"""The benchmark's verdicts and its rendering: the Markdown table of the README, and the JSON file."""

from __future__ import annotations

from pathlib import Path

from cs229ps2.pipeline.files import write_json

from .runner import EDITED_MODULE, QUICK_REPEATS

TARGETS = {
    "noop_s": 3.0,
    "dry_run_s": 3.0,
    "incremental_s": 10.0,
    "critical_path_ratio": 1.25,
    "job_seconds_ratio": 0.5,  # clean run, now / baseline
    "full_cores2_ratio": 0.6,
}
BASELINE_ROWS = (  # key, label, target key (ratio) or absolute limit key
    ("job_seconds", "clean run: total job-seconds (sum of `benchmarks/**.tsv`)", "job_seconds_ratio"),
    ("cpu_seconds", "clean run: total CPU seconds of the jobs (user + system)", None),
    ("full_cores2_s", "clean run, `--cores 2`: wall time (s)", "full_cores2_ratio"),
    ("noop_s", f"no-op rerun (median of {QUICK_REPEATS}) (s)", "noop_s"),
    ("dry_run_s", f"dry run `-n` (median of {QUICK_REPEATS}) (s)", "dry_run_s"),
    ("trivial_median_s", "trivial jobs (summaries, report, provenance, top words): median job (s)", None),
)


def update_targets(result: dict) -> dict:
    """Pass (True) / fail (False) of each target measured so far."""
    t, out = result["timings"], {}
    if "noop_s" in t:
        out["noop"] = t["noop_s"] < TARGETS["noop_s"]
        out["dry_run"] = t["dry_run_s"] < TARGETS["dry_run_s"]
    if "incremental_s" in t:
        out["incremental_time"] = t["incremental_s"] < TARGETS["incremental_s"]
        out["incremental_only_doubledescent"] = result["incremental"]["only_doubledescent"]
    ratio = result.get("critical_path", {}).get("ratio")
    if ratio is not None:
        out["critical_path"] = ratio <= TARGETS["critical_path_ratio"]
    for key in ("job_seconds", "full_cores2"):
        value = result.get("ratios", {}).get(key if key == "job_seconds" else f"{key}_s")
        if value is not None:
            out[f"{key}_ratio"] = value <= TARGETS[f"{key}_ratio"]
    return out


def pass_fail(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def _fmt(x, digits: int = 2) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def render_table(result: dict) -> str:
    """Markdown for the README: targets, critical path, per-rule times, scikit-learn comparisons, machine."""
    parts = [
        _baseline_table(result),
        _targets_table(result),
        _critical_path_line(result.get("critical_path", {})),
        _per_rule_table(result.get("per_rule", {})),
        _loops_table(result.get("loops", {})),
        _sklearn_table(result.get("sklearn", {})),
        _scale_table(result.get("scale", {})),
        _machine_line(result.get("machine", {})),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def _baseline_table(result: dict) -> str:
    base, ratios = result.get("baseline"), result.get("ratios", {})
    if not base:
        return ""
    now = {**result.get("current", {}), **result["timings"]}
    checks = result.get("targets", {})
    rows = [
        f"| measurement | baseline {base['commit'][:7]} | now | now / baseline | target | result |",
        "|---|---:|---:|---:|---|---|",
    ]
    for key, label, target in BASELINE_ROWS:
        if target is None:
            goal, verdict = "(not a target)", ""
        elif target.endswith("_ratio"):
            goal, verdict = f"<= {TARGETS[target]:g} x", pass_fail(checks.get(target))
        else:
            goal, verdict = f"< {TARGETS[target]:g} s", pass_fail(checks.get(target.removesuffix("_s")))
        rows.append(
            f"| {label} | {_fmt(base.get(key))} | {_fmt(now.get(key))} | {_fmt(ratios.get(key))} | "
            f"{goal} | {verdict} |"
        )
    jobs = f"{base.get('jobs')} jobs then, {now.get('jobs')} now"
    return (
        f"Against the baseline, measured in the same invocation ({jobs}; the baseline ran from a git "
        f"worktree importing its own package):\n\n" + "\n".join(rows)
    )


def _loops_table(loops: dict) -> str:
    lo, kernel = loops.get("logistic"), loops.get("svm_kernel")
    if not lo or not kernel:
        return ""
    on_a = lo["iterations_on_a"]
    rows = [
        "| loop | before: numpy | after | before / after |",
        "|---|---:|---:|---:|",
        f"| 1(a)-(c) logistic regression: 1,000,000 steps on B (s) | "
        f"{_fmt(lo['numpy_s_per_1e6_steps_on_b'])} | {_fmt(lo['compiled_s_per_1e6_steps_on_b'])} "
        f"(compiled; {lo['compiled_steps_per_s']:,.0f} steps/s) | {_fmt(lo['speedup'], 1)} |",
        f"| iterations until the course's stop rule on A | {on_a['numpy']:,} | {on_a['compiled']:,} | |",
        f"| numba, first call in a new process (s) | | compile {_fmt(lo['numba_compile_s'])}, "
        f"cached {_fmt(lo['numba_cache_load_s'])} | |",
        f"| 2(d) SVM kernel, {kernel['m']} x {kernel['m']} (s) | {_fmt(kernel['sparse_s'])} (sparse) | "
        f"{_fmt(kernel['dense_float32_s'])} (float32 BLAS, table of exp; identical: {kernel['identical']}) "
        f"| {_fmt(kernel['speedup'], 1)} |",
    ]
    note = f"(numpy timed on {lo['numpy_measured_steps']:,} steps and scaled)"
    return f"Hot loops on the run's data, in the benchmark's process {note}:\n\n" + "\n".join(rows)


def _scale_table(scale: dict) -> str:
    if not scale:
        return ""
    factors = scale["factors"]
    last = scale["stages"][factors[-1]]
    head = " | ".join(f"x{f}" for f in factors)
    rows = [
        f"| stage | CPU s: {head} | growth p, CPU | wall s: {head} | peak RSS x{factors[-1]} (MB) "
        "| growth p, RSS |",
        "|---|" + "---:|" * (2 * len(factors) + 3),
    ]
    for stage in sorted(last, key=lambda s: -last[s]["cpu_seconds"]):

        def cells(key, stage=stage):
            return " | ".join(_fmt(scale["stages"][f].get(stage, {}).get(key), 1) for f in factors)

        rows.append(
            f"| {stage} | {cells('cpu_seconds')} | {_fmt(scale['growth_cpu'].get(stage))} | "
            f"{cells('seconds')} | {_fmt(last[stage]['max_rss_mb'], 0)} | "
            f"{_fmt(scale['growth_rss'].get(stage))} |"
        )
    return (
        f"Scale curve (synthetic data, every size x{', x'.join(map(str, factors))}; growth exponent p of "
        f"cost ~ size^p between the two largest factors):\n\n" + "\n".join(rows)
    )


def _targets_table(result: dict) -> str:
    t, checks, cp = result["timings"], result.get("targets", {}), result.get("critical_path", {})
    rows = [
        "| measurement | wall time (s) | target | result |",
        "|---|---:|---|---|",
        f"| clean full run, `--cores 1` | {_fmt(t.get('full_cores1_s'), 1)} | | |",
        f"| clean full run, `--cores 2` | {_fmt(t.get('full_cores2_s'), 1)} | "
        f"<= {TARGETS['critical_path_ratio']} x critical path ({_fmt(cp.get('seconds'), 1)} s): "
        f"ratio {_fmt(cp.get('ratio'))} | {pass_fail(checks.get('critical_path'))} |",
        f"| no-op rerun (median of {QUICK_REPEATS}) | {_fmt(t.get('noop_s'))} | < {TARGETS['noop_s']:g} s "
        f"| {pass_fail(checks.get('noop'))} |",
        f"| dry run `-n` (median of {QUICK_REPEATS}) | {_fmt(t.get('dry_run_s'))} | "
        f"< {TARGETS['dry_run_s']:g} s | {pass_fail(checks.get('dry_run'))} |",
        f"| rerun after editing `{EDITED_MODULE}` | {_fmt(t.get('incremental_s'))} | "
        f"< {TARGETS['incremental_s']:g} s | {pass_fail(checks.get('incremental_time'))} |",
    ]
    if inc := result.get("incremental"):
        rows.append(
            f"| jobs rerun by that edit | {len(inc.get('jobs', []))} jobs | only double-descent jobs "
            f"({_rerun_detail(inc)}) | {pass_fail(checks.get('incremental_only_doubledescent'))} |"
        )
    if t.get("snakemake_version_s") is not None:
        rows.append(
            f"| `snakemake --version` (median of {QUICK_REPEATS}): start-up floor | "
            f"{_fmt(t['snakemake_version_s'])} | (not a target) | |"
        )
    if cp.get("lower_bound_cores2_s"):
        rows.append(
            f"| lower bound on 2 cores: max(critical path, core-seconds / 2) | "
            f"{_fmt(cp['lower_bound_cores2_s'], 1)} | (not a target) full run / bound = "
            f"{_fmt(cp.get('ratio_to_lower_bound'))} | |"
        )
    return "\n".join(rows)


def _rerun_detail(inc: dict) -> str:
    others, below = inc.get("other_jobs", []), inc.get("downstream_jobs", [])
    detail = f"{len(inc.get('doubledescent_jobs', []))} double-descent"
    if below:
        detail += f", {len(below)} downstream of them ({', '.join(below)})"
    return detail + f", {len(others)} others" + (f": {', '.join(others)}" if others else "")


def _critical_path_line(cp: dict) -> str:
    return "Critical path (`--cores 2` run): " + " -> ".join(cp["path"]) if cp.get("path") else ""


def _per_rule_table(rules: dict) -> str:
    if not rules:
        return ""
    lines = ["| rule | jobs | total s | max s |", "|---|---:|---:|---:|"]
    for rule, row in sorted(rules.items(), key=lambda kv: -kv[1]["total_s"]):
        lines.append(f"| {rule} | {row['jobs']} | {row['total_s']:.2f} | {row['max_s']:.2f} |")
    return "Per-rule wall times from `benchmarks/**.tsv` (`--cores 2` run):\n\n" + "\n".join(lines)


def _sklearn_table(comps: dict) -> str:
    if not comps:
        return ""
    lines = [
        "| model | ours (s) | scikit-learn (s) | ours / sklearn | compares |",
        "|---|---:|---:|---:|---|",
    ]
    for name, row in comps.items():
        lines.append(
            f"| {name} | {_fmt(row.get('ours_s'), 3)} | {_fmt(row.get('sklearn_s'), 3)} | "
            f"{_fmt(row.get('ratio'))} | {row.get('note', '')} |"
        )
    return "Fit + predict, same data, same run:\n\n" + "\n".join(lines)


def _machine_line(m: dict) -> str:
    if not m:
        return ""
    return (
        f"Machine: {m.get('cores')} cores, Python {m.get('python')}, Snakemake {m.get('snakemake')}; "
        f"load average {m.get('load_before')} before, {m.get('load_after')} after (shared machine: "
        "timings are noisy)."
    )


def save(output: Path, result: dict) -> str:
    """Write result (with its table) as JSON to output and the table beside it (.md); the table."""
    table = render_table(result)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_json(output, {**result, "markdown": table})
    output.with_suffix(".md").write_text(table, encoding="utf-8")
    return table
