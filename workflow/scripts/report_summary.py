"""results/summary.json: the problems' summaries (numbers and answers) and the provenance, merged."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.report.page import merge

log = start_log(snakemake.log[0])
inp = snakemake.input
summaries = {name: read_json(inp[name]) for name in snakemake.params.problems}
write_json(snakemake.output[0], merge(read_json(inp.provenance), summaries))
log.info("summary of %s", ", ".join(summaries))
