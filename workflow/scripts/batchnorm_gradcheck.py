"""Problem 6: closed-form batch-norm gradients against finite differences on random batches."""

from cs229ps2.pipeline.files import write_json, write_rows
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.batchnorm.batchnorm import check_many

log = start_log(snakemake.log[0])
p = snakemake.params

rows = check_many(p.seed, p.shapes, p.trials, p.eps)
write_rows(snakemake.output.details, rows, [*rows[0]], float_format="%.6e")

worst = {}  # check -> its row with the largest relative error (the first of ties), in check order
for row in rows:
    if row["check"] not in worst or row["relative_error"] > worst[row["check"]]["relative_error"]:
        worst[row["check"]] = row
table = [
    {"check": c, "max_relative_error": r["relative_error"], "worst_m": r["m"], "worst_d": r["d"]}
    for c, r in worst.items()
]
write_rows(snakemake.output.table, table, [*table[0]], float_format="%.6e")
for row in table:
    log.info("%-28s max relative error %.3e (m=%d, d=%d)", *row.values())

max_errors = {row["check"]: float(row["max_relative_error"]) for row in table}
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
