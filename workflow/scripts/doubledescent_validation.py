"""Problem 4(d): parse the validation CSV, which every fit reads, once into arrays (x (n, d), y (n,))."""

from cs229ps2.pipeline.files import read_vectors, write_npz
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
x, y = read_vectors(snakemake.input[0])
write_npz(snakemake.output[0], x=x, y=y)
log.info("%s: %d rows of dimension %d", snakemake.input[0], *x.shape)
