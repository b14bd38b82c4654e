"""Problem 5(c): linear hidden units make a linear classifier; LP certificate and best line found."""

from cs229ps2.pipeline.files import read_points, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.simple_nn.data import COLUMNS
from cs229ps2.problems.simple_nn.simple_nn import line_weights, linear_attempts, predict_linear
from cs229ps2.report.figures import plot_regions
from cs229ps2.report.plots import save

log = start_log(snakemake.log[0])
p = snakemake.params
x, y = read_points(snakemake.input[0], columns=COLUMNS)

result = linear_attempts(x, y, p.tolerance)
cert = result["certificate"]
log.info("LP certificate: separable=%s, margin=%.3g", cert["separable"], cert["margin"])
for method, attempt in result["attempts"].items():
    log.info("%s: accuracy %.4f", method, attempt["accuracy"])

best = result["attempts"][result["best"]]
w1, w2 = line_weights(best["w"], best["b"])
acc = accuracy(predict_linear(w1, w2, x, p.tolerance), y)
result.update({"network_accuracy": acc, "w1": w1.tolist(), "w2": w2.tolist()})


def predict(points):
    return predict_linear(w1, w2, points, p.tolerance)


title = f"Linear hidden units (5c): best line found\n({result['best']}), accuracy {acc:.1%}"
save(plot_regions(predict, x, y, title, p.resolution), snakemake.output.pdf, snakemake.output.png)
write_json(snakemake.output.result, result)
