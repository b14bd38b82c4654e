"""Data stage: copy and verify the course files of one problem, or write its stand-in."""

from cs229ps2.pipeline import datastage
from cs229ps2.pipeline.files import write_json
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
params = snakemake.params
targets = list(snakemake.output.files)
if params.source == "course":
    record = datastage.copy_course(params.problem, list(snakemake.input), targets)
else:
    log.info("synthetic %s data (%s)", params.problem, ", ".join(params.missing))
    record = datastage.synthesize(
        params.problem, targets, dict(params.synthetic), list(params.missing), params.course_data_set
    )
log.info("%s: %s data, %d files", params.problem, record["source"], len(targets))
write_json(snakemake.output.provenance, record)
