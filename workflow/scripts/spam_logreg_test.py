"""2(e): pick the learning rate with the best validation accuracy, refit, predict the test set."""

import numpy as np
import pandas as pd

from cs229ps2 import logreg, spam
from cs229ps2.functions import accuracy
from cs229ps2.io import read_json, write_json, write_labels, write_table
from cs229ps2.runlog import start_log

log = start_log(snakemake.log[0])
params = snakemake.params
results = [read_json(path) for path in snakemake.input.rates]
best = spam.best_index([r["validation_accuracy"] for r in results])
rate = results[best]["learning_rate"]
selection = pd.DataFrame(results)[["learning_rate", "validation_accuracy", "status"]]
selection["selected"] = [int(k == best) for k in range(len(results))]
write_table(snakemake.output.selection, selection)
y_train = np.load(snakemake.input.train_matrix)["labels"]
y_test = np.load(snakemake.input.test_matrix)["labels"]
fit = logreg.train(np.load(snakemake.input.train), y_train, rate, params.max_iterations, log_every=100)
predictions = logreg.predict(fit["theta"], np.load(snakemake.input.test))
accuracy = accuracy(y_test, predictions)
log.info(
    "%s features, learning rate %g (%s): test accuracy %.4f", params.features, rate, fit["status"], accuracy
)
write_labels(snakemake.output.predictions, predictions)
write_json(
    snakemake.output.summary,
    {
        "features": params.features,
        "best_learning_rate": rate,
        "test_accuracy": accuracy,
        "status": fit["status"],
        "confusion": spam.confusion(y_test, predictions).tolist(),
    },
)
