"""Problem 6: batch normalisation's backward pass, checked against finite differences."""

from __future__ import annotations

from cs229ps2.problems.record import Problem

PROBLEM = Problem(key="batchnorm", number="6", title="Batch norm")
