"""The private test sets: held-out synthetic spam, perceptron and bayesianreg files from config seeds."""

from cs229ps2.pipeline.datastage import write_checked
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
for problem, settings in snakemake.params.sets.items():
    targets = snakemake.output[problem]
    for warning in write_checked(problem, targets, settings):
        log.warning("%s: %s", problem, warning)
    log.info("%s: %d files, seed %d", problem, len(targets), settings["seed"])
