"""Problem 3: the kernel perceptron with three kernels."""

from __future__ import annotations

from cs229ps2.report.text import part, section, table
from cs229ps2.report.tolerances import SHARE

TITLE = "Kernelizing the perceptron"

KERNEL_MECHANISMS = {
    "dot": "The dot-product kernel keeps the perceptron linear in (x1, x2) with no intercept: its "
    "boundary is a line through the origin.",
    "rbf": "The RBF kernel maps to an infinite-dimensional feature space, so the perceptron can draw a "
    "curved boundary around the classes.",
    "non_psd": "The non_psd kernel is -1 only when x = z: an unseen test point has kernel 0 with every "
    "stored point, so its score is 0 and the perceptron predicts g(0) = 1.",
}


def verdict(name: str, accuracy: float, majority: float, class1_share: float) -> str:
    """A sentence on how a kernel performs: its test accuracy against the majority-class rate,
    and whether it predicts one class everywhere (class1_share 0 or 1)."""
    if accuracy >= 0.9:
        how = "works well"
    elif accuracy > majority + 0.05:
        how = "works a bit: clearly better than the majority class but far from perfect"
    else:
        how = f"fails: no better than always predicting the majority class ({majority:.1%})"
    if class1_share in (0.0, 1.0):
        how += f"; it predicts class {int(class1_share)} for every test point"
    return f"The {name} kernel classifies {accuracy:.1%} of the test points correctly; it {how}."


def numbers(models: list) -> dict:
    """Problem 3's numbers from the kernels' model records (in config order), each with its verdict."""
    keys = ("test_accuracy", "majority_rate", "predicted_class1_fraction", "n_test")
    return {
        "kernels": {
            m["kernel"]: {k: m[k] for k in keys}
            | {"sentence": verdict(m["kernel"], *(m[k] for k in keys[:3]))}
            for m in models
        }
    }


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
        if k == "non_psd":
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


def answers(s: dict) -> list[tuple]:
    """Problem 3's headline answers: (label, path in its numbers, tolerance rule)."""
    found = [(f"3(b) {k} kernel: test accuracy", f"kernels.{k}.test_accuracy", SHARE) for k in s["kernels"]]
    return found + [
        ("3(c) non_psd kernel: share predicted class 1", "kernels.non_psd.predicted_class1_fraction", SHARE)
    ]
