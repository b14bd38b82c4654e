"""The reference's outputs for one graded part: the answer key run through the sandbox and drivers."""

from cs229ps2.grading.grade import expected_outputs
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
p = snakemake.params
expected_outputs(p.row, p.request, p.limits, snakemake.output.values, snakemake.output.arrays)
log.info("%s: reference outputs written", p.row)
