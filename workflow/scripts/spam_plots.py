"""Plots of problem 2: validation accuracy vs radius and vs learning rate, test confusion matrices."""

import numpy as np

from cs229ps2.pipeline.files import read_json, read_labels
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.spam import spam
from cs229ps2.report import plots

log = start_log(snakemake.log[0])
sweeps = {
    "radius": ([read_json(p) for p in snakemake.input.radii], "radius", "RBF kernel radius", "SVM (2d)"),
    "rate": (
        [read_json(p) for p in snakemake.input.rates],
        "learning_rate",
        "learning rate",
        "Logistic regression on deep features (2e)",
    ),
}
for key, (results, field, label, title) in sweeps.items():
    fig, ax = plots.figure()
    plots.selection_curve(
        ax, [r[field] for r in results], [r["validation_accuracy"] for r in results], label, title
    )
    plots.save(fig, snakemake.output[key])
labels = np.load(snakemake.input.test)["labels"]
for key, name in snakemake.params.classifiers.items():
    predictions = read_labels(snakemake.input[key])
    fig, ax = plots.figure(4.5, 4.0)
    plots.confusion_matrix(
        ax,
        spam.confusion(labels, predictions),
        ("ham", "spam"),
        f"{name}: test accuracy {accuracy(labels, predictions):.4f}",
    )
    plots.save(fig, snakemake.output[key])
log.info("plots written")
