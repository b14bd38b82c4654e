"""The data stage: course files verified and copied, or synthetic stand-ins written.

For each problem the pipeline either copies the course's files (harmless variants such as
a byte-order mark or CRLF line ends undone, then checked against the sha256 of the known
release) or writes a synthetic stand-in in the same format. Either way every file is parsed
and validated by the loaders of :mod:`cs229ps2.pipeline.files`, which are the gate. What is
particular to a problem (its known release, its stand-in's generator and writer, which loader
checks its files) is in its data module, ``cs229ps2/problems/<key>/data.py``.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
from pathlib import Path

from cs229ps2.pipeline import textcheck
from cs229ps2.problems.registry import by_course_folder, with_data

log = logging.getLogger(__name__)

# the data stage's problems, by their course folder (data/<folder>/ mirrors the course's release)
PROBLEMS = tuple(p.course_folder for p in with_data())


def data_module(problem: str):
    """The data module of the problem whose course folder this is (``cs229ps2/problems/<key>/data.py``:
    its known release, synthetic stand-in and checks), loaded by name."""
    return importlib.import_module(f"cs229ps2.problems.{by_course_folder(problem).key}.data")


def data_files(problem: str, train_sizes) -> list[str]:
    """The file names of a course folder's data set (bayesianreg: one per training size)."""
    return by_course_folder(problem).data_files(train_sizes)


def missing_course_files(course_dir: str, problem: str, train_sizes) -> list[str]:
    """The problem's files absent from a course folder (all of them if none is given)."""
    names = data_files(problem, train_sizes)
    if not course_dir:
        return names
    return [n for n in names if not (Path(course_dir) / problem / n).is_file()]


def normalized_bytes(path, numeric: bool) -> tuple[bytes, list[str]]:
    """A course file's bytes with its harmless variants undone (:func:`textcheck.normalize`), and
    what was undone. Undecodable files pass unchanged: their loader names the bad byte."""
    raw = Path(path).read_bytes()
    try:
        text, notes = textcheck.normalize(raw.decode("utf-8"), numeric)
    except UnicodeDecodeError:
        return raw, []
    return text.encode("utf-8"), notes


def file_record(problem: str, path, content: bytes) -> dict:
    """sha256 of content against the known release (the data module's ``KNOWN_SHA256``, LF line
    ends; a file of the release it does not list had no copy to record it from): status match,
    modified or unrecorded."""
    digest = hashlib.sha256(content).hexdigest()
    known = data_module(problem).KNOWN_SHA256.get(Path(path).name)
    status = "unrecorded" if known is None else "match" if known == digest else "modified"
    return {"sha256": digest, "known_sha256": known, "status": status}


def copy_course(problem: str, sources, targets) -> dict:
    """Validate the course files, copy them (LF line ends) and return the provenance record."""
    warnings = validate(problem, sources)
    records, normalised = {}, []
    for source, target in zip(sources, targets):
        content, notes = normalized_bytes(source, numeric=getattr(data_module(problem), "NUMERIC", True))
        records[Path(target).name] = record = file_record(problem, source, content)
        if notes:
            record["normalised"] = notes
            normalised.append(f"{Path(source).name}: {'; '.join(notes)}")
        if record["status"] == "modified":
            warnings.append(f"{source} differs from the known course release (sha256 {record['sha256']})")
        Path(target).write_bytes(content)
    for warning in warnings:
        log.warning(warning)
    modified = any(r["status"] == "modified" for r in records.values())
    record = {"source": "modified" if modified else "course", "files": records, "warnings": warnings}
    if normalised:
        record["normalised"] = normalised
        log.info("normalised: %s", " | ".join(normalised))
    return record


def distinct_files(problem: str, targets) -> list:
    """The written files whose lines no other file holds (the ones :func:`write_checked` parses
    back): all of them, unless the problem's data module says otherwise."""
    choose = getattr(data_module(problem), "distinct_files", None)
    return choose(list(targets)) if choose else list(targets)


def write_checked(problem: str, targets, settings: dict) -> list[str]:
    """Write a problem's synthetic data set to targets and parse it back with its loaders
    (:func:`validate`, on the :func:`distinct_files`); returns the warnings."""
    write_synthetic(problem, targets, settings)
    return validate(problem, distinct_files(problem, targets))


def synthesize(problem: str, targets, settings: dict, missing: list[str], course_data_set: bool) -> dict:
    """Write the problem's synthetic stand-in, validate it, return the provenance record.

    missing: the problem's files absent from course_data; course_data_set: whether
    course_data names a folder at all. Both only explain the choice in the record's reason.
    """
    warnings = write_checked(problem, targets, settings)
    files = {Path(p).name: {"sha256": hashlib.sha256(Path(p).read_bytes()).hexdigest()} for p in targets}
    reason = "course files missing: " + ", ".join(missing) if course_data_set else "course_data not set"
    return {
        "source": "synthetic",
        "reason": reason,
        "settings": settings,
        "files": files,
        "warnings": warnings,
    }


def write_synthetic(problem: str, targets, settings: dict) -> None:
    """Write a problem's synthetic data set to targets (its file names as :func:`data_files` gives them)."""
    data_module(problem).write({Path(t).name: t for t in targets}, settings)


def validate(problem: str, paths) -> list[str]:
    """Parse every file of a problem with its loader; return warnings, raise DataError."""
    return data_module(problem).validate([Path(p) for p in paths])
