"""The results report: one summary of every headline number, and one self-contained HTML page.

:func:`gather_summary` turns the pipeline's own outputs (already read) into the summary;
:func:`answer_sections` writes the answers as sentences derived from its values, so the
text stays true when the data change; :func:`render_html` lays them out with the figures
embedded as base64 data URIs. Everything is a pure function: same inputs, same bytes.
"""

from __future__ import annotations

import base64
import html
import math

PROBLEM_DATA = {
    "stability": "1 Stability",
    "spam": "2 Spam",
    "perceptron": "3 Perceptron",
    "bayesianreg": "4(d) Double descent",
    "simple_nn": "5 Network",
}
MODIFICATION_ITEMS = {
    "lr": ("i", "a different constant learning rate", "rate"),
    "decay": ("ii", "the decaying rate c/t^3", "c"),
    "scale": ("iii", "linear scaling of the features", "factor"),
    "l2": ("iv", "an L2 penalty lambda ||theta||^2", "lambda"),
    "xnoise": ("v", "Gaussian noise on the inputs", "s"),
    "ynoise": ("v", "Gaussian noise on the labels", "s"),
}
STEP_HINT_VALUES = (-1.0, -0.5, 0.0, 1.0, 3.0, 4.0)


# --- formatting ------------------------------------------------------------------


def num(value, digits: int = 4) -> str:
    """A number with `digits` significant digits; integers with thousands separators."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return str(value)
    return f"{value + 0.0:.{digits}g}"  # + 0.0: -0.0 prints as 0


def accuracy(value) -> str:
    """An accuracy (or any share) with 4 decimals; None -> n/a."""
    return "n/a" if value is None else f"{value:.4f}"


def vector(values, digits: int = 3) -> str:
    return "(" + ", ".join(num(v, digits) for v in values) + ")"


def dataset_label(name: str) -> str:
    """ds1_a -> A: the problem set's names for the stability data sets."""
    return name.rsplit("_", 1)[-1].upper()


def join_words(words) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


# --- summary -----------------------------------------------------------------------


def _angle_a_decade_before_end(trace: dict) -> float | None:
    """Angle (deg) to the final direction at the last trace point at or before t_end / 10."""
    iterations, angles = trace.get("iteration", []), trace.get("angle_deg", [])
    if not iterations:
        return None
    limit = iterations[-1] / 10
    before = [a for t, a in zip(iterations, angles) if t <= limit]
    return before[-1] if before else None


def stability_summary(summary: dict, runs: dict) -> dict:
    """Problem 1: per data set (name -> train record with trace) verdicts, certificates, SVMs."""
    datasets = {}
    for name, record in summary["datasets"].items():
        run = runs[name]
        datasets[name] = {
            **{k: record[k] for k in ("stopped", "converged", "iterations", "theta", "theta_norm")},
            "decay_exponent": record["decay_exponent"],
            "norm_growth_last_decade": run.get("norm_growth_last_decade"),
            "final_loss": run["trace"]["loss"][-1],
            "angle_change_last_decade_deg": _angle_a_decade_before_end(run["trace"]),
            "separable": bool(record["separability"]["separable"]),
            "margin": record["separability"]["margin"],
            "svm": record["svm"],
        }
    keys = ("modification", "kind", "value", "converged", "stopped", "theta_norm", "reason")
    modifications = [{k: row[k] for k in keys} for row in summary["modifications"]]
    return {"datasets": datasets, "modifications": modifications}


def _float(field) -> float | None:
    """A CSV field as a float; empty or NaN -> None (JSON has no NaN)."""
    try:
        value = float(field)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def spam_summary(metrics: dict, models: dict, top_words: list, svm_selection: list, logreg_selection: list):
    """Problem 2: metrics plus the confusion matrices and the validation sweeps."""
    return {
        "vocabulary_size": metrics["vocabulary_size"],
        "reader": metrics["reader"],
        "naive_bayes": {k: models["naive_bayes"][k] for k in ("test_accuracy", "confusion")},
        "top_words": top_words,
        "svm": {
            "best_radius": metrics["svm_best_radius"],
            "test_accuracy": metrics["svm_test_accuracy"],
            "confusion": models["svm"]["confusion"],
            "validation": [
                {"radius": _float(r["radius"]), "validation_accuracy": _float(r["validation_accuracy"])}
                for r in svm_selection
            ],
        },
        "logreg": {
            "features": metrics["logreg_features"],
            "best_learning_rate": metrics["logreg_best_learning_rate"],
            "test_accuracy": metrics["logreg_test_accuracy"],
            "confusion": models["logreg"]["confusion"],
            "validation": [
                {
                    "learning_rate": _float(r["learning_rate"]),
                    "validation_accuracy": _float(r["validation_accuracy"]),
                    "status": r["status"],
                }
                for r in logreg_selection
            ],
        },
    }


def perceptron_summary(models: list, predictions: dict) -> dict:
    """Problem 3: per kernel test accuracy, majority-class rate, share predicted class 1."""
    kernels = {}
    for model in models:
        labels = list(predictions[model["kernel"]])
        kernels[model["kernel"]] = {
            "test_accuracy": model["test_accuracy"],
            "majority_rate": model["majority_rate"],
            "predicted_class1_fraction": sum(labels) / len(labels),
            "n_test": len(labels),
            "sentence": model["sentence"],
        }
    return {"kernels": kernels}


def simple_nn_summary(summary: dict, sigmoid: dict, step: dict, linear: dict) -> dict:
    """Problem 5: the summary plus the gradient check and the weights found."""
    return {
        **summary,
        "w12_closed_form": sigmoid["gradient_check"]["w12_closed_form"],
        "w12_finite_difference": sigmoid["gradient_check"]["w12_finite_difference"],
        "initial_loss": sigmoid["initial_loss"],
        "n": step["n"],
        "step_w1": step["w1"],
        "step_w2": step["w2"],
    }


def gather_summary(
    provenance: dict,
    stability: dict,
    stability_runs: dict,
    spam: dict,
    perceptron: dict,
    doubledescent: dict,
    simple_nn: dict,
    batchnorm: dict,
) -> dict:
    """Every headline number of the problem set in one record (the input of the HTML page).

    Arguments are the problems' summaries as :func:`stability_summary` and the others
    return them; provenance is results/provenance.json.
    """
    return {
        "provenance": {
            "data": {
                problem: {k: record.get(k) for k in ("source", "reason", "warnings")}
                for problem, record in provenance["data"].items()
            },
            "git": provenance.get("git", {}),
            "software": provenance.get("software", {}),
        },
        "config": provenance.get("config", {}),
        "stability": stability_summary(stability, stability_runs),
        "spam": spam,
        "perceptron": perceptron,
        "doubledescent": doubledescent,
        "simple_nn": simple_nn,
        "batchnorm": batchnorm,
    }


# --- answers ------------------------------------------------------------------------


def part(key: str, question: str, sentences=(), tables=()) -> dict:
    """One sub-question: key like '1(a)', the question, answer sentences and tables."""
    return {"key": key, "question": question, "sentences": list(sentences), "tables": list(tables)}


def table(headers, rows, caption: str = "") -> dict:
    return {"headers": list(headers), "rows": [list(r) for r in rows], "caption": caption}


def _run_sentence(label: str, d: dict, min_exponent) -> str:
    if d["stopped"]:
        return (
            f"On {label} the course's loop stops after {num(d['iterations'])} iterations "
            f"with theta = {vector(d['theta'])} (||theta|| = {num(d['theta_norm'])})."
        )
    growth = d.get("norm_growth_last_decade")
    grown = f", +{num(growth, 3)} over the last decade of iterations" if growth is not None else ""
    verdict = (
        "still growing" if not d["converged"] else "yet its steps shrink fast enough to call it converged"
    )
    return (
        f"On {label} it never stops: after the {num(d['iterations'])}-iteration cap "
        f"||theta|| = {num(d['theta_norm'])}, {verdict}{grown}; the mean training loss is "
        f"{num(d['final_loss'], 3)} and still falling, and the step size decays like "
        f"t^-{num(d['decay_exponent'], 3)}"
        f" (convergence needs an exponent above {num(min_exponent, 3)})."
    )


def stability_parts(s: dict, config: dict) -> list:
    """1(a)-(d) as sentences derived from the summary."""
    datasets = s["datasets"]
    labels = {name: dataset_label(name) for name in datasets}
    min_exponent = config.get("stability", {}).get("min_exponent", float("nan"))
    a = [_run_sentence(labels[n], d, min_exponent) for n, d in datasets.items()]
    converging = [labels[n] for n, d in datasets.items() if d["converged"]]
    diverging = [labels[n] for n, d in datasets.items() if not d["converged"]]
    if converging and diverging:
        a.append(
            f"The notable difference: training converges on {join_words(converging)} "
            f"but not on {join_words(diverging)}."
        )
    elif converging:
        a.append("Training converges on every data set here: these data show no difference in convergence.")
    else:
        a.append("Training converges on none of the data sets within the iteration cap.")

    b = []
    for name, d in datasets.items():
        if d["separable"]:
            b.append(
                f"{labels[name]} is linearly separable: the LP max-margin is {num(d['margin'])} > 0 "
                "(with |w|_inf <= 1), so some line puts every point strictly on its side."
            )
        else:
            b.append(
                f"{labels[name]} is not linearly separable: the LP max-margin is {num(d['margin'])} "
                "(no line puts every point strictly on its side)."
            )
    if any(d["separable"] for d in datasets.values()):
        b.append(
            "On separable data, scaling a separating theta by c > 1 raises every margin and the "
            "likelihood, so the log-likelihood has no finite maximiser: gradient ascent grows ||theta|| "
            "forever while the direction settles. On non-separable data the log-likelihood is strictly "
            "concave with a finite maximiser, and the loop reaches it."
        )
    for name, d in datasets.items():
        if d["separable"] and not d["converged"] and d.get("angle_change_last_decade_deg") is not None:
            b.append(
                f"Evidence on {labels[name]}: over the last decade of iterations ||theta|| grew by "
                f"{num(d['norm_growth_last_decade'], 3)} while its direction turned by only "
                f"{num(d['angle_change_last_decade_deg'], 2)} degrees: the boundary is fixed, "
                "only its scale grows."
            )
    mismatched = [labels[n] for n, d in datasets.items() if d["separable"] == d["converged"]]
    if mismatched:
        b.append(
            f"Caution: on {join_words(mismatched)} separability and convergence do not match as this "
            "explanation predicts (separable should mean no convergence), so it does not account "
            "for that run."
        )
    else:
        b.append(
            "Both observations match: the data sets that do not converge are exactly the separable ones, "
            "which is why the explanation does not apply to the others."
        )

    rows, items = [], {}
    for m in s["modifications"]:
        item, what, param = MODIFICATION_ITEMS.get(m["kind"], ("?", m["kind"], "value"))
        rows.append(
            [
                f"{item}. {what}",
                f"{param} = {num(m['value'])}",
                "yes" if m["converged"] else "no",
                num(m["theta_norm"]),
                m["reason"],
            ]
        )
        items.setdefault((item, what, param), []).append(m)
    c = []
    for (item, what, param), mods in items.items():
        yes = [num(m["value"]) for m in mods if m["converged"]]
        no = [num(m["value"]) for m in mods if not m["converged"]]
        if not no:
            verdict = f"converges for every value tried ({param} = {join_words(yes)})"
        elif not yes:
            verdict = f"does not converge for any value tried ({param} = {join_words(no)})"
        else:
            verdict = f"converges for {param} = {join_words(yes)} but not for {param} = {join_words(no)}"
        c.append(f"{item}. With {what}, training on B {verdict}.")
    c_table = table(["modification", "setting", "converges", "||theta|| at the end", "why (measured)"], rows)

    d_sentences = []
    for name, d in datasets.items():
        svm = d["svm"]
        done = "converges" if svm["converged"] else "does not converge"
        d_sentences.append(
            f"A soft-margin linear SVM (C = {num(svm['C'])}) {done} on {labels[name]} in "
            f"{num(svm['epochs'])} "
            f"sweeps of dual coordinate descent (final duality gap {svm['final_gap']:.1e}), "
            f"w = {vector(svm['w'])}, b = {num(svm['b'], 3)}."
        )
    separable_svms = [d["svm"]["converged"] for d in datasets.values() if d["separable"]]
    if separable_svms and all(separable_svms):
        d_sentences.append(
            "So SVMs are not vulnerable to data sets like B: the hinge loss is zero beyond the margin and "
            "the ||w||^2 term makes the objective strongly convex, so it has a unique finite minimiser "
            "whether or not the data are separable."
        )
    elif separable_svms:
        d_sentences.append(
            "Here the SVM did not reach its stopping tolerance on a separable data set within "
            "stability.svm.max_epochs; its objective still has a unique finite minimiser."
        )
    return [
        part("1(a)", "What is the most notable difference between training on A and on B?", a),
        part("1(b)", "Why does training misbehave on B but not on A? (evidence)", b),
        part("1(c)", "Which modifications make the training converge on data like B?", c, [c_table]),
        part("1(d)", "Are support vector machines vulnerable to data sets like B?", d_sentences),
    ]


def errors(confusion) -> str:
    """'a ham flagged as spam, b spam missed' from a confusion matrix [[tn, fp], [fn, tp]]."""
    return f"{num(confusion[0][1])} ham flagged as spam, {num(confusion[1][0])} spam missed"


def spam_parts(s: dict, config: dict) -> list:
    """2(a)-(e)."""
    min_messages = config.get("spam", {}).get("min_messages")
    nb, svm, lr = s["naive_bayes"], s["svm"], s["logreg"]
    features = {
        "minilm": "all-MiniLM-L6-v2 sentence embeddings (a stand-in for the course's BERT features)",
        "bert": "the course's BERT features",
    }.get(lr["features"], lr["features"])
    others = {"naive Bayes": nb["test_accuracy"], "the SVM": svm["test_accuracy"]}
    beaten = [name for name, acc in others.items() if lr["test_accuracy"] > acc]
    if len(beaten) == len(others):
        compare = f"It beats {join_words(others)} on the test set."
    elif beaten:
        compare = f"It beats {join_words(beaten)} but not {join_words(n for n in others if n not in beaten)}."
    else:
        compare = f"It does not beat {join_words(others)} on the test set."
    return [
        part(
            "2(a)",
            "Vocabulary size after pre-processing",
            [
                f"The dictionary holds {num(s['vocabulary_size'])} words "
                f"(words found in at least {min_messages} training messages; messages read with the "
                f"'{s['reader']}' reader)."
            ],
        ),
        part(
            "2(b)",
            "Test accuracy of multinomial naive Bayes with Laplace smoothing",
            [
                f"Naive Bayes classifies {nb['test_accuracy']:.4f} of the test messages correctly "
                f"({errors(nb['confusion'])})."
            ],
        ),
        part(
            "2(c)",
            "The five most spam-indicative tokens",
            [
                "Top tokens by log p(token | spam) / p(token | ham): "
                f"{', '.join(w['word'] for w in s['top_words'])}."
            ],
            [table(["token", "log ratio"], [[w["word"], num(w["log_ratio"])] for w in s["top_words"]])],
        ),
        part(
            "2(d)",
            "Best RBF-SVM radius on the validation set, and its test accuracy",
            [
                f"Best radius {num(svm['best_radius'])}, test accuracy {svm['test_accuracy']:.4f} "
                f"({errors(svm['confusion'])})."
            ],
            [
                table(
                    ["radius", "validation accuracy"],
                    [[num(r["radius"]), accuracy(r["validation_accuracy"])] for r in svm["validation"]],
                ),
            ],
        ),
        part(
            "2(e)",
            "Logistic regression on deep features: best learning rate and test accuracy",
            [
                f"Features: {features}. Best learning rate {num(lr['best_learning_rate'])}, "
                f"test accuracy {lr['test_accuracy']:.4f} ({errors(lr['confusion'])}).",
                compare,
            ],
            [
                table(
                    ["learning rate", "validation accuracy", "status"],
                    [
                        [num(r["learning_rate"]), accuracy(r["validation_accuracy"]), r["status"]]
                        for r in lr["validation"]
                    ],
                ),
            ],
        ),
    ]


KERNEL_MECHANISMS = {
    "dot": "The dot-product kernel keeps the perceptron linear in (x1, x2) with no intercept: its "
    "boundary is a line through the origin.",
    "rbf": "The RBF kernel maps to an infinite-dimensional feature space, so the perceptron can draw a "
    "curved boundary around the classes.",
    "invalid": "The invalid kernel is -1 only when x = z: an unseen test point has kernel 0 with every "
    "stored point, so its score is 0 and the perceptron predicts g(0) = 1.",
}


def perceptron_parts(s: dict) -> list:
    """3(b)-(c)."""
    kernels = s["kernels"]
    ranked = sorted(kernels, key=lambda k: -kernels[k]["test_accuracy"])
    b = [
        "Test accuracy per kernel: "
        + ", ".join(f"{k} {kernels[k]['test_accuracy']:.4f}" for k in ranked)
        + ". The decision regions of each kernel are plotted below, titled by kernel."
    ]
    c = []
    for k in ranked:
        d = kernels[k]
        sentence = f"{d['sentence']} {KERNEL_MECHANISMS.get(k, '')}".strip()
        if k == "invalid":
            share = d["predicted_class1_fraction"]
            if share == 1.0:
                sentence += f" Measured: it predicts class 1 for all {d['n_test']} test points."
            else:
                sentence += (
                    f" Measured: it predicts class 1 for {share:.1%} of the test points "
                    "(the others coincide with training points)."
                )
        c.append(sentence)
    if kernels:
        majority = max(d["majority_rate"] for d in kernels.values())
        c.append(f"For scale: always predicting the majority class scores {majority:.4f}.")
    rows = [
        [k, f"{kernels[k]['test_accuracy']:.4f}", f"{kernels[k]['predicted_class1_fraction']:.3f}"]
        for k in ranked
    ]
    return [
        part(
            "3(b)",
            "The kernel perceptron's decision regions for the three kernels",
            b,
            [table(["kernel", "test accuracy", "share predicted class 1"], rows)],
        ),
        part("3(c)", "Which kernel fails, which works a bit, which works well, and why?", c),
    ]


def _multiplier_value(label: str) -> float:
    top, _, bottom = label.partition("/")
    return float(top) / float(bottom or 1)


def doubledescent_parts(s: dict) -> list:
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
    at_or_above = [m for m in labels if _multiplier_value(m) >= 1]
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
        rows.append([n, *[(num(mse[n][m]), mse[n][m] == low) for m in labels]])
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


def simple_nn_parts(s: dict) -> list:
    """5(a)-(c)."""
    a = [
        "Gradient-descent update: w_{1,2}^[1] <- w_{1,2}^[1] - alpha (2/n) sum_i (o^(i) - y^(i)) o^(i) "
        "(1 - o^(i)) w_2^[2] h_2^(i) (1 - h_2^(i)) x_1^(i), with h_2^(i) = sigma(w_{0,2}^[1] + "
        "w_{1,2}^[1] x_1^(i) + w_{2,2}^[1] x_2^(i)).",
        f"Check: the closed form gives {num(s['w12_closed_form'], 8)}, central finite "
        f"differences {num(s['w12_finite_difference'], 8)} (relative error "
        f"{s['sigmoid_w12_gradient_relative_error']:.1e}).",
        f"Training with it lowers the loss from {num(s['initial_loss'])} to {num(s['sigmoid_final_loss'])} "
        f"(training accuracy {s['sigmoid_train_accuracy']:.4f}).",
    ]
    weights = [*[v for row in s["step_w1"] for v in row], *s["step_w2"]]
    in_hint = all(any(abs(v - h) < 1e-12 for h in STEP_HINT_VALUES) for v in weights)
    if s["step_accuracy"] == 1.0:
        b = [
            f"Yes. The step-activation weights below classify all {num(s['n'])} training points correctly."
            + (" Every weight lies in the hint's value set {-1, -0.5, 0, 1, 3, 4}." if in_hint else "")
        ]
    else:
        b = [
            f"The step-activation weights found classify {s['step_accuracy']:.4f} of the points, "
            "not all of them."
        ]
    w_rows = [[f"w_{{{i},{j + 1}}}^[1]", num(s["step_w1"][i][j])] for j in range(3) for i in range(3)]
    w_rows += [[f"w_{j}^[2]", num(v)] for j, v in enumerate(s["step_w2"])]
    b_table = table(["weight", "value"], w_rows, "w_{i,j}^[1]: from x_i (i = 0: intercept) to h_j")
    margin = s["linear_certificate_margin"]
    if not s["linear_possible"]:
        c = [
            "No. With linear hidden units the output is step(w^[2] . (W^[1] x + b^[1]) + w_0^[2]) = "
            "step(a . x + c): a linear classifier, whatever the weights.",
            f"No line separates the data: the LP max-margin certificate is {num(margin)}. The best line "
            f"found ({s['best_linear_method'].replace('_', ' ')}) classifies "
            f"{s['best_linear_accuracy']:.4f} of the points.",
        ]
    else:
        c = [
            "Yes: the network is a linear classifier and these data are linearly separable "
            f"(LP max-margin {num(margin)} > 0); the weights found classify {s['best_linear_accuracy']:.4f}."
        ]
    return [
        part("5(a)", "Gradient-descent update for w_{1,2}^[1] with sigmoid activations", a),
        part("5(b)", "Step activations: can some weights classify the data perfectly?", b, [b_table]),
        part("5(c)", "Linear hidden units, step output: can some weights classify the data perfectly?", c),
    ]


def batchnorm_parts(s: dict) -> list:
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


PROBLEMS = (
    ("1", "Logistic regression: training stability"),
    ("2", "Spam classification"),
    ("3", "Kernelizing the perceptron"),
    ("4", "Bayesian interpretation of regularisation (4(d) double descent)"),
    ("5", "A simple neural network"),
    ("6", "Batch normalisation"),
)


def answer_sections(summary: dict) -> list:
    """The problems in order, each {number, title, parts}: every answer derived from summary."""
    config = summary.get("config", {})
    parts = {
        "1": stability_parts(summary["stability"], config),
        "2": spam_parts(summary["spam"], config),
        "3": perceptron_parts(summary["perceptron"]),
        "4": doubledescent_parts(summary["doubledescent"]),
        "5": simple_nn_parts(summary["simple_nn"]),
        "6": batchnorm_parts(summary["batchnorm"]),
    }
    return [{"number": n, "title": title, "parts": parts[n]} for n, title in PROBLEMS]


# --- HTML -------------------------------------------------------------------------

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:62rem;margin:0 auto;
padding:0 1rem 3rem;line-height:1.45;color:#1d1d1f}
h1{margin-top:1rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}
h3{margin-bottom:.3rem}.question{color:#555;font-style:italic;margin-top:0}
.banner{border:1px solid #b7d3ec;background:#eef6fd;border-radius:6px;padding:.6rem 1rem}
.banner.synthetic{border-color:#e6c36a;background:#fff8e1}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}caption{caption-side:bottom;font-size:.85rem;color:#555;text-align:left}
figure{margin:1rem 0}figure img{max-width:100%;max-height:36rem;width:auto;height:auto;border:1px solid #eee}
figcaption{font-size:.9rem;color:#333}.toc{columns:2;list-style:none;padding-left:0}
.source-course{color:#1b6b1b;font-weight:600}.source-synthetic,.source-modified{color:#9a5b00;font-weight:600}
details{margin:.5rem 0}
"""


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def data_uri(data: bytes, mime: str = "image/png") -> str:
    """An inline data URI for a file's bytes."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def flatten(config, prefix: str = "") -> list:
    """Nested config -> sorted (dotted key, value) pairs."""
    if isinstance(config, dict) and config:
        pairs = []
        for key in sorted(config):
            pairs.extend(flatten(config[key], f"{prefix}.{key}" if prefix else str(key)))
        return pairs
    return [(prefix, config)]


def render_table(t: dict) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in t["headers"])
    body = []
    for row in t["rows"]:
        cells = []
        for cell in row:
            if isinstance(cell, tuple):  # (text, bold?)
                text = f"<b>{esc(cell[0])}</b>" if cell[1] else esc(cell[0])
            else:
                text = esc(cell)
            cells.append(f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    caption = f"<caption>{esc(t['caption'])}</caption>" if t.get("caption") else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def render_figure(fig: dict) -> str:
    """fig: {title, caption, src (data URI)}."""
    return (
        f'<figure><img src="{esc(fig["src"])}" alt="{esc(fig["title"])}">'
        f"<figcaption><b>{esc(fig['title'])}.</b> {esc(fig['caption'])}</figcaption></figure>"
    )


def render_banner(provenance: dict) -> str:
    data = provenance.get("data", {})
    synthetic = sorted(p for p, r in data.items() if r.get("source") != "course")
    rows = []
    for problem in sorted(data, key=lambda p: list(PROBLEM_DATA).index(p) if p in PROBLEM_DATA else 99):
        record = data[problem]
        source = record.get("source", "?")
        notes = "; ".join([record.get("reason") or "", *(record.get("warnings") or [])]).strip("; ")
        rows.append(
            f"<tr><td>{esc(PROBLEM_DATA.get(problem, problem))}</td><td>{esc(problem)}</td>"
            f'<td class="source-{esc(source)}">{esc(source)}</td><td>{esc(notes)}</td></tr>'
        )
    if not data:
        headline = "No data provenance recorded."
    elif synthetic:
        headline = (
            f"Synthetic or modified data for: {', '.join(synthetic)}. Numbers on those problems come from "
            "stand-ins, not from the course's files."
        )
    else:
        headline = "Every problem ran on the course's files."
    git = provenance.get("git", {})
    commit = git.get("commit") or "unknown"
    dirty = " (uncommitted changes)" if git.get("dirty") else ""
    software = ", ".join(f"{k} {v}" for k, v in sorted(provenance.get("software", {}).items()))
    return (
        f'<div class="banner{" synthetic" if synthetic else ""}" id="provenance"><p><b>Data provenance.</b> '
        f"{esc(headline)} Problem 6 needs no data file (random batches from a seed).</p>"
        "<table><thead><tr><th>problem</th><th>data</th><th>source</th><th>notes</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<p>Code: commit {esc(commit)}{esc(dirty)}. Software: {esc(software)}.</p></div>"
    )


def render_html(summary: dict, figures: list, title: str = "CS229 Problem Set 2: results") -> str:
    """The report page. figures: [{section (e.g. '1(b)'), title, caption, src}] in display order.

    A figure whose section is not a part of the report raises ValueError.
    """
    sections = answer_sections(summary)
    keys = {p["key"] for s in sections for p in s["parts"]}
    unknown = sorted({f["section"] for f in figures} - keys)
    if unknown:
        raise ValueError(f"figures for unknown report sections: {', '.join(unknown)}")
    out = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        render_banner(summary.get("provenance", {})),
        "<p>Every number below is read from the pipeline's outputs (results/summary.json); the sentences "
        "are generated from those numbers.</p>",
        '<nav><ul class="toc">',
        *[
            f'<li><a href="#problem-{s["number"]}">{esc(s["number"])} {esc(s["title"])}</a></li>'
            for s in sections
        ],
        '<li><a href="#config">Configuration</a></li></ul></nav>',
    ]
    for s in sections:
        out.append(f'<section id="problem-{s["number"]}" data-problem="{s["number"]}">')
        out.append(f"<h2>{esc(s['number'])}. {esc(s['title'])}</h2>")
        for p in s["parts"]:
            out.append(f'<article data-part="{esc(p["key"])}"><h3>{esc(p["key"])}</h3>')
            out.append(f'<p class="question">{esc(p["question"])}</p>')
            out.extend(f"<p>{esc(sentence)}</p>" for sentence in p["sentences"])
            out.extend(render_table(t) for t in p["tables"])
            out.extend(render_figure(f) for f in figures if f["section"] == p["key"])
            out.append("</article>")
        out.append("</section>")
    config_rows = [[key, value] for key, value in flatten(summary.get("config", {}))]
    out.append(
        '<section id="config"><h2>Configuration</h2><p>The config.yaml values of this run '
        "(as recorded in results/provenance.json).</p><details open><summary>all values</summary>"
    )
    out.append(render_table(table(["key", "value"], config_rows)))
    out.append("</details></section></body></html>\n")
    return "\n".join(out)


def caption_text(rst: str) -> str:
    """A plain-text caption from a caption .rst file (one paragraph, inline literals unquoted)."""
    return " ".join(rst.replace("``", "").split())
