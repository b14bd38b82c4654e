"""2(e): check the bundled all-MiniLM-L6-v2 weights, export the model to ONNX (the one torch job)."""

import time
from pathlib import Path

from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.spam import embeddings_export as spam_embeddings_export

log = start_log(snakemake.log[0])
start = time.perf_counter()
settings = spam_embeddings_export.export(Path(snakemake.output.onnx).parent)
log.info("weights sha256 %s as recorded; settings %s", settings["weights_sha256"], settings)
log.info("exported to %s in %.1f s", snakemake.output.onnx, time.perf_counter() - start)
