"""Problem 1's summary: per data set verdicts, certificates and SVMs, the 1(c) rows, the answers."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.stability import summary as stability

log = start_log(snakemake.log[0])
inp, names = snakemake.input, snakemake.params.names


def by_dataset(paths):
    return {name: read_json(path) for name, path in zip(names, paths)}


summary = stability.summarize(
    by_dataset(inp.runs),
    by_dataset(inp.certificates),
    by_dataset(inp.svms),
    [read_json(path)["row"] for path in inp.modifications],
)
log.info("summary of %s and %d modifications", ", ".join(names), len(summary["numbers"]["modifications"]))
write_json(snakemake.output[0], summary)
