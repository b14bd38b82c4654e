"""The reference's outputs for one graded row: the answer key run through the child, unconfined."""

from cs229ps2.grading.grade import expected_outputs
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
p = snakemake.params
expected_outputs(p.row, snakemake.input[0], p.course, p.limits, snakemake.output[0])
log.info("%s: reference outputs written", p.row)
