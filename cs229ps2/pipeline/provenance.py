"""Where results came from: data source per problem, code version, software, config."""

from __future__ import annotations

import platform
import subprocess
from importlib import metadata

KEY_PACKAGES = (
    "numpy",
    "scipy",
    "pandas",
    "matplotlib",
    "snakemake",
    "numba",
    "torch",
    "onnxruntime",
    "tokenizers",
)


def git_state(repo) -> dict:
    """The checked-out commit and whether the work tree differs from it (None outside git)."""

    def git(*args):
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": None if commit is None else bool(status)}


def software_versions(extra=()) -> dict:
    """Python's version and those of the key packages and extra (None where not installed)."""

    def version(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    return {"python": platform.python_version(), **{name: version(name) for name in (*KEY_PACKAGES, *extra)}}


def summarize(problems: dict[str, dict], git: dict, config: dict) -> dict:
    """One provenance document from the per-problem data-stage records."""
    return {
        "data": {
            name: {k: record[k] for k in ("source", "reason", "warnings", "normalised") if k in record}
            for name, record in problems.items()
        },
        "files": {name: record["files"] for name, record in problems.items()},
        "git": git,
        "software": software_versions(),
        "config": config,
    }
