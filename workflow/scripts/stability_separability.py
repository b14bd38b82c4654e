"""1(b): LP certificate of (non-)separability of one data set."""

from cs229ps2.pipeline.files import read_points, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.separability import max_margin_line

log = start_log(snakemake.log[0])
x, y = read_points(snakemake.input[0])
certificate = max_margin_line(x, y)
log.info("%s: separable=%s, margin=%g", snakemake.input[0], certificate["separable"], certificate["margin"])
write_json(snakemake.output[0], certificate)
