"""Problem 3's data files (train.csv, test.csv): the known release, a synthetic stand-in, the
check. The data stage (:mod:`cs229ps2.pipeline.datastage`) loads this module by name.
"""

from __future__ import annotations

import numpy as np

from cs229ps2.pipeline import files

KNOWN_SHA256 = {  # of the course's release, LF line ends
    "train.csv": "b96f4b160ba5840223687f76b87e070d1cdada3e644f3c13c3c5e952e01536e0",
    "test.csv": "f7fc460f3d3d67162980579b4c9a9dc244881af0c21f92b90ce3f6ce87295b3a",
}


def _rings(rng, n: int):
    """n points: class 0 within radius 1.5 of the origin, class 1 at radius 2.5 to 4."""
    labels = rng.integers(0, 2, size=n)
    radius = np.where(labels == 1, rng.uniform(2.5, 4.0, n), 1.5 * np.sqrt(rng.uniform(0, 1, n)))
    angle = rng.uniform(0, 2 * np.pi, n)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), labels


def generate(seed: int, n_train: int = 200, n_test: int = 200):
    """Train and test sets of 2-D points: a disc (class 0) inside a ring (class 1).

    No line separates them; an RBF kernel boundary does.
    """
    rng = np.random.default_rng(seed)
    return {"train": _rings(rng, n_train), "test": _rings(rng, n_test)}


def write(paths: dict, settings: dict) -> None:
    """The stand-in's files, by name: {file name: path}."""
    for split, (x, y) in generate(settings["seed"], settings["n_train"], settings["n_test"]).items():
        files.write_points(paths[f"{split}.csv"], x, y)


def validate(paths) -> list[str]:
    """Parse each file with its loader (which raises on bad input); no warnings."""
    for path in paths:
        files.read_points(path)
    return []
