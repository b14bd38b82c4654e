"""Problem 4(d), all training sets: the validation-MSE table and the double-descent plots."""

from cs229ps2.pipeline.files import read_json, write_rows
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.doubledescent.doubledescent import collect
from cs229ps2.report.figures import plot_best_lambda, plot_double_descent
from cs229ps2.report.plots import save

log = start_log(snakemake.log[0])
out, ylim = snakemake.output, snakemake.params.ylim
c = collect([read_json(path) for path in snakemake.input.fits])
log.info(
    "%d training sets, %d multipliers, lambda_opt=%g", len(c["n"]), len(c["multipliers"]), c["lambda_opt"]
)
table = [{"n": n, **dict(zip(c["labels"], row))} for n, row in zip(c["n"], c["mse"].tolist())]
write_rows(out.table, table, ["n", *c["labels"]])
save(plot_double_descent(c, ylim), out.png, out.pdf)
save(plot_double_descent(c, ylim, expected=True), out.expected_png)
save(plot_best_lambda(c), out.best_png)
