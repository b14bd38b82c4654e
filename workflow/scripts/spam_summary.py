"""Problem 2's summary (numbers and answers) and its headline numbers in results/spam/metrics.json."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.spam import summary as spam

log = start_log(snakemake.log[0])
inp = snakemake.input
summary = spam.summarize(
    read_json(inp.naive_bayes),
    read_json(inp.top_words),
    read_json(inp.svm),
    read_json(inp.logreg),
)
metrics = spam.metrics(summary["numbers"])
log.info("%s", metrics)
write_json(snakemake.output.summary, summary)
write_json(snakemake.output.metrics, metrics)
