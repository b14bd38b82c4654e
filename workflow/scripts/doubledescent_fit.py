"""Problem 4(d), one training set: validation MSE of the ridge/MAP estimate for every lambda."""

import numpy as np

from cs229ps2.pipeline.files import read_vectors, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.doubledescent.doubledescent import (
    condition_number,
    lambda_opt,
    log_grid,
    prior_sd,
    spectrum,
    sweep,
)

log = start_log(snakemake.log[0])
n = int(snakemake.wildcards.n)
p = snakemake.params

validation = np.load(snakemake.input.validation)
x_val, y_val = validation["x"], validation["y"]
d = x_val.shape[1]
x, y = read_vectors(snakemake.input.train, dim=d)  # names the line of a vector of another length
eta = prior_sd(p.eta, d)
log.info("n=%d d=%d sigma=%g eta=%g lambda_opt=%g", len(x), d, p.sigma, eta, lambda_opt(eta))

svd = spectrum(x)  # one SVD for the grid and the fine sweep
fine = log_grid(p.fine_grid["low"], p.fine_grid["high"], p.fine_grid["points"])
result = {
    "n": n,
    "d": d,
    "sigma": p.sigma,
    "eta": eta,
    "lambda_opt": lambda_opt(eta),
    "condition_number": condition_number(svd),
    "grid": sweep(x, y, x_val, y_val, p.multipliers, p.sigma, eta, svd),
    "fine": sweep(x, y, x_val, y_val, fine, p.sigma, eta, svd),
}
log.info("condition number of the training matrix: %.4g", result["condition_number"])
log.info("validation MSE per multiplier: %s", [round(v, 4) for v in result["grid"]["mse"]])
write_json(snakemake.output[0], result)
