"""Problem 5: one summary of (a), (b) and (c)."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
sigmoid, step, linear = (read_json(snakemake.input[k]) for k in ("sigmoid", "step", "linear"))
summary = {
    "sigmoid_w12_gradient_relative_error": sigmoid["gradient_check"]["w12_relative_error"],
    "sigmoid_final_loss": sigmoid["final_loss"],
    "sigmoid_train_accuracy": sigmoid["train_accuracy"],
    "step_accuracy": step["accuracy"],
    "linear_possible": linear["certificate"]["separable"],
    "linear_certificate_margin": linear["certificate"]["margin"],
    "best_linear_accuracy": linear["network_accuracy"],
    "best_linear_method": linear["best"],
    "linear_accuracy_by_method": {k: v["accuracy"] for k, v in linear["attempts"].items()},
    "linear_pair_search_bound": linear["search_bound"],
}
log.info("%s", summary)
write_json(snakemake.output[0], summary)
