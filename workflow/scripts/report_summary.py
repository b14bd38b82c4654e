"""results/summary.json: every headline number of problems 1-6 (and the provenance) in one file."""

import csv

from cs229ps2.pipeline.files import read_json, read_labels, read_text, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.report import text

log = start_log(snakemake.log[0])
inp, params = snakemake.input, snakemake.params


def rows(path):
    return list(csv.DictReader(read_text(path).splitlines()))


spam = text.spam_summary(
    read_json(inp.spam),
    {name: read_json(path) for name, path in zip(("naive_bayes", "svm", "logreg"), inp.spam_models)},
    read_json(inp.top_words),
    rows(inp.svm_selection),
    rows(inp.logreg_selection),
)
perceptron = text.perceptron_summary(
    [read_json(path) for path in inp.perceptron_models],
    {kernel: read_labels(path).tolist() for kernel, path in zip(params.kernels, inp.perceptron_predictions)},
)
simple_nn = text.simple_nn_summary(
    read_json(inp.simple_nn), read_json(inp.sigmoid), read_json(inp.step), read_json(inp.linear)
)
summary = text.gather_summary(
    provenance=read_json(inp.provenance),
    stability=read_json(inp.stability),
    stability_runs={name: read_json(path) for name, path in zip(params.datasets, inp.stability_runs)},
    spam=spam,
    perceptron=perceptron,
    doubledescent=read_json(inp.doubledescent),
    simple_nn=simple_nn,
    batchnorm=read_json(inp.batchnorm),
)
log.info("summary of %s", ", ".join(k for k in summary if k not in ("provenance", "config")))
write_json(snakemake.output[0], summary)
