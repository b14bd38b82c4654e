"""Problem 4(d), all training sets: the validation-MSE table and the double-descent plots."""

import pandas as pd

from cs229ps2.pipeline.files import read_json, write_table
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.ridge import collect
from cs229ps2.report.figures import plot_best_lambda, plot_double_descent
from cs229ps2.report.plots import save

log = start_log(snakemake.log[0])
out, ylim = snakemake.output, snakemake.params.ylim
c = collect([read_json(path) for path in snakemake.input.fits])
log.info(
    "%d training sets, %d multipliers, lambda_opt=%g", len(c["n"]), len(c["multipliers"]), c["lambda_opt"]
)
table = pd.DataFrame(c["mse"], index=pd.Index(c["n"], name="n"), columns=c["labels"])
write_table(out.table, table.reset_index())
save(plot_double_descent(c, ylim), out.png, out.pdf)
save(plot_double_descent(c, ylim, expected=True), out.expected_png)
save(plot_best_lambda(c), out.best_png)
