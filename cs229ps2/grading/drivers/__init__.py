"""The course's driver steps per problem, and the comparison of their outputs with the reference.

Each module has ``run(part, module, data, settings) -> outputs`` (runs in the sandbox: calls the
submission's functions as the course's driver does; outputs is a flat dict of JSON values and
numpy arrays) and ``grade(part, got, expected, tolerances, data, settings) -> Verdict``.
Parts that build on earlier ones get the reference's inputs (2(b)-(d) the reference dictionary
and matrices), so one mistake fails the part it is in, not every part after it.
"""
