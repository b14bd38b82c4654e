"""A submission's grade sheet (grades.csv) and report page from its graded parts."""

from pathlib import Path

from cs229ps2.grading.sheet import COLUMNS, render, sheet_rows, total_line
from cs229ps2.pipeline.files import read_json, write_rows
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
records = [read_json(path) for path in snakemake.input.parts]
write_rows(snakemake.output.csv, sheet_rows(records), COLUMNS)
page = render(records, Path(snakemake.input.template), snakemake.params.who)
Path(snakemake.output.html).write_text(page, encoding="utf-8", newline="\n")
log.info(total_line(records, snakemake.params.who))
