"""Scale curve: each stage's job seconds and peak memory as the synthetic data grow.

For each factor (default x1, x2, x4) a fresh copy of the workflow runs clean on synthetic data
with its sizes multiplied: spam messages (train, validation, test), perceptron points, stability
and simple-network points, and the bayesianreg training-set sizes (``train_sizes``). The sizes go
in as an override file (``--configfile``; Snakemake merges it over config.yaml, and unlike
``--config KEY=VALUE`` it keeps numbers numbers). Costs per stage come from the benchmark files
(``s`` and ``max_rss``); the growth exponent of a stage is log(cost ratio) / log(size ratio).
"""

from __future__ import annotations

import math
from pathlib import Path

import yaml

from .baseline import stage_of
from .critical_path import parse_benchmark
from .runner import fresh_copy, log_step

FACTORS = (1, 2, 4)
SCALED = {  # synthetic section -> its size keys
    "spam": ("n_train", "n_val", "n_test"),
    "perceptron": ("n_train", "n_test"),
    "stability": ("n_points",),
    "simple_nn": ("n_points",),
}


def scaled_overrides(config: dict, factor: int) -> dict:
    """The config overrides that multiply every synthetic size of config by factor."""
    synthetic = {
        section: {key: int(config["synthetic"][section][key]) * factor for key in keys}
        for section, keys in SCALED.items()
    }
    return {"synthetic": synthetic, "train_sizes": [int(n) * factor for n in config["train_sizes"]]}


def stage_costs(workdir: Path) -> dict:
    """{stage: {"seconds": summed job seconds, "cpu_seconds": summed job CPU time (user + system,
    less sensitive to a busy machine), "max_rss_mb": largest job peak RSS}} of a finished run."""
    out: dict[str, dict] = {}
    for path in sorted((workdir / "benchmarks").rglob("*.tsv")):
        text = path.read_text(encoding="utf-8")
        name = stage_of(path.relative_to(workdir).as_posix())
        stage = out.setdefault(name, {"seconds": 0.0, "cpu_seconds": 0.0, "max_rss_mb": 0.0})
        stage["seconds"] += parse_benchmark(text)
        stage["cpu_seconds"] += _sampled(text, "cpu_time")
        stage["max_rss_mb"] = max(stage["max_rss_mb"], _sampled(text, "max_rss"))
    return out


def _sampled(text: str, column: str) -> float:
    try:
        return parse_benchmark(text, column)
    except ValueError:  # "NA" when the job was too short to sample
        return 0.0


def growth(costs: dict[int, dict], key: str = "seconds") -> dict[str, float | None]:
    """Per stage, the exponent p in cost ~ size^p between the two largest factors measured."""
    factors = sorted(costs)
    if len(factors) < 2:
        return {}
    lo, hi = factors[-2], factors[-1]
    out = {}
    for stage in costs[hi]:
        a, b = costs[lo].get(stage, {}).get(key), costs[hi][stage][key]
        out[stage] = math.log(b / a) / math.log(hi / lo) if a and b else None
    return out


def run_scale(scratch: Path, repo: Path, base_config: dict, factors=FACTORS) -> dict:
    """Clean ``--cores 2`` runs at each factor: {"factors", "sizes", "stages": {factor: stage_costs},
    "growth_seconds", "growth_cpu", "growth_rss", "wall_s"}."""
    stages, sizes, wall = {}, {}, {}
    for factor in factors:
        overrides = scaled_overrides(base_config, factor)
        run = fresh_copy(scratch / f"scale{factor}", repo, [])
        (run.workdir / "scale.yaml").write_text(yaml.safe_dump(overrides), encoding="utf-8")
        log_step(f"scale x{factor}: clean run with --cores 2 ({overrides['synthetic']['spam']})")
        wall[factor], _ = run("--cores", "2", "--configfile", "scale.yaml")
        stages[factor], sizes[factor] = stage_costs(run.workdir), overrides
        log_step(f"  {wall[factor]:.1f} s")
    return {
        "factors": list(factors),
        "sizes": sizes,
        "stages": stages,
        "wall_s": wall,
        "growth_seconds": growth(stages),
        "growth_cpu": growth(stages, "cpu_seconds"),
        "growth_rss": growth(stages, "max_rss_mb"),
    }


def plot_scale(scale: dict, path: Path) -> None:
    """Job seconds and peak memory of each stage against the size factor (log-log), one line per stage."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    factors = scale["factors"]
    stages = sorted({s for costs in scale["stages"].values() for s in costs})
    fig, axes = plt.subplots(1, 2, figsize=(12, 5))
    for ax, key, label in zip(
        axes,
        ("cpu_seconds", "max_rss_mb"),
        (
            "CPU seconds (user + system, summed over the stage's jobs)",
            "peak RSS of the stage's largest job (MB)",
        ),
    ):
        for stage in stages:
            values = [scale["stages"][f].get(stage, {}).get(key) or math.nan for f in factors]
            ax.plot(factors, values, marker="o", label=stage)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(factors, [f"x{f}" for f in factors])
        ax.set_xlabel("synthetic data size (factor of the default sizes)")
        ax.set_ylabel(label)
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_title("Cost per stage as the data grow")
    axes[1].set_title("Memory per stage as the data grow")
    axes[1].legend(title="stage", fontsize="small")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
