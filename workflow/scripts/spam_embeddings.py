"""2(e): the sentence embeddings of each split, gathered from the shards (one row per message)."""

import numpy as np

from cs229ps2.pipeline.files import read_spam
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.spam import embeddings as spam_embeddings

log = start_log(snakemake.log[0])
splits = {
    split: read_spam(snakemake.input[split], snakemake.params.reader)[0] for split in ("train", "val", "test")
}
texts = spam_embeddings.distinct(m for messages in splits.values() for m in messages)
parts = [(part["rows"], part["vectors"]) for part in map(np.load, snakemake.input.shards)]
table = spam_embeddings.gather(len(texts), parts)
for split, messages in splits.items():
    log.info("%s: %d messages", split, len(messages))
    np.save(snakemake.output[split], spam_embeddings.lookup(messages, texts, table))
