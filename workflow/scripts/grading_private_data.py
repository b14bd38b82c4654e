"""The private test sets: held-out synthetic spam, perceptron and bayesianreg files, from the seeds
of config.yaml (the practice sets) or of the course's secrets file (never logged)."""

from cs229ps2.grading.grade import private_settings
from cs229ps2.pipeline.datastage import write_checked
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
secrets = snakemake.input.secrets[0] if snakemake.input.secrets else None
for problem, settings in private_settings(snakemake.params.sets, secrets).items():
    targets = snakemake.output[problem]
    for warning in write_checked(problem, targets, settings):
        log.warning("%s: %s", problem, warning)
    log.info("%s: %d files (%s seeds)", problem, len(targets), "secret" if secrets else "practice")
