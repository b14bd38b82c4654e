"""Problem 3's summary: per kernel test accuracy, share predicted class 1, and the answers."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.perceptron import summary as perceptron

log = start_log(snakemake.log[0])
summary = perceptron.summarize([read_json(path) for path in snakemake.input])
for kernel, numbers in summary["numbers"]["kernels"].items():
    log.info("%s: %s", kernel, numbers["sentence"])
write_json(snakemake.output[0], summary)
