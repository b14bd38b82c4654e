"""1(c): one modification of the training problem on data set B, capped like 1(a)."""

from cs229ps2.pipeline.files import read_points, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.stability.convergence import run_record
from cs229ps2.problems.stability.modifications import apply_modification, modification_report
from cs229ps2.problems.stability.training import trace_iterations, train

log = start_log(snakemake.log[0])
p = snakemake.params
mod = p.modification
x, y = read_points(snakemake.input[0])
problem = apply_modification(x, y, mod["kind"], mod["value"], mod["seed"], mod["learning_rate"])
mx, my = problem.pop("x"), problem.pop("y")
log.info("modification %s=%g: %s", mod["kind"], mod["value"], problem)
result = train(
    mx,
    my,
    p.max_iter,
    tol=p.tol,
    record=trace_iterations(p.max_iter, p.trace_points),
    progress=lambda t, theta: log.info("iteration %d: theta %s", t, theta),
    **problem,
)
out = run_record(mx, my, result, p.min_exponent)
row = modification_report(mod["kind"], mod["value"], mx, my, out, problem["learning_rate"])
log.info("%s", row)
write_json(snakemake.output[0], {**out, "row": row, "modification": mod})
