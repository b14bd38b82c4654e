"""The child process of a graded part: self-contained (standard library, numpy, landlockpy), copied
into its scratch folder as the package ``_grader``."""
