"""The course's ``bayesianreg/util.py``: the loader of the numpy-printed vectors. numpy only."""

import csv

import numpy as np


def load_dataset(csv_path):
    """(x (n, d), y (n,)) of a CSV with columns x (a vector printed by numpy, "[a b ...]" over
    several lines) and y."""
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    x = np.array([vector.strip("[]").split() for vector, _ in rows], dtype=float)
    return x, np.array([target for _, target in rows], dtype=float)
