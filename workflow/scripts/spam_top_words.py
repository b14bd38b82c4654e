"""2(c): the tokens with the largest log p(token | spam) / p(token | ham)."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.spam import spam

log = start_log(snakemake.log[0])
model = read_json(snakemake.input.model)
top = spam.top_words(model, read_json(snakemake.input.dictionary), snakemake.params.k)
for word, score in top:
    log.info("%-12s %.4f", word, score)
write_json(snakemake.output[0], [{"word": word, "log_ratio": score} for word, score in top])
