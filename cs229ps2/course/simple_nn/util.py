"""The course's ``simple_nn/util.py``: the loader of train.csv and the decision-region plot.

numpy and the standard library; matplotlib only inside :func:`plot`.
"""

import csv

import numpy as np


def load_dataset(csv_path, add_intercept=False):
    """(x (n, 2), y (n,) int) of a CSV with columns x1, x2, y (inputs: the columns named x...);
    with add_intercept x is (n, 3), a leading column of ones."""
    with open(csv_path, encoding="utf-8", newline="") as f:
        header, *rows = csv.reader(f)
    table = np.array([[float(value) for value in row] for row in rows])
    x = table[:, [j for j, name in enumerate(header) if name.startswith("x")]]
    if add_intercept:
        x = np.column_stack([np.ones(len(x)), x])
    return x, table[:, header.index("y")].astype(int)


def plot(x, y, predict_fn, save_path, steps=200):
    """Save to save_path the points (x1, x2: the last two columns of x (n, k)) by label over the
    regions predict_fn gives a grid over their range; predict_fn maps rows laid out like x
    (m, k; any leading columns 1, the intercept) to m labels."""
    import matplotlib.pyplot as plt

    x, y = np.asarray(x, dtype=float), np.asarray(y)
    x1, x2 = x[:, -2], x[:, -1]
    g1 = np.linspace(x1.min(), x1.max(), steps)
    g2 = np.linspace(x2.min(), x2.max(), steps)
    mesh1, mesh2 = np.meshgrid(g1, g2)
    rows = np.ones((mesh1.size, x.shape[1]))
    rows[:, -2], rows[:, -1] = mesh1.ravel(), mesh2.ravel()
    regions = np.asarray(predict_fn(rows), dtype=float).reshape(mesh1.shape)
    figure, axes = plt.subplots()
    axes.contourf(g1, g2, regions, levels=[-np.inf, 0.5, np.inf], colors=["white", "grey"], alpha=0.3)
    for label, marker in ((0, "o"), (1, "x")):
        axes.scatter(x1[y == label], x2[y == label], marker=marker, label=f"y = {label}")
    axes.set_xlabel("x1")
    axes.set_ylabel("x2")
    axes.legend()
    figure.savefig(save_path)
    plt.close(figure)
