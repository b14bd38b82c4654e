"""1(d): a soft-margin linear SVM on one data set; its parameters converge."""

from cs229ps2.pipeline.files import read_json, read_points, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.stability.svm import fit_svm
from cs229ps2.report import plots
from cs229ps2.report.figures import plot_svm

log = start_log(snakemake.log[0])
p = snakemake.params
x, y = read_points(snakemake.input.data)
svm = fit_svm(x, y, c=p.C, max_epochs=p.max_epochs, tol=p.tol)
out = {
    "C": p.C,
    "w": svm["w"].tolist(),
    "b": svm["b"],
    "epochs": svm["epochs"],
    "converged": svm["converged"],
    "trace": svm["trace"],
}
log.info(
    "SVM: converged=%s after %d epochs, w=%s, b=%g, final gap %g",
    out["converged"],
    out["epochs"],
    out["w"],
    out["b"],
    out["trace"]["gap"][-1],
)
write_json(snakemake.output.result, out)
logreg_theta = read_json(snakemake.input.run)["theta"]
plots.save(plot_svm(x, y, out, logreg_theta), snakemake.output.plot)
