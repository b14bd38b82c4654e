"""Developer tooling of the project, outside the cs229ps2 library."""
