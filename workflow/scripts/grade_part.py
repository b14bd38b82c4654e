"""One graded part of a submission: run confined in a child process, judged against the reference."""

from cs229ps2.grading.grade import grade_row, read_expected
from cs229ps2.pipeline.files import write_json
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
p = snakemake.params
inp = snakemake.input
expected = read_expected(p.row, inp.expected, inp.inputs)
record = grade_row(
    p.row, p.submission, inp.inputs, expected, p.course, p.limits, p.tolerances, p.isolation, p.private_set
)
log.info(
    "%s: %s (%s) %s [%s]", p.row, record["status"], record["got"], record["message"], record["isolation"]
)
if record["traceback"]:
    log.info("traceback:\n%s", record["traceback"])
if record["output"]:
    log.info("printed:\n%s", record["output"])
write_json(snakemake.output[0], record)
