"""Problem 1's data files (ds1_a.csv, ds1_b.csv): the known release, a synthetic stand-in, the check.

The data stage (:mod:`cs229ps2.pipeline.datastage`) loads this module by name.
"""

from __future__ import annotations

import numpy as np

from cs229ps2.pipeline import files
from cs229ps2.problems.sampling import uniform_kept

KNOWN_SHA256 = {  # of the course's release, LF line ends
    "ds1_a.csv": "680101b133cae59320abd2a8e39568470be28f63bb1040629eb3e81dc18c41bf",
    "ds1_b.csv": "8f722899e389193b0e7fa5163b38e7b1f3261ebd61b174ebbaf0f9d03d9b0688",
}


def _half_planes(rng, n: int, margin: float):
    """n points in [0, 1]^2 labelled by the line x0 + x1 = 1, none closer than margin."""
    x = uniform_kept(rng, n, 1, 4 * n, lambda p: np.abs(p.sum(axis=1) - 1) / np.sqrt(2) > margin)
    return x, (x.sum(axis=1) > 1).astype(int)


def generate(seed: int, n: int = 100) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Data sets A (``ds1_a``) and B (``ds1_b``) of n 2-D points each, labels in {0, 1}.

    B: uniform points in the unit square labelled by the line x0 + x1 = 1 with a
    margin of 0.05: linearly separable.
    A: the same process, then four points in an XOR layout at the square's centre
    (two of each class on crossing diagonals), so the class hulls intersect and no
    line separates A.
    """
    rng = np.random.default_rng(seed)
    x_b, y_b = _half_planes(rng, n, margin=0.05)
    x_a, y_a = _half_planes(rng, n - 4, margin=0.05)
    u, v = np.array([0.1, 0.1]), np.array([0.1, -0.1])
    centre = np.array([0.5, 0.5])
    xor = np.array([centre + u, centre - u, centre + v, centre - v])
    x_a = np.vstack([x_a, xor])
    y_a = np.concatenate([y_a, [1, 1, 0, 0]])
    order = rng.permutation(n)
    return {"ds1_a": (x_a[order], y_a[order]), "ds1_b": (x_b, y_b)}


def write(paths: dict, settings: dict) -> None:
    """The stand-in's files, by name: {file name: path}."""
    for name, (x, y) in generate(settings["seed"], settings["n_points"]).items():
        files.write_points(paths[f"{name}.csv"], x, y)


def validate(paths) -> list[str]:
    """Parse each file with its loader (which raises on bad input); no warnings."""
    for path in paths:
        files.read_points(path)
    return []
