"""A graded row's inputs, shared by every submission: what the child receives, and the judge's data."""

from cs229ps2.grading.grade import write_inputs
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
data = {name: paths if isinstance(paths, str) else list(paths) for name, paths in snakemake.input.items()}
write_inputs(snakemake.params.row, data, snakemake.params.settings, snakemake.output[0])
log.info("%s: inputs written", snakemake.params.row)
