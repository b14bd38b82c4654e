"""Problem 5: the 2-3-1 network with sigmoid, step and linear hidden units."""

from __future__ import annotations

from cs229ps2.report.text import num, part, section, table
from cs229ps2.report.tolerances import EXACT, SHARE, bound

TITLE = "A simple neural network"

STEP_HINT_VALUES = (-1.0, -0.5, 0.0, 1.0, 3.0, 4.0)


def numbers(sigmoid: dict, step: dict, linear: dict) -> dict:
    """Problem 5's numbers from the records of (a) sigmoid, (b) step and (c) linear."""
    check = sigmoid["gradient_check"]
    return {
        "sigmoid_w12_gradient_relative_error": check["w12_relative_error"],
        "sigmoid_final_loss": sigmoid["final_loss"],
        "sigmoid_train_accuracy": sigmoid["train_accuracy"],
        "step_accuracy": step["accuracy"],
        "linear_possible": linear["certificate"]["separable"],
        "linear_certificate_margin": linear["certificate"]["margin"],
        "best_linear_accuracy": linear["network_accuracy"],
        "best_linear_method": linear["best"],
        "linear_accuracy_by_method": {k: v["accuracy"] for k, v in linear["attempts"].items()},
        "linear_pair_search_bound": linear["search_bound"],
        "w12_closed_form": check["w12_closed_form"],
        "w12_finite_difference": check["w12_finite_difference"],
        "initial_loss": sigmoid["initial_loss"],
        "n": step["n"],
        "step_w1": step["w1"],
        "step_w2": step["w2"],
    }


def parts(s: dict) -> list:
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


def summarize(sigmoid: dict, step: dict, linear: dict) -> dict:
    """Problem 5's summary: numbers and answers."""
    s = numbers(sigmoid, step, linear)
    return {"numbers": s, "section": section("5", TITLE, parts(s))}


def answers(s: dict) -> list[tuple]:
    """Problem 5's headline answers: (label, path in its numbers, tolerance rule)."""
    return [
        ("5(a) relative error of the w_12 gradient", "sigmoid_w12_gradient_relative_error", bound(1e-6)),
        ("5(b) step network training accuracy", "step_accuracy", EXACT),
        ("5(c) a linear network can classify perfectly", "linear_possible", EXACT),
        ("5(c) best linear accuracy", "best_linear_accuracy", SHARE),
    ]
