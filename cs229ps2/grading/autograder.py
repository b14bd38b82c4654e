"""The Gradescope autograder bundle (dist/autograder.zip), built by ``cs229ps2 autograder``.

Gradescope's specification (https://gradescope-autograders.readthedocs.io/en/latest/specs/) wants
a zip with ``setup.sh`` (run once, building the image) and ``run_autograder`` (run per
submission, writing ``/autograder/results/results.json``) at its root; it is unpacked in
``/autograder/source``. Both scripts are in ``workflow/autograder/``; beside them the bundle holds
the workflow, the package and the locked environment. Same sources, same bytes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from cs229ps2.pipeline.workspace import REPO, RUN_FILES

SCRIPTS = ("setup.sh", "run_autograder")  # at the zip's root, from workflow/autograder/
SOURCES = (*RUN_FILES, "requirements.lock", "pyproject.toml", "README.md", "LICENSE")
LEFT_OUT = {"__pycache__", ".DS_Store"}
LEFT_OUT_SUFFIXES = {".pyc", ".nbi", ".nbc"}  # bytecode and numba's cache, built on the machine
DATE = (1980, 1, 1, 0, 0, 0)  # fixed times, so a rebuild writes the same bytes


def _kept(path: Path) -> bool:
    return not (set(path.parts) & LEFT_OUT) and path.suffix not in LEFT_OUT_SUFFIXES


def bundle_files(repo: Path = REPO) -> list[tuple[str, Path]]:
    """(name in the zip, file) of everything the bundle holds, scripts first, then sorted."""
    files = [(name, repo / "workflow" / "autograder" / name) for name in SCRIPTS]
    for name in SOURCES:
        source = repo / name
        found = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
        files += [(p.relative_to(repo).as_posix(), p) for p in found if _kept(p.relative_to(repo))]
    return files


def _entry(name: str, path: Path) -> zipfile.ZipInfo:
    """A zip entry with a fixed date and the file's mode (the scripts stay executable)."""
    info = zipfile.ZipInfo(name, date_time=DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    executable = name in SCRIPTS or path.stat().st_mode & 0o111
    info.external_attr = (0o100755 if executable else 0o100644) << 16
    return info


def build(dest: Path, repo: Path = REPO) -> Path:
    """Write the bundle to dest (its folder made if needed) and return dest."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w") as bundle:
        for name, path in bundle_files(repo):
            bundle.writestr(_entry(name, path), path.read_bytes())
    return dest
