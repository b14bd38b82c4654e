"""Problem 1 summary: per data set verdicts and theta, the 1(c) table, the SVM parameters."""

from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
names = snakemake.params.names
keys = ("stopped", "converged", "iterations", "theta", "theta_norm", "decay_exponent")
summary = {"datasets": {}, "modifications": []}
for name, run, cert, svm in zip(
    names, snakemake.input.runs, snakemake.input.certificates, snakemake.input.svms
):
    record, certificate, machine = read_json(run), read_json(cert), read_json(svm)
    summary["datasets"][name] = {key: record[key] for key in keys}
    summary["datasets"][name]["separability"] = certificate
    summary["datasets"][name]["svm"] = {k: machine[k] for k in ("C", "w", "b", "epochs", "converged")}
    summary["datasets"][name]["svm"]["final_gap"] = machine["trace"]["gap"][-1]
summary["modifications"] = [read_json(path)["row"] for path in snakemake.input.modifications]
log.info("summary of %s and %d modifications", ", ".join(names), len(summary["modifications"]))
write_json(snakemake.output[0], summary)
