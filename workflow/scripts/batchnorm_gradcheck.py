"""Problem 6: closed-form batch-norm gradients against finite differences on random batches."""

import pandas as pd

from cs229ps2.pipeline.files import write_json, write_table
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.batchnorm import check_many

log = start_log(snakemake.log[0])
p = snakemake.params

rows = pd.DataFrame(check_many(p.seed, p.shapes, p.trials, p.eps))
write_table(snakemake.output.details, rows, float_format="%.6e")

worst = rows.loc[rows.groupby("check", sort=False)["relative_error"].idxmax()]
table = worst.rename(columns={"relative_error": "max_relative_error", "m": "worst_m", "d": "worst_d"})
table = table[["check", "max_relative_error", "worst_m", "worst_d"]]
write_table(snakemake.output.table, table, float_format="%.6e")
for row in table.itertuples():
    log.info(
        "%-28s max relative error %.3e (m=%d, d=%d)",
        row.check,
        row.max_relative_error,
        row.worst_m,
        row.worst_d,
    )

max_errors = dict(zip(table["check"], table["max_relative_error"].astype(float)))
write_json(
    snakemake.output.result,
    {
        "max_relative_error": max_errors,
        "tolerance": p.tolerance,
        "all_within_tolerance": bool(max(max_errors.values()) <= p.tolerance),
        "shapes": p.shapes,
        "trials_per_shape": p.trials,
        "eps": p.eps,
        "seed": p.seed,
    },
)
