"""CS229 Problem Set 2 (Fall 2020): algorithms and I/O behind the Snakemake pipeline."""
