"""Problem 3: the kernelised perceptron with the dot, RBF and non-PSD kernels (3(b)-(c))."""

from __future__ import annotations

from cs229ps2.problems.record import Part, Problem

FOLDER = ("perceptron", "perceptron", "perceptron.py")
FUNCTIONS = ("initial_state", "predict", "update_state")

# 3(b)'s 10 points, shared by the three kernels the driver runs
PARTS = tuple(Part(f"3-{k}", *FOLDER, FUNCTIONS, 10 / 3, True) for k in ("dot", "rbf", "non_psd"))
PROBLEM = Problem("perceptron", "3", "Perceptron", "perceptron", ("train.csv", "test.csv"), PARTS)
