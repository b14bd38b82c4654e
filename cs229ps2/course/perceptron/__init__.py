"""The course's ``src/perceptron/``."""
