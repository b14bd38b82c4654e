"""The tolerances a headline answer can be checked with, each with the note that justifies it.

Each problem's summary declares its answers beside its numbers (``answers(numbers)``: label,
path within the numbers, rule); ``python -m tools.reference`` writes them, with the values of a
run, into reference/answers.yaml. Measured with ``python -m tools.numerics``: every answer
recomputed with 2 BLAS threads and with OpenBLAS's AVX2 and AVX kernels.
"""

from __future__ import annotations

import sys

EPS = sys.float_info.epsilon  # machine epsilon of a float

EXACT = ({}, "a verdict, count, choice or word list: identical under every BLAS variant measured")
SHARE = (
    {"tolerance": 1e-9},
    "a share of test points: one changed prediction moves it by 1/n, so 1e-9 accepts only the same count",
)
ROUNDING = (
    {"rtol": 1e-12},
    "a closed form or a grid point, or a log ratio of counts: only rounding moves it (a few 1e-16 relative)",
)


def bound(limit: float) -> tuple[dict, str]:
    """A check's own error, which only needs to stay below limit."""
    return {"at_most": limit}, f"a check's own error: it only needs to stay below {limit:g}"
