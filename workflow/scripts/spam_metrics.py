"""The headline numbers of problem 2 in one JSON file."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
inputs = snakemake.input
svm, logreg = read_json(inputs.svm), read_json(inputs.logreg)
metrics = {
    "reader": snakemake.params.reader,
    "vocabulary_size": len(read_json(inputs.dictionary)),
    "naive_bayes_test_accuracy": read_json(inputs.naive_bayes)["test_accuracy"],
    "top_five_words": [entry["word"] for entry in read_json(inputs.top_words)],
    "svm_best_radius": svm["best_radius"],
    "svm_test_accuracy": svm["test_accuracy"],
    "logreg_features": logreg["features"],
    "logreg_best_learning_rate": logreg["best_learning_rate"],
    "logreg_test_accuracy": logreg["test_accuracy"],
}
log.info("%s", metrics)
write_json(snakemake.output[0], metrics)
