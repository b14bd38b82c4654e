"""The course's ``src/bayesianreg/``."""
