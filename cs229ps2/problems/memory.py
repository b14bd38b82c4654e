"""The memory guard: a job stops before it allocates more than ``memory_limit_gb`` (config)."""

from __future__ import annotations

GIB = 2**30


class MemoryLimitError(MemoryError):
    """A job's input would need more memory than the configured limit."""


def require_memory(nbytes: int, limit_gb: float, what: str) -> None:
    """Raise :class:`MemoryLimitError` (one message: the size and the limit) if nbytes > limit_gb GiB."""
    if nbytes > limit_gb * GIB:
        raise MemoryLimitError(
            f"{what} needs {nbytes / GIB:.2f} GiB, more than memory_limit_gb = {limit_gb:g} GiB "
            "(config.yaml): stopped before allocating it"
        )
