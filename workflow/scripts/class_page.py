"""results/submissions/report.html: the class page (scores, parts, failures by cause, times, flags)."""

from pathlib import Path

from cs229ps2.grading.classpage import max_points, render, score_histogram, totals
from cs229ps2.grading.gradebook import by_student
from cs229ps2.pipeline.files import read_json, read_rows
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.report.page import data_uri

log = start_log(snakemake.log[0])
inp, out = snakemake.input, snakemake.output
students = by_student([read_json(path) for path in inp.parts], snakemake.params.students)
score_histogram(list(totals(students).values()), max_points(students), out.histogram)
flags = read_rows(inp.similarity)
histogram = data_uri(Path(out.histogram).read_bytes())
page = render(students, snakemake.params.rows, flags, histogram, Path(inp.template))
Path(out.html).write_text(page, encoding="utf-8", newline="\n")
log.info("%d students, %d similarity flags, %d bytes", len(students), len(flags), len(page.encode("utf-8")))
