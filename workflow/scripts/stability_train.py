"""1(a): the course's logistic regression on one data set, capped, with a sparse trace."""

from cs229ps2.pipeline.files import read_points, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.stability.convergence import run_record
from cs229ps2.problems.stability.training import trace_iterations, train

log = start_log(snakemake.log[0])
p = snakemake.params
x, y = read_points(snakemake.input[0])
record = trace_iterations(p.max_iter, p.trace_points, p.boundary_iterations)
log.info("training on %s: %d points, cap %d iterations", snakemake.input[0], len(y), p.max_iter)
result = train(
    x,
    y,
    p.max_iter,
    learning_rate=p.learning_rate,
    tol=p.tol,
    record=record,
    progress=lambda t, theta: log.info("iteration %d: theta %s", t, theta),
)
out = run_record(x, y, result, p.min_exponent)
log.info(
    "stopped=%s after %d iterations, converged=%s, theta=%s",
    out["stopped"],
    out["iterations"],
    out["converged"],
    out["theta"],
)
write_json(snakemake.output[0], out)
