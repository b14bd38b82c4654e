"""1(b): training curves of A and B and their decision boundaries during training."""

from cs229ps2.pipeline.files import read_json, read_points
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.report import plots
from cs229ps2.report.figures import plot_boundaries, plot_training_curves

log = start_log(snakemake.log[0])
names = snakemake.params.names
data = {name: read_points(path) for name, path in zip(names, snakemake.input.data)}
records = {name: read_json(path) for name, path in zip(names, snakemake.input.runs)}
plots.save(plot_training_curves(records), snakemake.output.curves)
plots.save(plot_boundaries(data, records, snakemake.params.boundary_iterations), snakemake.output.boundaries)
log.info("wrote %s and %s", snakemake.output.curves, snakemake.output.boundaries)
