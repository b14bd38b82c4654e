"""2(e): the course's logistic regression at one learning rate, scored on validation."""

import numpy as np

from cs229ps2.pipeline.files import write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.spam import logreg as spam_logreg
from cs229ps2.problems.spam import spam

log = start_log(snakemake.log[0])
params = snakemake.params
x_train, x_val = np.load(snakemake.input.train), np.load(snakemake.input.val)
y_train = np.load(snakemake.input.train_matrix)["labels"]
y_val = np.load(snakemake.input.val_matrix)["labels"]
fit = spam_logreg.train(x_train, y_train, params.learning_rate, params.max_iterations, log_every=100)
validation_accuracy = accuracy(y_val, spam_logreg.predict(fit["theta"], x_val))
log.info(
    "learning rate %g: %s after %d iterations, validation accuracy %.4f",
    params.learning_rate,
    fit["status"],
    fit["iterations"],
    validation_accuracy,
)
np.save(snakemake.output.theta, fit["theta"])  # .npy, not JSON: a diverged theta holds NaN or inf
write_json(
    snakemake.output.summary,
    {
        "learning_rate": params.learning_rate,
        "validation_accuracy": validation_accuracy,
        "status": fit["status"],
        "iterations": fit["iterations"],
        "final_loss": spam.finite_or_none(fit["final_loss"]),
    },
)
