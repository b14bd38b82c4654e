"""2(d): pick the radius with the best validation accuracy, refit it, predict the test set."""

import numpy as np

from cs229ps2.pipeline.files import read_json, write_json, write_labels, write_table
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems import spam, spam_svm
from cs229ps2.problems.maths import accuracy

log = start_log(snakemake.log[0])
params = snakemake.params
settings = params.svm
results = [read_json(path) for path in snakemake.input.radii]
best, selection = spam.selection_table(results, ["radius", "validation_accuracy"])
write_table(snakemake.output.selection, selection)
radius = results[best]["radius"]
train, test = np.load(snakemake.input.train), np.load(snakemake.input.test)
m = len(train["labels"])
rng = spam_svm.course_stream(settings["seed"], params.models_before, m, settings["outer_loops"])
log.info("best radius %g; test model after %d earlier models on the stream", radius, params.models_before)
predictions, _ = spam_svm.train_and_predict(
    train["counts"], train["labels"], test["counts"], radius, rng, settings["outer_loops"], log_every=m
)
accuracy = accuracy(test["labels"], predictions)
log.info("SVM radius %g: test accuracy %.4f", radius, accuracy)
write_labels(snakemake.output.predictions, predictions)
write_json(
    snakemake.output.summary,
    {
        "best_radius": radius,
        "test_accuracy": accuracy,
        "models_before": params.models_before,
        **settings,
        "confusion": spam.confusion(test["labels"], predictions).tolist(),
    },
)
