"""Rejection sampling of points, shared by the synthetic stand-ins of problems 1 and 5."""

from __future__ import annotations

import numpy as np


def uniform_kept(rng, n: int, high: float, batch: int, keep):
    """n points uniform in [0, high]^2 that pass keep, by rejection.

    Draws batches of ``batch`` points (shape (batch, 2)) until n pass; keep maps such a
    batch to a boolean mask (batch,). Returns the first n kept points, shape (n, 2).
    """
    points = np.empty((0, 2))
    while len(points) < n:
        draw = rng.uniform(0, high, size=(batch, 2))
        points = np.vstack([points, draw[keep(draw)]])
    return points[:n]
