"""What grading costs per student: one class run on a copy of this checkout and of a baseline commit.

    python -m tools.bench.grading --baseline COMMIT --course-data DIR [--students N] [--output FILE]

Each side grades the same class (N copies of examples/submission, and the broken variants of
:data:`VARIANTS`) with ``snakemake --cores 2``, then reads the benchmark files: the job-seconds
of each student's own jobs (under ``benchmarks/submissions/<student>/``: what one more student
costs), of the shared grading jobs (``benchmarks/grading/``: paid once per class), the time the
students' functions themselves took (the floor), and the wall time. The sandbox's start-up per
part is timed directly too: a part whose functions return at once, run confined and unconfined.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cs229ps2.pipeline.workspace import REPO, copy_workflow

from .baseline import checkout, remove_checkout
from .critical_path import read_benchmarks
from .runner import Runner, log_step

VARIANTS = {  # broken students: (file, old, new)
    "laplace": ("spam/spam.py", "sum(axis=0) + 1.0", "sum(axis=0) + 0.0"),
    "crash": (
        "spam/spam.py",
        "    message_counts = collections.Counter()\n",
        "    raise ValueError('todo')\n",
    ),
    "half_mse": ("bayesianreg/doubledescent.py", "** 2)", "** 2) / 2"),
}


def make_class(folder: Path, students: int, variants: bool = True) -> Path:
    """folder/class: students copies of the example submission, then the broken variants."""
    root = folder / "class"
    for k in range(students):
        shutil.copytree(REPO / "examples" / "submission", root / f"student{k:03d}")
    for name, (file, old, new) in VARIANTS.items() if variants else ():
        shutil.copytree(REPO / "examples" / "submission", root / f"variant_{name}")
        path = root / f"variant_{name}" / file
        path.write_text(path.read_text().replace(old, new, 1))
    return root


def grade_class(workdir: Path, course_data: Path, students: int, variants: bool) -> dict:
    """A clean class run in workdir and what it cost (see the module's docstring)."""
    classroom = make_class(workdir, students, variants)
    run = Runner(workdir, ["--config", f"course_data={course_data}", f"submissions={classroom}"])
    run.python("-m", "cs229ps2.cli", "compile")  # as make sets up a checkout
    start = time.perf_counter()
    run("results/submissions/grades.csv", "--cores", "2")
    wall = time.perf_counter() - start
    timings = {path: t.seconds for path, t in read_benchmarks(workdir).items()}
    per_student: dict[str, float] = {}
    for path, seconds in timings.items():
        parts = Path(path).parts
        if parts[1] == "submissions" and len(parts) > 3:
            per_student[parts[2]] = per_student.get(parts[2], 0.0) + seconds
    functions = {
        student: sum(
            json.loads(p.read_text()).get("seconds") or 0.0
            for p in (workdir / "results" / "submissions" / student / "parts").glob("*.json")
        )
        for student in per_student
    }
    return {
        "students": len(per_student),
        "wall_seconds": wall,
        "job_seconds": sum(timings.values()),
        "shared_grading_seconds": sum(s for p, s in timings.items() if Path(p).parts[1] == "grading"),
        "per_student_seconds": statistics.mean(per_student.values()),
        "per_student_function_seconds": statistics.mean(functions.values()),
        "grading_jobs_median_seconds": statistics.median(
            s
            for p, s in timings.items()
            if Path(p).parts[1] == "submissions" and {"parts", "grade"} & set(Path(p).parts)
        ),
    }


def startup(repeats: int = 5) -> dict:
    """Median seconds of part 5b (its functions return at once) run through the child, per level."""
    from cs229ps2.grading.grade import write_inputs
    from cs229ps2.grading.parts import PARTS
    from cs229ps2.grading.sandbox import run_part, sandbox_support
    from cs229ps2.pipeline.datastage import data_files, write_synthetic

    limits = {
        "seconds": 60,
        "memory_mb": 4096,
        "file_mb": 64,
        "disk_mb": 64,
        "output_kb": 64,
        "processes": 64,
    }
    with tempfile.TemporaryDirectory() as folder:
        train = Path(folder) / data_files("simple_nn", [])[0]
        write_synthetic("simple_nn", [str(train)], {"seed": 1, "n_points": 50})
        write_inputs("5b", {"train": str(train)}, {"tol": 1e-10}, Path(folder) / "5b")
        submission = REPO / "examples" / "submission" / PARTS["5b"].path
        levels = ["none", "sandbox"] if sandbox_support()[0] else ["none"]
        found = {}
        for level in levels:
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                request = {"course": {}}
                run_part(PARTS["5b"], submission, Path(folder) / "5b" / "child", request, limits, level)
                times.append(time.perf_counter() - start)
            found[level] = statistics.median(times)
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench.grading", description=__doc__.splitlines()[0].strip()
    )
    parser.add_argument("--baseline", required=True, help="the commit to compare with")
    parser.add_argument("--course-data", type=Path, required=True)
    parser.add_argument("--students", type=int, default=3, help="copies of the example submission")
    parser.add_argument("--no-variants", action="store_true", help="only the copies")
    parser.add_argument("--output", type=Path, default=Path("results/bench_grading.json"))
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    course = args.course_data.resolve()
    variants = not args.no_variants
    try:
        log_step("this checkout")
        now = grade_class(copy_workflow(scratch / "now"), course, args.students, variants)
        log_step(f"baseline {args.baseline}")
        base_repo = checkout(REPO, args.baseline, scratch / "baseline-checkout")
        base = grade_class(copy_workflow(scratch / "baseline", base_repo), course, args.students, variants)
        remove_checkout(REPO, base_repo)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    log_step("start-up per part")
    report = {"now": now, "baseline": base, "startup_seconds": startup()}
    report["ratio_per_student"] = now["per_student_seconds"] / base["per_student_seconds"]
    report["ratio_beyond_functions"] = (now["per_student_seconds"] - now["per_student_function_seconds"]) / (
        base["per_student_seconds"] - base["per_student_function_seconds"]
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
