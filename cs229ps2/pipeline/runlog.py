"""Logging for pipeline scripts: everything to the job's log, bad data as one clear line."""

from __future__ import annotations

import logging
import sys
import traceback

from cs229ps2.pipeline.files import DataError


def _report(kind, error, tb) -> None:
    if issubclass(kind, DataError):
        print(f"ERROR: bad input data: {error}", file=sys.stderr)
    else:
        traceback.print_exception(kind, error, tb)
    sys.stderr.flush()
    sys.__stderr__.write(f"ERROR: {error}\n")


def start_log(path) -> logging.Logger:
    """Send stderr and logging to the job's log file; return the script's logger.

    An uncaught :class:`DataError` is logged as one line naming file and line.
    """
    sys.stderr = open(path, "w", buffering=1, encoding="utf-8")  # noqa: SIM115
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,
    )
    sys.excepthook = _report
    return logging.getLogger("pipeline")
