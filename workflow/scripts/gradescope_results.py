"""A submission's results.json in Gradescope's autograder format, from its graded parts."""

from cs229ps2.grading.gradescope import results
from cs229ps2.grading.sheet import total_line
from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
records = [read_json(path) for path in snakemake.input]
write_json(snakemake.output[0], results(records, snakemake.params.who))
log.info(total_line(records, snakemake.params.who))
