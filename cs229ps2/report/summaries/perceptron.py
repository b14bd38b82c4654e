"""Problem 3: the kernel perceptron with three kernels."""

from __future__ import annotations

from cs229ps2.report.text import part, section, table

TITLE = "Kernelizing the perceptron"

KERNEL_MECHANISMS = {
    "dot": "The dot-product kernel keeps the perceptron linear in (x1, x2) with no intercept: its "
    "boundary is a line through the origin.",
    "rbf": "The RBF kernel maps to an infinite-dimensional feature space, so the perceptron can draw a "
    "curved boundary around the classes.",
    "invalid": "The invalid kernel is -1 only when x = z: an unseen test point has kernel 0 with every "
    "stored point, so its score is 0 and the perceptron predicts g(0) = 1.",
}


def numbers(models: list) -> dict:
    """Problem 3's numbers from the kernels' model records (in config order)."""
    keys = ("test_accuracy", "majority_rate", "predicted_class1_fraction", "n_test", "sentence")
    return {"kernels": {m["kernel"]: {k: m[k] for k in keys} for m in models}}


def parts(s: dict) -> list:
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


def summarize(models: list) -> dict:
    """Problem 3's summary: numbers and answers."""
    s = numbers(models)
    return {"numbers": s, "section": section("3", TITLE, parts(s))}
