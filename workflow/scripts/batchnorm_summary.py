"""Problem 6's summary: the largest relative error of each gradient check, and the answer."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.batchnorm import summary as batchnorm

log = start_log(snakemake.log[0])
summary = batchnorm.summarize(read_json(snakemake.input[0]))
log.info("all within tolerance: %s", summary["numbers"]["all_within_tolerance"])
write_json(snakemake.output[0], summary)
