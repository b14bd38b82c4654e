"""Gather the data stage's records, the code version, software and config in one file."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.provenance import summarize
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
records = {name: read_json(path) for name, path in snakemake.input.items()}
document = summarize(records, dict(snakemake.params.git), dict(snakemake.params.config))
write_json(snakemake.output[0], document)
log.info("data sources: %s", {name: r["source"] for name, r in records.items()})
