"""results/check.csv: every headline number of the run against the reference answers that apply."""

from cs229ps2.pipeline import reference
from cs229ps2.pipeline.files import read_json, read_yaml, write_rows
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
inp = snakemake.input
configs = {path: read_yaml(path) for path in inp.configs}
rows = reference.check(
    reference.read_reference(inp.reference), configs, snakemake.params.config, read_json(inp.summary)
)
log.info("%s", rows[0]["note"])
for row in reference.failures(rows):
    log.warning(
        "differs from the reference: %s: expected %s, got %s", row["answer"], row["expected"], row["got"]
    )
log.info("%d answers checked, %d differ", len(rows) - 1, len(reference.failures(rows)))
write_rows(snakemake.output[0], rows, reference.COLUMNS)
