"""Problem 5(b): the step network with the triangle weights, its accuracy and decision regions."""

from cs229ps2.pipeline.files import read_points, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.simple_nn.data import COLUMNS
from cs229ps2.problems.simple_nn.simple_nn import predict_step, step_weights
from cs229ps2.report.figures import plot_regions
from cs229ps2.report.plots import save

log = start_log(snakemake.log[0])
p = snakemake.params
x, y = read_points(snakemake.input[0], columns=COLUMNS)

w1, w2 = step_weights()
acc = accuracy(predict_step(w1, w2, x, p.tolerance), y)
log.info("step network accuracy on %d points: %.4f", len(y), acc)


def predict(points):
    return predict_step(w1, w2, points, p.tolerance)


fig = plot_regions(predict, x, y, f"Step activations (5b): accuracy {acc:.1%}", p.resolution)
save(fig, snakemake.output.pdf, snakemake.output.png)
write_json(
    snakemake.output.result,
    {"accuracy": acc, "w1": w1.tolist(), "w2": w2.tolist(), "tolerance": p.tolerance, "n": len(y)},
)
