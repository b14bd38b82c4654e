"""3(c): kernel -> test accuracy and a sentence on how it performs."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
models = [read_json(path) for path in snakemake.input]
summary = {
    "test_accuracy": {m["kernel"]: m["test_accuracy"] for m in models},
    "performance": {m["kernel"]: m["sentence"] for m in models},
}
for m in models:
    log.info("%s", m["sentence"])
write_json(snakemake.output[0], summary)
