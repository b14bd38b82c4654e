"""The course's ``perceptron/util.py``: the CSV loader and the two plotting helpers.

numpy and the standard library; matplotlib only inside the plotting helpers.
"""

import csv

import numpy as np


def load_csv(csv_path):
    """(x (n, 2), y (n,) int) of a CSV with columns y, x0, x1 (inputs: the columns named x...)."""
    with open(csv_path, encoding="utf-8", newline="") as f:
        header, *rows = csv.reader(f)
    table = np.array([[float(value) for value in row] for row in rows])
    inputs = [j for j, name in enumerate(header) if name.startswith("x")]
    return table[:, inputs], table[:, header.index("y")].astype(int)


def plot_contour(predict_fn):
    """Shade the plane by predict_fn(point) over [-10, 10]^2."""
    import matplotlib.pyplot as plt

    grid = np.linspace(-10, 10, 41)
    xx, yy = np.meshgrid(grid, grid)
    z = np.array([[predict_fn(np.array([a, b])) for a in grid] for b in grid])
    plt.contourf(xx, yy, z, levels=[-1, 0, 1], alpha=0.3)


def plot_points(x, y):
    """Scatter the points, one marker per class."""
    import matplotlib.pyplot as plt

    for label, marker in ((0, "x"), (1, "o")):
        plt.scatter(*np.asarray(x)[np.asarray(y) == label].T, marker=marker, label=f"y = {label}")
