"""2(d): the course's RBF SVM at one radius, trained on train, scored on validation."""

import numpy as np

from cs229ps2.pipeline.files import write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.spam import svm as spam_svm

log = start_log(snakemake.log[0])
p = snakemake.params
train, val = np.load(snakemake.input.train), np.load(snakemake.input.val)
m = len(train["labels"])
spam_svm.check_memory(train["counts"], val["counts"], p.memory_limit_gb)
rng = spam_svm.course_stream(p.seed, p.models_before, m, p.outer_loops)
log.info(
    "radius %g: stream seed %d after %d earlier models (%d draws)",
    p.radius,
    p.seed,
    p.models_before,
    p.models_before * spam_svm.draws_per_model(m, p.outer_loops),
)
predictions, _ = spam_svm.train_and_predict(
    train["counts"], train["labels"], val["counts"], p.radius, rng, p.outer_loops, log_every=m
)
validation_accuracy = accuracy(val["labels"], predictions)
log.info("radius %g: validation accuracy %.4f", p.radius, validation_accuracy)
write_json(
    snakemake.output[0],
    {
        "radius": p.radius,
        "validation_accuracy": validation_accuracy,
        "models_before": p.models_before,
        "seed": p.seed,
        "outer_loops": p.outer_loops,
    },
)
