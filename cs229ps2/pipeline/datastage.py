"""The data stage: course files verified and copied, or synthetic stand-ins written.

For each problem the pipeline either copies the course's files (harmless variants such as
a byte-order mark or CRLF line ends undone, then checked against the sha256 of the known
release) or writes a synthetic stand-in in the same format. Either way every file is parsed
and validated by the loaders of :mod:`cs229ps2.pipeline.files`, which are the gate.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np

from cs229ps2.pipeline import files, synth, textcheck
from cs229ps2.problems.registry import by_course_folder, with_data

log = logging.getLogger(__name__)

# the data stage's problems, by their course folder (data/<folder>/ mirrors the course's release)
PROBLEMS = tuple(p.course_folder for p in with_data())
NN_COLUMNS = ("x1", "x2", "y")

# sha256 of the known course release (LF line ends, as the data stage writes the copies).
# None: the file belongs to the release but no copy was available to record it.
KNOWN_SHA256 = {
    "stability/ds1_a.csv": "680101b133cae59320abd2a8e39568470be28f63bb1040629eb3e81dc18c41bf",
    "stability/ds1_b.csv": "8f722899e389193b0e7fa5163b38e7b1f3261ebd61b174ebbaf0f9d03d9b0688",
    "spam/spam_train.tsv": "c3b7531c8c6516edea01e81bd8c0e0628a3461d4060c29ba235c79f828d1ae25",
    "spam/spam_val.tsv": "730cd41fbef3b398b74f0ab3ed2eae0b88d6c3c5d1e9d5f4c7858ff9822e2a22",
    "spam/spam_test.tsv": "ae5cfe33ae4546e8bddd90b0e3434e3465fcb0ad071588794e7634ecf1ce8176",
    "perceptron/train.csv": "b96f4b160ba5840223687f76b87e070d1cdada3e644f3c13c3c5e952e01536e0",
    "perceptron/test.csv": "f7fc460f3d3d67162980579b4c9a9dc244881af0c21f92b90ce3f6ce87295b3a",
    "simple_nn/train.csv": "8ee2ab2a8894d76ec4ec7dd05c3a45a832e9e439cf0c2cb6c191950d69b6646a",
    "bayesianreg/train200.csv": "9f9742aa6ea1d178316875ccb3e34c9dd02f2a10d30481a7c147f2a09cf832ca",
    "bayesianreg/train250.csv": "9faecdf2f3c2c04ebfdd56e417b5082e17f42eccb9acd6d5cbcfc24968f4f144",
    "bayesianreg/train300.csv": "e0a33d2610660f4f612b656ed32b4e391eaacb907351b06a88f949d644053424",
    "bayesianreg/train350.csv": "b2095de5c198896d2ef5e48a23515e7770770ab835691d71493fea587c07c417",
    "bayesianreg/train400.csv": "406c5f7f3ede13d58643b1e68ae280d93b1ca306c1dcdbb866d701faa815be19",
    "bayesianreg/train450.csv": "cd0faa5c11ff9f182c7720151f6462244bc8c6b9d3f44c3d99e3964864413258",
    "bayesianreg/train500.csv": "ab1ff05fab3af311fcd7dd4fadd40e21cf043fe00b0059feabc68dde1e32e753",
}


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
    """sha256 of content against the known release: status match, modified or unrecorded."""
    digest = hashlib.sha256(content).hexdigest()
    known = KNOWN_SHA256.get(f"{problem}/{Path(path).name}")
    status = "unrecorded" if known is None else "match" if known == digest else "modified"
    return {"sha256": digest, "known_sha256": known, "status": status}


def copy_course(problem: str, sources, targets) -> dict:
    """Validate the course files, copy them (LF line ends) and return the provenance record."""
    warnings = validate(problem, sources)
    records, normalised = {}, []
    for source, target in zip(sources, targets):
        content, notes = normalized_bytes(source, numeric=problem != "spam")
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


def train_size(path) -> int:
    """n of a bayesianreg training file train{n}.csv."""
    return int(Path(path).stem.removeprefix("train"))


def distinct_files(problem: str, targets) -> list:
    """The written files whose lines no other holds: all but the smaller bayesianreg training
    sets, which are written as prefixes of the largest (their loader would parse its lines again)."""
    if problem != "bayesianreg":
        return list(targets)
    trains = [t for t in targets if Path(t).name.startswith("train")]
    largest = max(trains, key=train_size)
    return [t for t in targets if t == largest or t not in trains]


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
    WRITERS[problem]({Path(t).name: t for t in targets}, settings)


def _write_stability(paths, s):
    for name, (x, y) in synth.stability(s["seed"], s["n_points"]).items():
        files.write_points(paths[f"{name}.csv"], x, y)


def _write_spam(paths, s):
    sizes = {split: s[f"n_{split}"] for split in ("train", "val", "test")}
    sets = synth.spam(s["seed"], sizes, s["spam_fraction"], s.get("long_fraction", 0.0))
    for split, (messages, labels) in sets.items():
        files.write_spam(paths[f"spam_{split}.tsv"], messages, labels)


def _write_perceptron(paths, s):
    for split, (x, y) in synth.perceptron(s["seed"], s["n_train"], s["n_test"]).items():
        files.write_points(paths[f"{split}.csv"], x, y)


def _write_bayesianreg(paths, s):
    sizes = [train_size(name) for name in paths if name.startswith("train")]
    sets = synth.bayesianreg(s["seed"], sizes, s["n_validation"], s["d"], s["sigma"])
    nested = files.vector_lines(*sets[f"train{max(sizes)}"])  # each training set is a prefix
    for name, (x, y) in sets.items():
        lines = nested[: len(x)] if name.startswith("train") else None
        files.write_vectors(paths[f"{name}.csv"], x, y, lines)


def _write_simple_nn(paths, s):
    x, y = synth.simple_nn(s["seed"], s["n_points"])
    files.write_points(paths["train.csv"], x, y, columns=NN_COLUMNS)


WRITERS = {
    "stability": _write_stability,
    "spam": _write_spam,
    "perceptron": _write_perceptron,
    "bayesianreg": _write_bayesianreg,
    "simple_nn": _write_simple_nn,
}


def validate(problem: str, paths) -> list[str]:
    """Parse every file of a problem with its loader; return warnings, raise DataError."""
    paths = [Path(p) for p in paths]
    if problem in ("stability", "perceptron"):
        for p in paths:
            files.read_points(p)
    elif problem == "simple_nn":
        files.read_points(paths[0], columns=NN_COLUMNS)
    elif problem == "spam":
        found = {p: files.spam_reader_disagreements(p) for p in paths}
        return [
            f"{p}: the course and strict readers disagree on lines {', '.join(map(str, lines))}"
            for p, lines in found.items()
            if lines
        ]
    elif problem == "bayesianreg":
        return _validate_vectors(paths)
    return []


def _validate_vectors(paths) -> list[str]:
    """Check training files have n rows (train{n}.csv), one dimension, and are nested."""
    sets = {}
    dim = None
    for p in paths:
        x, y = files.read_vectors(p, dim)
        dim = x.shape[1]
        if p.stem.startswith("train") and len(x) != train_size(p):
            raise files.DataError(p, None, f"has {len(x)} rows, its name promises {train_size(p)}")
        sets[p] = np.column_stack([x, y])
    trains = sorted((len(t), p) for p, t in sets.items() if p.stem.startswith("train"))
    return [
        f"{small} is not the first {n} rows of {large}"
        for (n, small), (_, large) in zip(trains, trains[1:])
        if not np.array_equal(sets[small], sets[large][:n])
    ]
