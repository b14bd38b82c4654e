"""Problem 4(d)'s summary: validation MSE per (n, lambda), monotonicity, best lambda, the answers."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.doubledescent import summary as doubledescent

log = start_log(snakemake.log[0])
summary = doubledescent.summarize([read_json(path) for path in snakemake.input.fits])
log.info("monotone in n: %s", summary["numbers"]["monotone_decreasing_in_n"])
write_json(snakemake.output[0], summary)
