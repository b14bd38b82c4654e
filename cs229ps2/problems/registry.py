"""The problems, in page order: the one list the Snakefile's includes, the data stage, the
summaries merged into the report, the page's data table and the graded parts follow.

Adding a problem: its folder, one entry here (the import and FOLDERS), its rules file
(docs/architecture.md, "Adding a problem")."""

from __future__ import annotations

from cs229ps2.problems import batchnorm, doubledescent, perceptron, simple_nn, spam, stability

FOLDERS = (stability, spam, perceptron, doubledescent, simple_nn, batchnorm)  # page order
PROBLEMS = tuple(folder.PROBLEM for folder in FOLDERS)


def with_data() -> tuple:
    """The problems the data stage prepares (those with data files), in page order."""
    return tuple(p for p in PROBLEMS if p.data)


def by_course_folder(folder: str):
    """The problem whose data (and src/ file) sit in a course folder."""
    return next(p for p in PROBLEMS if p.course_folder == folder)
