"""1(c): the table of the modifications and one plot of ||theta|| for all of them."""

from cs229ps2.pipeline.files import read_json, write_rows
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.stability.summary import reason
from cs229ps2.report import plots
from cs229ps2.report.figures import plot_modifications

log = start_log(snakemake.log[0])
records = {rec["row"]["modification"]: rec for rec in map(read_json, snakemake.input)}
columns = ["modification", "kind", "value", "stopped", "iterations", "converged", "theta_norm", "reason"]
rows = [
    {**rec["row"], "iterations": rec["iterations"], "reason": reason(rec["row"])} for rec in records.values()
]
write_rows(snakemake.output.table, rows, columns, float_format="%.6g")
plots.save(plot_modifications(records), snakemake.output.plot)
log.info("%d modifications, %d converged", len(rows), sum(row["converged"] for row in rows))
