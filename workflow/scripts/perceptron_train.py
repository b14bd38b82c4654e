"""3(b): train the kernel perceptron with one kernel, predict test.csv, plot the regions."""

from cs229ps2.pipeline.files import read_points, write_json, write_labels
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems import maths
from cs229ps2.problems.perceptron.perceptron import majority_rate, make_kernel, predict_points, train
from cs229ps2.report import plots
from cs229ps2.report.figures import plot_regions

log = start_log(snakemake.log[0])
name = snakemake.wildcards.kernel
kernel = make_kernel(name, **snakemake.params.kernel)
x, y = read_points(snakemake.input.train)
x_test, y_test = read_points(snakemake.input.test)
state = train(x, y, kernel, snakemake.params.learning_rate)
labels = predict_points(state, kernel, x_test)
accuracy = maths.accuracy(y_test, labels)
majority = majority_rate(y_test)
log.info("%s kernel: %d pairs in the state, test accuracy %.4f", name, len(state), accuracy)
write_labels(snakemake.output.predictions, labels)


def predict_test(points):
    return predict_points(state, kernel, points)


title = f"Kernel perceptron, {name} kernel: test accuracy {accuracy:.1%}"
fig = plot_regions(predict_test, x_test, y_test, title, snakemake.params.resolution)
plots.save(fig, snakemake.output.plot)
write_json(
    snakemake.output.model,
    {
        "kernel": name,
        "settings": snakemake.params.kernel,
        "test_accuracy": accuracy,
        "majority_rate": majority,
        "predicted_class1_fraction": int(labels.sum()) / len(labels),
        "n_test": len(labels),
        "state": [[coef, *point.tolist()] for coef, point in state],
    },
)
