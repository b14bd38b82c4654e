"""2(e): pick the learning rate with the best validation accuracy, predict the test set with its theta."""

import numpy as np

from cs229ps2.pipeline.files import read_json, write_json, write_labels, write_rows
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.spam import logreg as spam_logreg
from cs229ps2.problems.spam import spam

log = start_log(snakemake.log[0])
params = snakemake.params
columns = ["learning_rate", "validation_accuracy", "status"]
results = [read_json(path) for path in snakemake.input.rates]
best, selection = spam.selection_table(results, columns)
write_rows(snakemake.output.selection, selection, [*selection[0]])
rate, status = results[best]["learning_rate"], results[best]["status"]
theta = np.load(snakemake.input.thetas[best])  # thetas and rates follow the same order of rates
y_test = np.load(snakemake.input.test_matrix)["labels"]
predictions = spam_logreg.predict(theta, np.load(snakemake.input.test))
test_accuracy = accuracy(y_test, predictions)
log.info(
    "%s features, learning rate %g (%s): test accuracy %.4f", params.features, rate, status, test_accuracy
)
write_labels(snakemake.output.predictions, predictions)
write_json(
    snakemake.output.summary,
    {
        "features": params.features,
        "best_learning_rate": rate,
        "test_accuracy": test_accuracy,
        "status": status,
        "confusion": spam.confusion(y_test, predictions).tolist(),
        "validation": [{k: r[k] for k in columns} for r in results],
    },
)
