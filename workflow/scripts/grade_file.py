"""One submission's file graded: its rows run in one confined child and judged against the reference."""

from cs229ps2.grading.grade import grade_file, read_expected
from cs229ps2.pipeline.files import write_json
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
p = snakemake.params
inp = snakemake.input
expected = [read_expected(row, path, inputs) for row, path, inputs in zip(p.rows, inp.expected, inp.inputs)]
records = grade_file(
    p.rows, p.submission, inp.inputs, expected, p.course, p.limits, p.tolerances, p.isolation, p.private_set
)
for record, output in zip(records, snakemake.output):
    log.info(
        "%s: %s (%s) %s [%s]",
        record["part"],
        record["status"],
        record["got"],
        record["message"],
        record["isolation"],
    )
    if record["traceback"]:
        log.info("traceback:\n%s", record["traceback"])
    if record["output"]:
        log.info("printed:\n%s", record["output"])
    write_json(output, record)
