"""Problem 6: batch-norm gradients against finite differences."""

from __future__ import annotations

from cs229ps2.report.text import num, part, section, table
from cs229ps2.report.tolerances import bound

TITLE = "Batch normalisation"


def parts(s: dict) -> list:
    """6."""
    errors = s["max_relative_error"]
    worst = max(errors.values())
    ok = "below" if s["all_within_tolerance"] else "NOT all below"
    sentences = [
        f"{len(errors)} gradient checks on {len(s['shapes'])} batch shapes x {s['trials_per_shape']} random "
        f"batches (seed {s['seed']}, finite-difference step {num(s['eps'])}): largest relative error "
        f"{worst:.1e}, {ok} the tolerance {num(s['tolerance'])}."
    ]
    rows = [[check.replace("_", " "), f"{err:.2e}"] for check, err in errors.items()]
    return [
        part(
            "6(a)-(d)",
            "Batch-norm gradients checked against finite differences",
            sentences,
            [table(["check", "max relative error"], rows)],
        )
    ]


def summarize(gradcheck: dict) -> dict:
    """Problem 6's summary from the gradient-check record: numbers and answers."""
    return {"numbers": gradcheck, "section": section("6", TITLE, parts(gradcheck))}


def answers(s: dict) -> list[tuple]:
    """Problem 6's headline answer: (label, path in its numbers, tolerance rule)."""
    return [("6 largest relative error of each gradient", "max_relative_error", bound(1e-6))]
