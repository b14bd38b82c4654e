"""The problem-specific figures, drawn from the pipeline's results (dicts and arrays).

Kept apart from the algorithms, so that editing a figure reruns only the jobs that draw.
"""

from __future__ import annotations

import numpy as np

from cs229ps2.report import plots


def _at_or_before(trace: dict, t: int) -> int:
    return int(np.searchsorted(np.asarray(trace["iteration"]), t, side="right") - 1)


def plot_training_curves(records: dict):
    """2x2 figure: ||theta||, step norm, mean loss, angle to the final direction vs iteration.

    records: name -> :func:`run_record` dict. Returns the figure.
    """
    fig, axes = plots.figure(10, 7.5, nrows=2, ncols=2)
    panels = [
        ("theta_norm", "$\\|\\theta\\|_2$", "linear"),
        ("step_norm", "$\\|$step$\\|_2$", "log"),
        ("loss", "mean training log loss", "log"),
        ("angle_deg", "angle to final direction (deg)", "log"),
    ]
    for ax, (key, label, yscale) in zip(axes.ravel(), panels):
        for name, rec in records.items():
            tr = rec["trace"]
            status = "stopped" if rec["stopped"] else "cap reached"
            values = np.asarray(tr[key], dtype=float)
            keep = values > 0 if yscale == "log" else np.ones(len(values), bool)
            ax.plot(
                np.asarray(tr["iteration"])[keep],
                values[keep],
                label=f"{name} ({status} at {rec['iterations']})",
            )
        ax.set_xscale("log")
        ax.set_yscale(yscale)
        ax.set_xlabel("iteration")
        ax.set_ylabel(label)
        ax.set_title(label + " during training")
        ax.legend(fontsize=7)
    return fig


def plot_boundaries(data: dict, records: dict, iterations):
    """One panel per data set: the points and the decision boundary theta^T [1, x] = 0 at
    the recorded iterations at or before each of ``iterations``. data: name -> (x, y)."""
    fig, axes = plots.figure(5.5 * len(data), 5, ncols=len(data))
    axes = np.atleast_1d(axes)
    for ax, (name, (x, y)) in zip(axes, data.items()):
        rec = records[name]
        plots.class_scatter(ax, x, y)
        shown = sorted({_at_or_before(rec["trace"], t) for t in iterations if t <= rec["iterations"]})
        for color, k in zip(plots.colors(len(shown), stop=0.9), shown):
            b, *w = rec["trace"]["theta"][k]
            plots.boundary_line(ax, x, b, w, color=color, label=f"t = {rec['trace']['iteration'][k]}")
        plots.point_axes(ax, x, f"{name}: decision boundary during training")
    return fig


def plot_modifications(records: dict):
    """||theta|| vs iteration for each 1(c) run (name -> record with trace), converged dashed."""
    fig, ax = plots.figure(8, 5.5)
    for name, rec in records.items():
        tr = rec["trace"]
        style = "--" if rec["converged"] else "-"
        verdict = "converged" if rec["converged"] else "diverges"
        ax.plot(tr["iteration"], tr["theta_norm"], style, label=f"{name}: {verdict}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("$\\|\\theta\\|_2$")
    ax.set_title("Data set B under the 1(c) modifications")
    ax.legend(fontsize=7, ncol=2)
    return fig


def plot_svm(x: np.ndarray, y: np.ndarray, svm: dict, logreg_theta=None):
    """Left: duality gap and distance to the final parameters per epoch; right: the data with
    the SVM boundary (and the logistic regression boundary at the cap, if given)."""
    fig, (left, right) = plots.figure(11, 4.5, ncols=2)
    thetas = np.asarray(svm["trace"]["theta"])
    epochs = np.arange(1, len(thetas) + 1)
    distance = np.linalg.norm(thetas - thetas[-1], axis=1)
    left.semilogy(epochs, np.maximum(svm["trace"]["gap"], 1e-16), label="duality gap")
    left.semilogy(epochs[:-1], np.maximum(distance[:-1], 1e-16), label="$\\|\\theta_k - \\theta_{final}\\|$")
    left.set_xlabel("epoch (sweep over the data)")
    left.set_ylabel("value")
    left.set_title("Soft-margin SVM: its parameters converge")
    left.legend()
    plots.class_scatter(right, x, y)
    plots.boundary_line(right, x, svm["b"], svm["w"], color="k", label="SVM boundary")
    for sign in (-1, 1):
        plots.boundary_line(right, x, svm["b"] - sign, svm["w"], color="k", ls=":", lw=0.8)
    if logreg_theta is not None:
        c, *v = logreg_theta
        plots.boundary_line(right, x, c, v, color="g", ls="--", label="logistic regression at the cap")
    plots.point_axes(right, x, f"SVM (C = {svm['C']:g}): boundary and margins")
    return fig


def plot_double_descent(c: dict, ylim, expected: bool = False):
    """Validation MSE against n, one line per multiplier (dashed: the expected MSE when asked)."""
    fig, ax = plots.figure(7.0, 5.0)
    colors = plots.colors(len(c["multipliers"]))
    for k, (name, color) in enumerate(zip(c["labels"], colors)):
        label = rf"$\lambda = {name}\,\lambda_{{opt}}$"
        ax.plot(c["n"], c["mse"][:, k], "o-", color=color, ms=3.5, label=label)
        if expected:
            ax.plot(c["n"], c["expected"][:, k], "--", color=color, lw=1)
    ax.set_ylim(*ylim)
    ax.set_xlabel("training set size n")
    ax.set_ylabel("validation MSE")
    ax.set_title(
        "Measured (solid) and expected (dashed) validation MSE"
        if expected
        else "Validation MSE of ridge (MAP) estimates"
    )
    ax.legend(fontsize=8, ncol=2, loc="upper right")
    ax.grid(alpha=0.3)
    return fig


def plot_best_lambda(c: dict):
    """The lambda minimising the measured (and the expected) validation MSE per n, against lambda_opt."""
    fine = c["fine_multipliers"] * c["lambda_opt"]
    fig, ax = plots.figure()
    ax.plot(c["n"], fine[np.argmin(c["fine_mse"], axis=1)], "o-", label="best on validation set")
    ax.plot(
        c["n"], fine[np.argmin(c["fine_expected"], axis=1)], "s--", ms=4, label="minimiser of expected MSE"
    )
    ax.axhline(c["lambda_opt"], color="k", lw=1, label=rf"$\lambda_{{opt}} = {c['lambda_opt']:g}$")
    ax.set_yscale("log")
    ax.set_ylim(max(fine.min(), c["lambda_opt"] / 10), min(fine.max(), c["lambda_opt"] * 10))
    ax.set_xlabel("training set size n")
    ax.set_ylabel(r"$\lambda$ of objective (6)")
    ax.set_title(r"Best $\lambda$ on a log grid vs $\lambda_{opt} = 1/(2\eta^2)$")
    ax.legend()
    ax.grid(alpha=0.3, which="both")
    return fig


def plot_regions(predict, x, y, title: str, resolution: int = 300):
    """Decision regions of a classifier (points (m, 2) -> labels) over the data x (n, 2), y (n,)."""
    fig, ax = plots.figure(5.5, 5.0)
    plots.decision_regions(ax, predict, x, y, padding=0.3, resolution=resolution)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2)  # below the axes, off the data
    ax.set_title(title)
    return fig


def plot_losses(losses, lr: float):
    """Training loss against gradient-descent step (log y axis)."""
    fig, ax = plots.figure()
    ax.plot(np.arange(len(losses)), losses, label=f"full-batch GD, learning rate {lr:g}")
    ax.set_yscale("log")
    ax.set_xlabel("gradient-descent step")
    ax.set_ylabel("mean squared loss")
    ax.set_title("Sigmoid network (5a): training loss on train.csv")
    ax.legend()
    ax.grid(alpha=0.3, which="both")
    return fig
