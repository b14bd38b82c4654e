"""Write one set of reference/answers.yaml from a run: the headline numbers and their tolerances.

    python -m tools.reference SET RESULTS_DIR [--config FILE] [--description TEXT]

SET names the run (course, synthetic, test); the expected values are read from
RESULTS_DIR/summary.json, the data sources from its provenance, and the answers listed in
:func:`answers` get the tolerances written there, each with the note that justifies it. Run it
after a change that moves an answer on purpose, and review the diff of reference/answers.yaml
before committing it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import yaml

from cs229ps2.pipeline.reference import read_reference, resolve

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "answers.yaml"
EPS = float(np.finfo(float).eps)

# Tolerances, each with the note that justifies it. Measured with `python -m tools.numerics`:
# every answer recomputed with 2 BLAS threads and with OpenBLAS's AVX2 and AVX kernels.
EXACT = ({}, "a verdict, count, choice or word list: identical under every BLAS variant measured")
SHARE = (
    {"tolerance": 1e-9},
    "a share of test points: one changed prediction moves it by 1/n, so 1e-9 accepts only the same count",
)
STOP_STEP = (
    {"rtol": 1e-3},
    "the step at which a ~30,000-step loop first moves theta by < 1e-15: rounding moves it by a few "
    "steps (8 and 9 between the reference runs and today's compiled loop)",
)
LOOP_VALUE = (
    {"rtol": 1e-9},
    "a value of a gradient loop: moved by <= 6e-15 relative across BLAS variants and a few steps more "
    "or fewer; 1e-9 relative keeps 5 orders of margin",
)
LP_MARGIN = ({"tolerance": 1e-7}, "an LP optimum: within the solver's feasibility tolerance (HiGHS, 1e-7)")
ROUNDING = (
    {"rtol": 1e-12},
    "a closed form or a grid point, or a log ratio of counts: only rounding moves it (a few 1e-16 relative)",
)
CONDITIONED = (
    {"rtol": 100 * EPS, "condition": "doubledescent.condition_number"},
    "relative, 100 machine epsilons times the condition number of the training matrix of each n: "
    "at n = d = 500 (condition number about 14,000) the unregularised MSE (about 15,000) moves by up to "
    "1.4e-12 relative (2e-8 absolute) with the BLAS kernel or thread count, elsewhere (condition numbers "
    "4 to 40) by <= 3e-15; no entry uses more than 1.4% of this tolerance",
)


def bound(limit: float) -> tuple[dict, str]:
    return {"at_most": limit}, f"a check's own error: it only needs to stay below {limit:g}"


def answers(summary: dict) -> list[dict]:
    """The headline answers of a run (label, path, tolerance and its note), before their values."""
    found = [
        ("1(a) A: stopped by the course's rule", "stability.datasets.ds1_a.stopped", EXACT),
        ("1(a) A: iterations until it stops", "stability.datasets.ds1_a.iterations", STOP_STEP),
        ("1(a) A: theta", "stability.datasets.ds1_a.theta", LOOP_VALUE),
        ("1(a) B: stopped by the course's rule", "stability.datasets.ds1_b.stopped", EXACT),
        ("1(a) B: converged", "stability.datasets.ds1_b.converged", EXACT),
        ("1(a) B: ||theta|| at the cap", "stability.datasets.ds1_b.theta_norm", LOOP_VALUE),
        ("1(b) A: linearly separable", "stability.datasets.ds1_a.separable", EXACT),
        ("1(b) B: linearly separable", "stability.datasets.ds1_b.separable", EXACT),
        ("1(b) B: LP max-margin", "stability.datasets.ds1_b.margin", LP_MARGIN),
    ]
    for row in summary["stability"]["modifications"]:
        name = row["modification"]
        found.append(
            (f"1(c) {name}: converges", f"stability.modifications[modification={name}].converged", EXACT)
        )
    found += [
        ("1(d) A: SVM converges", "stability.datasets.ds1_a.svm.converged", EXACT),
        ("1(d) B: SVM converges", "stability.datasets.ds1_b.svm.converged", EXACT),
        ("2(a) vocabulary size", "spam.vocabulary_size", EXACT),
        ("2(b) naive Bayes test accuracy", "spam.naive_bayes.test_accuracy", SHARE),
        ("2(c) top five tokens", "spam.top_words[*].word", EXACT),
        ("2(c) log ratio of the top token", "spam.top_words[0].log_ratio", ROUNDING),
        ("2(d) best SVM radius", "spam.svm.best_radius", EXACT),
        ("2(d) SVM test accuracy", "spam.svm.test_accuracy", SHARE),
        ("2(e) best learning rate", "spam.logreg.best_learning_rate", EXACT),
        ("2(e) logistic regression test accuracy", "spam.logreg.test_accuracy", SHARE),
    ]
    for kernel in summary["perceptron"]["kernels"]:
        found.append(
            (f"3(b) {kernel} kernel: test accuracy", f"perceptron.kernels.{kernel}.test_accuracy", SHARE)
        )
    found += [
        (
            "3(c) non_psd kernel: share predicted class 1",
            "perceptron.kernels.non_psd.predicted_class1_fraction",
            SHARE,
        ),
        ("4(d) lambda_opt", "doubledescent.lambda_opt", ROUNDING),
        ("4(d) best multiplier per n", "doubledescent.best_multiplier_per_n", EXACT),
        ("4(d) monotone in n, per multiplier", "doubledescent.monotone_decreasing_in_n", EXACT),
        ("4(d) validation MSE per n and multiplier", "doubledescent.validation_mse", CONDITIONED),
        (
            "4(d) best multiplier of the expected MSE",
            "doubledescent.expected_best_fine_multiplier_per_n",
            ROUNDING,
        ),
        (
            "5(a) relative error of the w_12 gradient",
            "simple_nn.sigmoid_w12_gradient_relative_error",
            bound(1e-6),
        ),
        ("5(b) step network training accuracy", "simple_nn.step_accuracy", EXACT),
        ("5(c) a linear network can classify perfectly", "simple_nn.linear_possible", EXACT),
        ("5(c) best linear accuracy", "simple_nn.best_linear_accuracy", SHARE),
        ("6 largest relative error of each gradient", "batchnorm.max_relative_error", bound(1e-6)),
    ]
    return [_entry(label, path, rule, summary) for label, path, rule in found]


def _entry(label: str, path: str, rule: tuple[dict, str], summary: dict) -> dict:
    tolerance, note = rule
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
