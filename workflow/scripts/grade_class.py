"""The class's grade sheet: every student's parts and a total per student."""

from cs229ps2.grading.sheet import CLASS_COLUMNS, class_rows, total_line
from cs229ps2.pipeline.files import read_json, write_rows
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
records = [read_json(path) for path in snakemake.input]
n = snakemake.params.rows
students = {name: records[k * n : (k + 1) * n] for k, name in enumerate(snakemake.params.students)}
write_rows(snakemake.output[0], class_rows(students), CLASS_COLUMNS)
for student, rows in students.items():
    log.info(total_line(rows, student))
