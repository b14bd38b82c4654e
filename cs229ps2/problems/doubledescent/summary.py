"""Problem 4(d): double descent of ridge regression and the optimal lambda."""

from __future__ import annotations

from cs229ps2.problems.doubledescent import doubledescent as ridge
from cs229ps2.report.text import bold, join_words, num, part, section, table
from cs229ps2.report.tolerances import EPS, EXACT, ROUNDING

TITLE = "Bayesian interpretation of regularisation (4(d) double descent)"


def parts(s: dict) -> list:
    """4(d)."""
    mse, labels = s["validation_mse"], s["multipliers"]
    sizes = sorted(mse, key=int)
    model = s["model"]
    sentences = [
        f"lambda_opt = 1/(2 eta^2) = {num(s['lambda_opt'])} with eta = {num(model['eta'])} "
        f"(d = {model['d']}, sigma = {num(model['sigma'])})."
    ]
    if "0" in labels:
        peak = max(sizes, key=lambda n: mse[n]["0"])
        where = "(= d)" if int(peak) == model["d"] else f"(d = {model['d']})"
        inner = sizes[0] != peak != sizes[-1]
        sentences.append(
            f"Without regularisation the validation MSE peaks at n = {peak} {where} with MSE "
            f"{num(mse[peak]['0'])}" + (", between smaller and larger training sets" if inner else "") + "."
        )
        condition = s["condition_number"]
        others = [condition[n] for n in sizes if n != peak]
        sentences.append(
            f"There the training matrix is nearly singular: its condition number is "
            f"{num(round(condition[peak]))}"
            + (f", against {num(min(others), 3)} to {num(max(others), 3)} for the other n" if others else "")
            + ", and the minimum-norm fit amplifies the noise by as much."
        )
    monotone = s["monotone_decreasing_in_n"]
    rising = [m for m in labels if not monotone[m]]
    falling = [m for m in labels if monotone[m]]
    if rising:
        sentences.append(
            "The validation MSE does not decrease monotonically in n (double descent) for lambda = "
            f"{join_words(rising)} x lambda_opt; it decreases monotonically for "
            f"{join_words(falling) or 'none'}."
        )
    else:
        sentences.append("Every curve decreases monotonically in n: no double descent on these data.")
    at_or_above = [m for m in labels if s["multiplier_values"][m] >= 1]
    if at_or_above and all(monotone[m] for m in at_or_above):
        sentences.append(
            "As the problem set states, double descent does not occur for lambda_opt or any larger lambda."
        )
    elif at_or_above:
        bad = [m for m in at_or_above if not monotone[m]]
        sentences.append(
            f"Contrary to the problem set's statement, the curves for {join_words(bad)} x lambda_opt "
            "are not monotone on these data."
        )
    best = s["best_multiplier_per_n"]
    counts = {}
    for n in sizes:
        counts.setdefault(best[n], []).append(n)
    most = max(counts, key=lambda m: len(counts[m]))
    others = [f"{m} at n = {join_words(ns)}" for m, ns in counts.items() if m != most]
    sentences.append(
        f"The best multiplier on the grid is {most} for {len(counts[most])} of {len(sizes)} training sets"
        + (f" ({'; '.join(others)})" if others else "")
        + "."
    )
    fine = [s["best_fine_multiplier_per_n"][n] for n in sizes]
    sentences.append(
        f"On a fine log grid the validation-optimal lambda lies between {num(min(fine), 3)} and "
        f"{num(max(fine), 3)} x lambda_opt"
        + (
            ", and the expected MSE under the generative model is minimal exactly at lambda_opt for every n."
            if all(abs(v - 1) < 1e-9 for v in s["expected_best_fine_multiplier_per_n"].values())
            else "."
        )
    )
    rows = []
    for n in sizes:
        low = min(mse[n][m] for m in labels)
        rows.append([n, *[_cell(num(mse[n][m]), mse[n][m] == low) for m in labels]])
    mse_table = table(
        ["n", *[f"{m} x lambda_opt" for m in labels]], rows, "validation MSE (lowest per row in bold)"
    )
    return [
        part(
            "4(d)",
            "Validation MSE of ridge regression: double descent and the optimal lambda",
            sentences,
            [mse_table],
        )
    ]


def _cell(text: str, highlight: bool):
    return bold(text) if highlight else text


def summarize(fits: list) -> dict:
    """Problem 4(d)'s summary from the per-training-set fits: numbers and answers."""
    s = ridge.summarize(ridge.collect(fits), fits)
    return {"numbers": s, "section": section("4", TITLE, parts(s))}


CONDITIONED = (
    {"rtol": 100 * EPS, "condition": "condition_number"},
    "relative, 100 machine epsilons times the condition number of the training matrix of each n: "
    "at n = d = 500 (condition number about 14,000) the unregularised MSE (about 15,000) moves by up to "
    "1.4e-12 relative (2e-8 absolute) with the BLAS kernel or thread count, elsewhere (condition numbers "
    "4 to 40) by <= 3e-15; no entry uses more than 1.4% of this tolerance",
)


def answers(s: dict) -> list[tuple]:
    """Problem 4(d)'s headline answers: (label, path in its numbers, tolerance rule); the
    condition of CONDITIONED is a path in the numbers too."""
    return [
        ("4(d) lambda_opt", "lambda_opt", ROUNDING),
        ("4(d) best multiplier per n", "best_multiplier_per_n", EXACT),
        ("4(d) monotone in n, per multiplier", "monotone_decreasing_in_n", EXACT),
        ("4(d) validation MSE per n and multiplier", "validation_mse", CONDITIONED),
        ("4(d) best multiplier of the expected MSE", "expected_best_fine_multiplier_per_n", ROUNDING),
    ]
