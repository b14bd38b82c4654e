"""Problem 5's summary: the gradient check, the three networks' accuracies, and the answers."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.simple_nn import summary as simple_nn

log = start_log(snakemake.log[0])
inp = snakemake.input
summary = simple_nn.summarize(read_json(inp.sigmoid), read_json(inp.step), read_json(inp.linear))
log.info("%s", {k: v for k, v in summary["numbers"].items() if not k.startswith("step_w")})
write_json(snakemake.output[0], summary)
