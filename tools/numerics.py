"""How far each reference answer moves with the BLAS thread count and the CPU's kernels.

    python -m tools.numerics [--course-data DIR] [--variants NAME,...] [--keep DIR]

Runs the whole workflow in scratch copies once per variant (below) on the synthetic data, and
with ``--course-data`` on the course's files too, then compares every answer of the reference
set that applies with its expected value: the largest absolute and relative change, and how
much of its tolerance that uses (``used`` > 1: the check would fail on such a machine). Run it
before writing a tolerance into ``reference/answers.yaml``; the tolerances' notes quote it.

Variants: the thread count every job's BLAS gets (Snakemake sets it from the rule's threads,
here raised with ``--set-threads``), and the kernels OpenBLAS and numba pick for another CPU
(``OPENBLAS_CORETYPE``, ``NUMBA_CPU_NAME``). ONNX Runtime's kernels follow the real CPU.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cs229ps2.pipeline import reference
from cs229ps2.pipeline.workspace import REPO, copy_workflow

VARIANTS = {  # name -> (environment, BLAS threads per job)
    "1-thread": ({}, 1),
    "2-threads": ({}, 2),
    "avx2": ({"OPENBLAS_CORETYPE": "Haswell", "NUMBA_CPU_NAME": "haswell"}, 1),
    "avx": ({"OPENBLAS_CORETYPE": "Sandybridge", "NUMBA_CPU_NAME": "sandybridge"}, 1),
}


def run_variant(folder: Path, variant: str, config: list[str]) -> dict:
    """results/summary.json of a clean run of the workflow in a new copy, under the variant."""
    environment, threads = VARIANTS[variant]
    copy_workflow(folder)
    env = {**os.environ, **environment, "PYTHONPATH": str(folder)}
    snakemake = [sys.executable, "-m", "snakemake", "--cores", "2"]
    rules = subprocess.run(
        [*snakemake, "--list-rules", *config], cwd=folder, env=env, capture_output=True, text=True
    )
    set_threads = (
        ["--set-threads", *(f"{rule}={threads}" for rule in rules.stdout.split())] if threads > 1 else []
    )
    done = subprocess.run(
        [*snakemake, "results/summary.json", *set_threads, *config],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"{variant} run failed:\n{done.stderr[-3000:]}")
    return json.loads((folder / "results" / "summary.json").read_text(encoding="utf-8"))


def movement(answer: dict, summary: dict) -> dict:
    """An answer's largest absolute and relative change from its expected value, and the share
    of its tolerance that change uses (inf for a changed non-number, "" for a bound)."""
    if "at_most" in answer:
        got = reference.resolve(summary, answer["path"])
        worst = max(got.values()) if isinstance(got, dict) else got
        return {"absolute": "", "relative": "", "used": worst / answer["at_most"]}
    got = reference.resolve(summary, answer["path"])
    scale = reference.resolve(summary, answer["condition"]) if "condition" in answer else 1.0
    pairs = reference.number_pairs(answer["expected"], got, scale)
    if pairs is None:
        return {"absolute": math.inf, "relative": math.inf, "used": math.inf}
    tolerance, rtol = answer.get("tolerance", 0), answer.get("rtol", 0)
    absolute = max((abs(g - e) for e, g, _ in pairs), default=0.0)
    relative = max((abs(g - e) / abs(e) for e, g, _ in pairs if e), default=0.0)
    used = max((_used(abs(g - e), max(tolerance, rtol * s * abs(e))) for e, g, s in pairs), default=0.0)
    return {"absolute": absolute, "relative": relative, "used": used}


def _used(change: float, allowed: float) -> float:
    if change == 0:
        return 0.0
    return change / allowed if allowed else math.inf


def table(rows: list[dict]) -> str:
    """The Markdown table of every answer's worst change over the variants."""
    lines = [
        "| set | answer | largest change (abs / rel) | share of tolerance used | variant |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        change = f"{_show(row['absolute'])} / {_show(row['relative'])}"
        lines.append(
            f"| {row['set']} | {row['answer']} | {change} | {_show(row['used'])} | {row['variant']} |"
        )
    return "\n".join(lines)


def _show(value) -> str:
    return value if isinstance(value, str) else f"{value:.2g}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.numerics", description=__doc__.splitlines()[0])
    parser.add_argument("--course-data", type=Path, help="also run on the course's files")
    parser.add_argument(
        "--variants", default=",".join(VARIANTS), help="comma-separated, of " + ", ".join(VARIANTS)
    )
    parser.add_argument("--keep", type=Path, help="run in this folder and keep the copies")
    args = parser.parse_args(argv)
    document = reference.read_reference(REPO / "reference" / "answers.yaml")
    datasets = {"synthetic": []}
    if args.course_data:
        datasets["course"] = ["--config", f"course_data={args.course_data.resolve()}"]
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="numerics-"))
    worst: dict[tuple, dict] = {}
    for name, config in datasets.items():
        answers = document["sets"][name]["answers"]
        for variant in args.variants.split(","):
            print(f"[numerics] {name} data, {variant}", file=sys.stderr, flush=True)
            summary = run_variant(scratch / f"{name}-{variant}", variant, config)
            for answer in answers:
                moved = movement(answer, summary)
                key = (name, answer["answer"])
                if key not in worst or _rank(moved) > _rank(worst[key]):
                    worst[key] = {"set": name, "answer": answer["answer"], "variant": variant, **moved}
    print(table(list(worst.values())))
    if args.keep is None:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def _rank(moved: dict) -> float:
    return moved["used"]


if __name__ == "__main__":
    raise SystemExit(main())
