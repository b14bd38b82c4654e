"""Benchmark of the pipeline (run ``python -m tools.bench``; see ``__main__.py``)."""
