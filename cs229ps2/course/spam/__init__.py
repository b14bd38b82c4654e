"""The course's ``src/spam/``."""
