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
DPI = 150
CLASS_STYLE = ({"marker": "o", "color": "tab:blue"}, {"marker": "x", "color": "tab:red"})


def figure(width: float = 6.0, height: float = 4.5, nrows: int = 1, ncols: int = 1):
    """A new figure and its axes (an array of them for several rows or columns)."""
    return plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained")


def colors(n: int, stop: float = 0.95) -> list:
    """n colours along the viridis map, dark first (for curves ordered by a parameter)."""
    return [matplotlib.colormaps["viridis"](v) for v in np.linspace(0, stop, max(n, 1))]


def save(fig, *paths) -> None:
    """Save a figure to each path (format from the suffix, no timestamps) and close it.

    The constrained layout is solved once, at the saving resolution, and then fixed: left on,
    it would be solved again in every drawing pass, two per saved file.
    """
    fig.set_dpi(DPI)
    fig.draw_without_rendering()
    fig.set_layout_engine(None)  # keeps the solved positions
    for path in map(str, paths):
        suffix = path[path.rfind(".") :]
        fig.savefig(path, dpi=DPI, metadata=METADATA.get(suffix, {}))
    plt.close(fig)


def class_scatter(ax, x: np.ndarray, y: np.ndarray) -> None:
    """Scatter 2-D points x (n, 2) by label y in {0, 1}: o for class 0, x for class 1 (legend "class k")."""
    for label, style in enumerate(CLASS_STYLE):
        pts = x[y == label]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            s=18,
            label=f"class {label}",
            facecolors="none" if label == 0 else None,
            edgecolors=style["color"] if label == 0 else None,
            **style,
        )


def boundary_line(ax, x: np.ndarray, b: float, w, **style) -> None:
    """Draw the line b + w[0] x1 + w[1] x2 = 0 across the x1 range of the points x (n, 2)."""
    x1 = np.linspace(x[:, 0].min(), x[:, 0].max(), 50)
    ax.plot(x1, -(b + w[0] * x1) / w[1], **style)


def point_axes(ax, x: np.ndarray, title: str) -> None:
    """Title and label a panel of 2-D points x (n, 2), its y range fitted to the points."""
    ax.set_ylim(x[:, 1].min() - 0.1, x[:, 1].max() + 0.1)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title)
    ax.legend(fontsize=7)


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


def confusion_matrix(ax, counts: np.ndarray, names=("class 0", "class 1"), title: str = "") -> None:
    """Draw a confusion matrix counts (k, k), rows = true class, columns = predicted class."""
    counts = np.asarray(counts)
    ax.imshow(counts, cmap="Blues", vmin=0)
    for (i, j), value in np.ndenumerate(counts):
        dark = value > counts.max() / 2
        ax.text(j, i, str(value), ha="center", va="center", color="white" if dark else "black")
    ticks = np.arange(len(names))
    ax.set_xticks(ticks, names)
    ax.set_yticks(ticks, names)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.set_title(title)


def selection_curve(
    ax, settings, scores, xlabel: str, title: str = "", ylabel: str = "validation accuracy"
) -> None:
    """Score per setting (e.g. validation accuracy per radius) on a log x axis, best one marked."""
    settings, scores = np.asarray(settings, dtype=float), np.asarray(scores, dtype=float)
    ax.plot(settings, scores, "o-", label=ylabel)
    best = int(np.argmax(np.nan_to_num(scores, nan=-np.inf)))
    ax.plot(settings[best], scores[best], "r*", markersize=14, label=f"best: {settings[best]:g}")
    ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(loc="best")
