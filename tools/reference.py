"""Write one set of reference/answers.yaml from a run: the headline numbers and their tolerances.

    python -m tools.reference SET RESULTS_DIR [--config FILE] [--description TEXT]

SET names the run (course, synthetic, test); the expected values are read from
RESULTS_DIR/summary.json, the data sources from its provenance, and the answers are those each
problem's summary declares (``answers``: with the tolerance and the note that justifies it). Run
it after a change that moves an answer on purpose, and review the diff of reference/answers.yaml
before committing it.
"""

from __future__ import annotations

import argparse
import importlib
import json
from pathlib import Path

import yaml

from cs229ps2.pipeline.reference import read_reference, resolve
from cs229ps2.problems.registry import PROBLEMS

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "answers.yaml"


def answers(summary: dict) -> list[dict]:
    """The headline answers of a run, as each problem's summary declares them (``answers``:
    label, path within its numbers, tolerance rule), with their values."""
    found = []
    for problem in PROBLEMS:
        declared = importlib.import_module(f"cs229ps2.problems.{problem.key}.summary").answers
        for label, path, (tolerance, note) in declared(summary[problem.key]):
            if "condition" in tolerance:
                tolerance = {**tolerance, "condition": f"{problem.key}.{tolerance['condition']}"}
            found.append(_entry(label, f"{problem.key}.{path}", tolerance, note, summary))
    return found


def _entry(label: str, path: str, tolerance: dict, note: str, summary: dict) -> dict:
    value = {} if "at_most" in tolerance else {"expected": resolve(summary, path)}
    return {"answer": label, "path": path, **value, **tolerance, "note": note}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.reference", description=__doc__.splitlines()[0])
    parser.add_argument("set", help="name of the set: course, synthetic or test")
    parser.add_argument("results", type=Path, help="the run's results folder")
    parser.add_argument("--config", default="config.yaml", help="the config file of the run")
    parser.add_argument("--description", help="what the run was (kept from the file if omitted)")
    args = parser.parse_args(argv)
    summary = json.loads((args.results / "summary.json").read_text(encoding="utf-8"))
    document = read_reference(REFERENCE) if REFERENCE.exists() else {"sets": {}}
    old = document["sets"].get(args.set, {})
    entries = answers(summary)
    document["sets"][args.set] = {
        "description": args.description or old.get("description", ""),
        "config": args.config,
        "sources": {p: r["source"] for p, r in summary["provenance"]["data"].items()},
        "answers": entries,
    }
    header = (REFERENCE.read_text(encoding="utf-8").split("\nsets:")[0] + "\n") if REFERENCE.exists() else ""
    REFERENCE.parent.mkdir(exist_ok=True)
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110)
    REFERENCE.write_text(header + body, encoding="utf-8")
    print(f"{args.set}: {len(entries)} answers written to {REFERENCE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
