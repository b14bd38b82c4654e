"""Problem 5(a): the w_{1,2} gradient checked by finite differences, and a sigmoid training run."""

from cs229ps2.pipeline.files import read_points, write_json, write_rows
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.simple_nn.data import COLUMNS
from cs229ps2.problems.simple_nn.simple_nn import check_w12_gradient, forward, init_weights, train_sigmoid
from cs229ps2.report.figures import plot_losses
from cs229ps2.report.plots import save

log = start_log(snakemake.log[0])
p = snakemake.params
x, y = read_points(snakemake.input[0], columns=COLUMNS)

w1, w2 = init_weights(p.seed, p.init_scale)
check = check_w12_gradient(w1, w2, x, y, p.eps)
log.info("gradient check at the initial weights: %s", check)

w1, w2, losses = train_sigmoid(x, y, p.seed, p.steps, p.learning_rate, p.init_scale, log, p.log_every)
acc = accuracy((forward(w1, w2, x)[1] > 0.5).astype(int), y)
log.info("after %d steps: loss %.6g, accuracy %.4f", p.steps, losses[-1], acc)

table = [{"step": step, "loss": loss} for step, loss in enumerate(losses.tolist())]
write_rows(snakemake.output.losses, table, ["step", "loss"], float_format="%.10e")
save(plot_losses(losses, p.learning_rate), snakemake.output.png)
write_json(
    snakemake.output.result,
    {
        "gradient_check": check,
        "initial_loss": float(losses[0]),
        "final_loss": float(losses[-1]),
        "train_accuracy": acc,
        "steps": p.steps,
        "learning_rate": p.learning_rate,
        "seed": p.seed,
        "w1": w1.tolist(),
        "w2": w2.tolist(),
    },
)
