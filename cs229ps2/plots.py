"""Plotting helpers shared by every problem: deterministic files, class scatter, regions.

Figures are saved without dates in their metadata, so two runs write identical bytes.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

METADATA = {
    ".png": {"Software": None},
    ".pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}
CLASS_STYLE = ({"marker": "o", "color": "tab:blue"}, {"marker": "x", "color": "tab:red"})


def figure(width: float = 6.0, height: float = 4.5):
    """A new figure and axes with the project's size defaults."""
    return plt.subplots(figsize=(width, height), layout="constrained")


def save(fig, *paths) -> None:
    """Save a figure to each path (format from the suffix, no timestamps) and close it."""
    for path in map(str, paths):
        suffix = path[path.rfind(".") :]
        fig.savefig(path, dpi=150, metadata=METADATA.get(suffix, {}))
    plt.close(fig)


def class_scatter(ax, x: np.ndarray, y: np.ndarray, names=("class 0", "class 1")) -> None:
    """Scatter 2-D points x (n, 2) by label y in {0, 1}: o for class 0, x for class 1."""
    for label, style in enumerate(CLASS_STYLE):
        pts = x[y == label]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            s=18,
            label=names[label],
            facecolors="none" if label == 0 else None,
            edgecolors=style["color"] if label == 0 else None,
            **style,
        )


def grid(x: np.ndarray, padding: float = 0.5, resolution: int = 200):
    """A (resolution^2, 2) grid of points covering x's bounding box plus padding, and its axes."""
    lo, hi = x.min(axis=0) - padding, x.max(axis=0) + padding
    g0, g1 = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    return np.column_stack([g0.ravel(), g1.ravel()]), g0, g1


def decision_regions(ax, predict, x: np.ndarray, y: np.ndarray, padding: float = 0.5, resolution: int = 200):
    """Shade the regions a classifier predicts over x's bounding box, then scatter the data.

    predict maps an (m, 2) array of points to m labels in {0, 1}, in one call.
    """
    points, g0, g1 = grid(x, padding, resolution)
    labels = np.asarray(predict(points)).reshape(g0.shape)
    ax.contourf(g0, g1, labels, levels=[-0.5, 0.5, 1.5], colors=["#cfe2f3", "#f4cccc"], alpha=0.8)
    class_scatter(ax, x, y)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="best")
