"""Checking a submission: a student's ``src/`` run through the course's interface and graded.

Layers: ``parts`` (the graded parts and their points), the drivers (each problem's
``grading.py``: the course's driver steps and the comparison with the reference), the reference
(each problem's algorithm module, whose functions have the course's names: see
:func:`grade.answer_key`), ``sandbox`` (student code in a separate process with time and memory
limits) and ``sheet`` (grade sheets and the report). The course's
helper modules the student's code imports (``util``, ``svm``, ``logreg``) are
:mod:`cs229ps2.course`.
"""
