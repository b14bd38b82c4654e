"""Graded rows on small synthetic sets, shared by the grading tests (the fixture ``reference`` in
tests/conftest.py): each part's inputs folder and the answer key's outputs, and a grader for
submissions. Small sets with the private spam set's long messages."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from cs229ps2.grading.grade import expected_outputs, grade_file, grade_row, read_expected, write_inputs
from cs229ps2.grading.parts import PARTS
from cs229ps2.grading.sandbox import isolation_level
from cs229ps2.pipeline.datastage import data_files, write_synthetic
from cs229ps2.pipeline.workspace import REPO

EXAMPLE = REPO / "examples" / "submission"
SIZES = [60, 120]
SETS = {
    "spam": {
        "seed": 7,
        "n_train": 150,
        "n_val": 50,
        "n_test": 60,
        "spam_fraction": 0.3,
        "long_fraction": 0.3,
    },
    "perceptron": {"seed": 8, "n_train": 60, "n_test": 60},
    "bayesianreg": {"seed": 9, "d": 80, "sigma": 0.5, "n_validation": 80},
    "simple_nn": {"seed": 10, "n_points": 80},
}
SETTINGS = {
    "spam": {"reader": "course", "radii": [0.1, 1.0], "rates": [0.01, 0.001], "svm_seed": 123},
    "perceptron": {"learning_rate": 0.5, "rbf_sigma": 1.0},
    "doubledescent": {"sigma": 0.5, "eta": None, "multipliers": [0, 0.25, 1, 4], "train_sizes": SIZES},
    "simple_nn": {"tol": 1e-10},
}
COURSE = {
    "spam": {"svm": {"OUTER_LOOPS": 1}, "logreg": {"MAX_ITERATIONS": 100}, "util": {"READER": "course"}}
}
LIMITS = {"seconds": 20, "memory_mb": 2048, "file_mb": 64, "disk_mb": 64, "output_kb": 256, "processes": 32}
TOLERANCES = {"min_agreement": 1.0, "accuracy": 0.0, "relative": 1e-6}
LEVEL = isolation_level("auto", class_grading=False)


def _data(root: Path) -> dict:
    """Each problem's data files, written from the generators, by the drivers' names."""
    paths = {}
    for problem, settings in SETS.items():
        (root / problem).mkdir(parents=True)
        targets = [str(root / problem / name) for name in data_files(problem, SIZES)]
        write_synthetic(problem, targets, settings)
        paths[problem] = targets
    rng = np.random.default_rng(0)
    features = {}
    for split in ("train", "val", "test"):
        features[f"features_{split}"] = str(root / f"{split}.npy")
        np.save(features[f"features_{split}"], rng.normal(size=(SETS["spam"][f"n_{split}"], 8)))
    train, test = paths["perceptron"]
    return {
        "spam": dict(zip(("train", "val", "test"), paths["spam"])) | features,
        "perceptron": {"train": train, "test": test},
        "doubledescent": {"train": paths["bayesianreg"][:-1], "validation": paths["bayesianreg"][-1]},
        "simple_nn": {"train": paths["simple_nn"][0]},
    }


def reference_row(root: Path, name: str, data: dict) -> tuple[Path, dict]:
    """A part's inputs folder and the answer key's checked outputs on them."""
    problem = PARTS[name].problem
    folder = root / name
    write_inputs(name, data[problem], SETTINGS[problem], folder)
    expected_outputs(name, folder, COURSE.get(problem, {}), LIMITS, root / f"{name}.npz")
    return folder, read_expected(name, root / f"{name}.npz", folder)


def build_reference(root: Path) -> dict:
    """Each part's inputs folder and the answer key's outputs."""
    data = _data(root / "data")
    return {name: reference_row(root, name, data) for name in PARTS}


def grade(reference, submission: Path, parts, limits=LIMITS) -> dict[str, dict]:
    """The sheet rows of these parts of a submission, graded against the reference rows, each
    file's parts in one child as the pipeline grades them."""
    rows = {}
    for file in dict.fromkeys(PARTS[part].path for part in parts):
        names = [part for part in parts if PARTS[part].path == file]
        course = COURSE.get(PARTS[names[0]].problem, {})
        inputs, expected = zip(*(reference[part] for part in names))
        graded = grade_file(names, submission, inputs, expected, course, limits, TOLERANCES, LEVEL)
        rows |= dict(zip(names, graded))
    return rows


def grade_alone(reference, submission: Path, parts, limits=LIMITS) -> dict[str, dict]:
    """The sheet rows of these parts of a submission, each part in a child of its own."""
    rows = {}
    for part in parts:
        inputs, expected = reference[part]
        course = COURSE.get(PARTS[part].problem, {})
        rows[part] = grade_row(part, submission, inputs, expected, course, limits, TOLERANCES, LEVEL)
    return rows
