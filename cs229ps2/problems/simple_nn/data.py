"""Problem 5's data file (train.csv): the known release, a synthetic stand-in, the check.
The data stage (:mod:`cs229ps2.pipeline.datastage`) loads this module by name.
"""

from __future__ import annotations

import numpy as np

from cs229ps2.pipeline import files
from cs229ps2.problems.sampling import uniform_kept

COLUMNS = ("x1", "x2", "y")  # of train.csv
KNOWN_SHA256 = {  # of the course's release, LF line ends
    "train.csv": "8ee2ab2a8894d76ec4ec7dd05c3a45a832e9e439cf0c2cb6c191950d69b6646a",
}


def inside_triangle(x: np.ndarray) -> np.ndarray:
    """True for points of shape (n, 2) inside the triangle x1 > 0.5, x2 > 0.5, x1 + x2 < 4."""
    return (x[:, 0] > 0.5) & (x[:, 1] > 0.5) & (x.sum(axis=1) < 4)


def _edge_distance(x: np.ndarray) -> np.ndarray:
    """Distance (n,) of points x (n, 2) to the nearest of the triangle's three edge lines."""
    return np.min(
        [np.abs(x[:, 0] - 0.5), np.abs(x[:, 1] - 0.5), np.abs(x.sum(axis=1) - 4) / np.sqrt(2)], axis=0
    )


def generate(seed: int, n: int = 448):
    """n uniform points in [0, 4]^2: class 0 inside the triangle, class 1 outside.

    Points within 0.02 of an edge are redrawn, so a step network with the
    problem's hint weights classifies every point.
    """
    rng = np.random.default_rng(seed)
    x = uniform_kept(rng, n, 4, 2 * n, lambda p: _edge_distance(p) > 0.02)
    return x, (~inside_triangle(x)).astype(int)


def write(paths: dict, settings: dict) -> None:
    """The stand-in's file, by name: {file name: path}."""
    x, y = generate(settings["seed"], settings["n_points"])
    files.write_points(paths["train.csv"], x, y, columns=COLUMNS)


def validate(paths) -> list[str]:
    """Parse the file with its loader (which raises on bad input); no warnings."""
    files.read_points(list(paths)[0], columns=COLUMNS)
    return []
