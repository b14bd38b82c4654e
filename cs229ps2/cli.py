"""The ``cs229ps2`` command: check a run against the reference answers, compare two runs.

cs229ps2 check [results/check.csv]     exit 1, naming each answer, when one differs
cs229ps2 diff RESULTS_A RESULTS_B      every headline number of two runs, side by side
cs229ps2 compile                       compile the numba loops into their cache (make runs it once)
cs229ps2 autograder [--output ZIP]     build the Gradescope autograder bundle (dist/autograder.zip)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cs229ps2.pipeline import reference
from cs229ps2.pipeline.files import read_json, read_rows
from cs229ps2.pipeline.workspace import REPO

REFERENCE = REPO / "reference" / "answers.yaml"


def check(path: Path, require: bool) -> int:
    """Print the verdict of a results/check.csv; 1 when an answer differs (or, with require,
    when no reference set applied)."""
    rows = read_rows(path)
    head, answers = rows[0], rows[1:]
    print(f"{path}: {head['note']}")
    for row in reference.failures(answers):
        print(f"FAILED {row['answer']}: expected {row['expected']}, got {row['got']} {row['note']}".rstrip())
    failed = len(reference.failures(answers))
    print(f"{len(answers) - failed} of {len(answers)} answers match the reference")
    return 1 if failed or (require and head["ok"] != "yes") else 0


def headline_paths() -> dict[str, str]:
    """Label -> summary path of every headline number any reference set names, in file order."""
    paths = {}
    for entry in reference.read_reference(REFERENCE)["sets"].values():
        for answer in entry["answers"]:
            paths.setdefault(answer["path"], answer["answer"])
    return {label: path for path, label in paths.items()}


def diff(old: Path, new: Path, show_all: bool) -> int:
    """Print each headline number of two results folders that differs (all with show_all)."""
    before, after = (read_json(folder / "summary.json") for folder in (old, new))
    rows = []
    for label, path in headline_paths().items():
        values = []
        for summary in (before, after):
            try:
                values.append(reference.resolve(summary, path))
            except (KeyError, IndexError, TypeError):
                values.append("-")
        change = reference.distance(*values) if "-" not in values else float("inf")
        if show_all or change:
            shown = "" if change == float("inf") else f"{change:.4g}"
            rows.append((label, *(reference.format_value(v) for v in values), shown))
    if not rows:
        print("no headline number differs")
        return 0
    header = ("answer", str(old), str(new), "change")
    widths = [min(60, max(len(str(r[i])) for r in [header, *rows])) for i in range(4)]
    for row in [header, *rows]:
        print("  ".join(str(cell)[:60].ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0


def compile_loops() -> int:
    """Fill numba's cache beside the package, so pipeline jobs load the loops instead of compiling."""
    from cs229ps2.problems.stability import training as stability

    print(f"compiled loops ready in {stability.compile_loops():.1f} s")
    return 0


def autograder(output: Path) -> int:
    """Build the Gradescope autograder bundle (setup.sh, run_autograder, the workflow, the lock)."""
    from cs229ps2.grading.autograder import build, bundle_files

    print(f"{build(output)}: {len(bundle_files())} files")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="cs229ps2", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="check a run's results/check.csv")
    checking.add_argument("path", nargs="?", default="results/check.csv", type=Path)
    checking.add_argument("--require", action="store_true", help="fail when no reference set applied")
    diffing = commands.add_parser("diff", help="compare the headline numbers of two results folders")
    diffing.add_argument("old", type=Path)
    diffing.add_argument("new", type=Path)
    diffing.add_argument("--all", action="store_true", help="show unchanged numbers too")
    commands.add_parser("compile", help="compile the numba loops into their cache")
    bundling = commands.add_parser("autograder", help="build the Gradescope autograder bundle")
    bundling.add_argument("--output", type=Path, default=Path("dist/autograder.zip"))
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.path, args.require)
    if args.command == "compile":
        return compile_loops()
    if args.command == "autograder":
        return autograder(args.output)
    return diff(args.old, args.new, args.all)


if __name__ == "__main__":
    sys.exit(main())
