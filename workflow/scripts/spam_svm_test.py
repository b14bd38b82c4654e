"""2(d): pick the radius with the best validation accuracy, refit it, predict the test set."""

import numpy as np

from cs229ps2.pipeline.files import read_json, write_json, write_labels, write_rows
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.spam import spam
from cs229ps2.problems.spam import svm as spam_svm

log = start_log(snakemake.log[0])
p = snakemake.params
results = [read_json(path) for path in snakemake.input.radii]
best, selection = spam.selection_table(results, ["radius", "validation_accuracy"])
write_rows(snakemake.output.selection, selection, [*selection[0]])
radius = results[best]["radius"]
train, test = np.load(snakemake.input.train), np.load(snakemake.input.test)
m = len(train["labels"])
spam_svm.check_memory(train["counts"], test["counts"], p.memory_limit_gb)
rng = spam_svm.course_stream(p.seed, p.models_before, m, p.outer_loops)
log.info("best radius %g; test model after %d earlier models on the stream", radius, p.models_before)
predictions, _ = spam_svm.train_and_predict(
    train["counts"], train["labels"], test["counts"], radius, rng, p.outer_loops, log_every=m
)
test_accuracy = accuracy(test["labels"], predictions)
log.info("SVM radius %g: test accuracy %.4f", radius, test_accuracy)
write_labels(snakemake.output.predictions, predictions)
write_json(
    snakemake.output.summary,
    {
        "best_radius": radius,
        "test_accuracy": test_accuracy,
        "models_before": p.models_before,
        "seed": p.seed,
        "outer_loops": p.outer_loops,
        "confusion": spam.confusion(test["labels"], predictions).tolist(),
        "validation": [{k: r[k] for k in ("radius", "validation_accuracy")} for r in results],
    },
)
