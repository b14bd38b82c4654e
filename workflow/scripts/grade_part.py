"""One graded part of a submission: run in the sandbox, compared with the reference's outputs."""

from cs229ps2.grading.grade import grade_row
from cs229ps2.grading.sandbox import load_outputs
from cs229ps2.pipeline.files import write_json
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
p = snakemake.params
expected = load_outputs(snakemake.input.expected_values, snakemake.input.expected_arrays)
record = grade_row(p.row, p.submission, p.request, p.limits, expected, p.tolerances)
log.info("%s: %s (%s) %s", p.row, record["status"], record["got"], record["message"])
if record["traceback"]:
    log.info("traceback:\n%s", record["traceback"])
write_json(snakemake.output[0], record)
