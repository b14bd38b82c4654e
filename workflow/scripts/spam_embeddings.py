"""2(e): all-MiniLM-L6-v2 sentence embeddings of every message, offline, deterministic."""

import time

import numpy as np

from cs229ps2.pipeline.files import read_spam
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems import spam_embeddings

log = start_log(snakemake.log[0])
params = snakemake.params
start = time.perf_counter()
model = spam_embeddings.load_model(params.threads, params.seed)
log.info(
    "model loaded from %s in %.1f s (%d threads)",
    spam_embeddings.model_dir(),
    time.perf_counter() - start,
    params.threads,
)
for split in ("train", "val", "test"):
    messages, _ = read_spam(snakemake.input[split], params.reader)
    log.info("%s: embedding %d messages", split, len(messages))
    np.save(snakemake.output[split], spam_embeddings.embed(model, messages, params.batch_size))
log.info("done in %.1f s", time.perf_counter() - start)
