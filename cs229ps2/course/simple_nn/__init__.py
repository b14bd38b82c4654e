"""The course's ``src/simple_nn/``."""
