"""2(d): the course's RBF SVM at one radius, trained on train, scored on validation."""

import numpy as np

from cs229ps2.pipeline.files import write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems import spam_svm
from cs229ps2.problems.maths import accuracy

log = start_log(snakemake.log[0])
params = snakemake.params
settings = params.svm
train, val = np.load(snakemake.input.train), np.load(snakemake.input.val)
m = len(train["labels"])
rng = spam_svm.course_stream(settings["seed"], params.models_before, m, settings["outer_loops"])
log.info(
    "radius %g: stream seed %d after %d earlier models (%d draws)",
    params.radius,
    settings["seed"],
    params.models_before,
    params.models_before * spam_svm.draws_per_model(m, settings["outer_loops"]),
)
predictions, _ = spam_svm.train_and_predict(
    train["counts"],
    train["labels"],
    val["counts"],
    params.radius,
    rng,
    settings["outer_loops"],
    log_every=m,
)
accuracy = accuracy(val["labels"], predictions)
log.info("radius %g: validation accuracy %.4f", params.radius, accuracy)
write_json(
    snakemake.output[0],
    {
        "radius": params.radius,
        "validation_accuracy": accuracy,
        "models_before": params.models_before,
        **settings,
    },
)
