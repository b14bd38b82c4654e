"""One submission's file graded: each of its rows run in a confined child and judged against the reference."""

from cs229ps2.grading.grade import grade_row, read_expected
from cs229ps2.pipeline.files import write_json
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
p = snakemake.params
inp = snakemake.input
for row, inputs, expected_path, output in zip(p.rows, inp.inputs, inp.expected, snakemake.output):
    expected = read_expected(row, expected_path, inputs)
    limits, tolerances = p.limits, p.tolerances
    record = grade_row(
        row, p.submission, inputs, expected, p.course, limits, tolerances, p.isolation, p.private_set
    )
    log.info(
        "%s: %s (%s) %s [%s]", row, record["status"], record["got"], record["message"], record["isolation"]
    )
    if record["traceback"]:
        log.info("traceback:\n%s", record["traceback"])
    if record["output"]:
        log.info("printed:\n%s", record["output"])
    write_json(output, record)
