"""Problem 1: logistic regression's stability on data sets A and B (1(a)-(d))."""

from __future__ import annotations

from cs229ps2.problems.record import Problem

PROBLEM = Problem("stability", "1", "Stability", "stability", ("ds1_a.csv", "ds1_b.csv"))
