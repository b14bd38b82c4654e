"""2(e): one shard of the all-MiniLM-L6-v2 sentence embeddings (ONNX Runtime, deterministic)."""

import time
from pathlib import Path

import numpy as np

from cs229ps2.pipeline.files import read_spam
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.spam import embeddings as spam_embeddings

log = start_log(snakemake.log[0])
params = snakemake.params
start = time.perf_counter()
encoder = spam_embeddings.load_encoder(Path(snakemake.input.onnx).parent, params.threads)
log.info("model loaded in %.1f s (%d threads)", time.perf_counter() - start, params.threads)
messages = [
    m for split in ("train", "val", "test") for m in read_spam(snakemake.input[split], params.reader)[0]
]
texts = spam_embeddings.distinct(messages)
log.info(
    "shard %d of %d: embedding its batches of %d distinct messages", params.shard, params.shards, len(texts)
)
rows, vectors = spam_embeddings.embed_shard(encoder, texts, params.batch_size, params.shards, params.shard)
np.savez(snakemake.output[0], rows=rows, vectors=vectors)
log.info("%d messages embedded in %.1f s", len(rows), time.perf_counter() - start)
