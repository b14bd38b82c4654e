"""2(e): the course's BERT feature matrices, checked against the messages, as .npy."""

import numpy as np

from cs229ps2.pipeline.files import DataError, read_matrix
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
for split in ("train", "val", "test"):
    features = read_matrix(snakemake.input[split])
    messages = len(np.load(snakemake.input[f"{split}_matrix"])["labels"])
    if len(features) != messages:
        raise DataError(
            snakemake.input[split], None, f"has {len(features)} rows, but {split} has {messages} messages"
        )
    log.info("%s: BERT features %s", split, features.shape)
    np.save(snakemake.output[split], features)
