"""Problem 4(d): double descent of ridge regression over training sizes and regularisation."""

from __future__ import annotations

from cs229ps2.problems.record import Part, Problem

PART = Part("4d", "doubledescent", "bayesianreg", "doubledescent.py", ("ridge_regression",), 5, True)
DATA = ("train{n}.csv", "validation.csv")  # one training file per size
PROBLEM = Problem("doubledescent", "4(d)", "Double descent", "bayesianreg", DATA, (PART,))
