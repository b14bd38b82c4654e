"""The reference answer key: the package's algorithms behind the course's interface.

Laid out like the course's ``src/`` and run through the same sandbox and drivers as a
submission, so the reference and a submission are graded on the same data, the same way.
"""
