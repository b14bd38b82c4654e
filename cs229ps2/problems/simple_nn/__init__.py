"""Problem 5: the two-layer network that separates three rings by hand (5(b)-(c))."""

from __future__ import annotations

from cs229ps2.problems.record import Part, Problem

FOLDER = ("simple_nn", "simple_nn", "simple_nn.py")

PARTS = (
    Part("5b", *FOLDER, ("optimal_step_weights",), 10, False),
    Part("5c", *FOLDER, ("example_weights", "optimal_linear_weights"), 10, False),
)
PROBLEM = Problem("simple_nn", "5", "Network", "simple_nn", ("train.csv",), PARTS)
