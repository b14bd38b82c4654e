"""The class's grade sheet (every student's parts and a total per student) and its gradebook (one
line per student, a column per part, exact totals)."""

from cs229ps2.grading.gradebook import by_student, columns, gradebook
from cs229ps2.grading.sheet import CLASS_COLUMNS, class_rows, total_line
from cs229ps2.pipeline.files import read_json, write_rows
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
records = [read_json(path) for path in snakemake.input]
students = by_student(records, snakemake.params.students)
write_rows(snakemake.output.csv, class_rows(students), CLASS_COLUMNS)
write_rows(snakemake.output.gradebook, gradebook(students), columns(snakemake.params.rows))
for student, rows in students.items():
    log.info(total_line(rows, student))
