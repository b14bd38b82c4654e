"""2(b): fit multinomial naive Bayes on the training counts, predict the test set."""

import numpy as np

from cs229ps2.pipeline.files import write_json, write_labels
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.spam import spam

log = start_log(snakemake.log[0])
train, test = np.load(snakemake.input.train), np.load(snakemake.input.test)
model = spam.fit_naive_bayes_model(train["counts"], train["labels"])
predictions = spam.predict_from_naive_bayes_model(model, test["counts"])
test_accuracy = accuracy(test["labels"], predictions)
log.info("naive Bayes test accuracy %.4f on %d messages", test_accuracy, len(predictions))
write_json(snakemake.output.model, {key: value.tolist() for key, value in model.items()})
write_labels(snakemake.output.predictions, predictions)
write_json(
    snakemake.output.summary,
    {
        "test_accuracy": test_accuracy,
        "confusion": spam.confusion(test["labels"], predictions).tolist(),
        "vocabulary_size": int(train["counts"].shape[1]),
        "reader": str(train["reader"]),
        "min_messages": int(train["min_messages"]),
    },
)
