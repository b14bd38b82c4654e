"""Checking a submission: a student's ``src/`` run through the course's interface and graded.

Layers: ``parts`` (the graded parts and their points), ``drivers`` (the course's driver steps per
problem, and the comparison with the reference), ``answer_key`` (the reference: the package's
algorithms behind the course's interface), ``sandbox`` (student code in a separate
process with time and memory limits) and ``sheet`` (grade sheets and the report). The course's
helper modules the student's code imports (``util``, ``svm``, ``logreg``) are
:mod:`cs229ps2.course`.
"""
