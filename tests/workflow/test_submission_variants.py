"""Broken variants of the example submission: each fails exactly the parts it breaks, with a message a
student can act on; the other parts pass. Graded through the sandbox and drivers directly (no
Snakemake), on small synthetic sets with the private spam set's long messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from cs229ps2.grading.grade import expected_outputs, grade_row
from cs229ps2.grading.parts import PARTS
from cs229ps2.grading.sandbox import load_outputs
from cs229ps2.pipeline.datastage import data_files, write_synthetic
from cs229ps2.pipeline.workspace import REPO

pytestmark = pytest.mark.xdist_group("grading_variants")  # one worker builds the shared fixture below

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
LIMITS = {"seconds": 20, "memory_mb": 2048}
TOLERANCES = {"min_agreement": 1.0, "accuracy": 0.0, "relative": 1e-6}


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


@pytest.fixture(scope="session")
def reference(tmp_path_factory):
    """Requests and the answer key's outputs for every part."""
    root = tmp_path_factory.mktemp("grading")
    data = _data(root / "data")
    requests, expected = {}, {}
    for name, part in PARTS.items():
        problem = part.problem
        requests[name] = {
            "data": data[problem],
            "settings": SETTINGS[problem],
            "course": COURSE.get(problem, {}),
        }
        values, arrays = root / f"{name}.json", root / f"{name}.npz"
        expected_outputs(name, requests[name], LIMITS, values, arrays)
        expected[name] = load_outputs(values, arrays)
    return requests, expected


def grade(reference, submission: Path, parts) -> dict[str, dict]:
    requests, expected = reference
    return {p: grade_row(p, submission, requests[p], LIMITS, expected[p], TOLERANCES) for p in parts}


def variant(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the example submission with one edit to one file."""
    submission = tmp_path / "submission"
    shutil.copytree(EXAMPLE, submission)
    path = submission / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))
    return submission


def parts_of(file: str) -> list[str]:
    return [name for name, part in PARTS.items() if part.path == file]


def test_the_example_passes_every_part(reference):
    rows = grade(reference, EXAMPLE, PARTS)
    assert {p: r["status"] for p, r in rows.items()} == dict.fromkeys(PARTS, "pass")
    assert all(r["points"] == r["max_points"] > 0 for r in rows.values())


SPAM, PERCEPTRON = "spam/spam.py", "perceptron/perceptron.py"
RIDGE, NN = "bayesianreg/doubledescent.py", "simple_nn/simple_nn.py"
VARIANTS = {
    "no Laplace smoothing": (
        SPAM,
        "sum(axis=0) + 1.0",
        "sum(axis=0) + 0.0",
        {"2b": ("fail", "predictions differ"), "2c": ("fail", "the list differs")},
    ),
    "products of probabilities": (
        SPAM,
        "log_joint = {label: matrix @ log_phi + log_prior for label, (log_phi, log_prior) in model.items()}",
        "log_joint = {label: np.prod(np.exp(log_phi) ** matrix, axis=1) * np.exp(log_prior)"
        " for label, (log_phi, log_prior) in model.items()}",
        {"2b": ("fail", "predictions differ")},
    ),
    "top words in ascending order": (
        SPAM,
        "reverse=True)[:5]",
        "reverse=False)[:5]",
        {"2c": ("fail", "the list differs")},
    ),
    "exception": (
        SPAM,
        "    message_counts = collections.Counter()\n",
        "    message_counts = collections.Counter()\n    raise ValueError('not finished')\n",
        {"2a": ("error", "spam/spam.py line 19, in create_dictionary: ValueError: not finished")},
    ),
    "missing function": (
        SPAM,
        "def get_top_five_naive_bayes_words(",
        "def top_five(",
        {"2c": ("error", "spam/spam.py: missing function get_top_five_naive_bayes_words")},
    ),
    "wrong signature": (
        SPAM,
        "def compute_best_svm_radius(train_matrix, train_labels, val_matrix, val_labels, radius_to_consider)",
        "def compute_best_svm_radius(train_matrix, train_labels, radius_to_consider)",
        {"2d": ("error", "cannot be called with the driver's 5 arguments")},
    ),
    "update_state returns a new state": (
        PERCEPTRON,
        "        state.append((beta, x_i))",
        "        return state + [(beta, x_i)]",
        # the invalid kernel's reference predicts 1 everywhere, as an empty state does: unbroken
        {"3-dot": ("fail", "predictions differ"), "3-rbf": ("fail", "predictions differ")},
    ),
    "ridge with lambda off by a factor of 2": (
        RIDGE,
        "penalty = 2 * sigma**2 * scale * lambda_opt",
        "penalty = sigma**2 * scale * lambda_opt",
        {"4d": ("fail", "the errors are those of half each lambda")},
    ),
    "half the MSE": (
        RIDGE,
        "np.mean((x_val @ theta - y_val) ** 2)",
        "np.mean((x_val @ theta - y_val) ** 2) / 2",
        {"4d": ("fail", "the errors are half the MSE")},
    ),
    "wrong return type": (
        NN,
        "    return example_weights()\n",
        "    return [0] * 13\n",
        {
            "5c": (
                "error",
                "simple_nn/simple_nn.py: optimal_linear_weights returned list, expected a dict of weights",
            )
        },
    ),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_a_broken_variant_fails_exactly_the_parts_it_breaks(reference, tmp_path, name):
    file, old, new, broken = VARIANTS[name]
    rows = grade(reference, variant(tmp_path, file, old, new), parts_of(file))
    assert {p: r["status"] for p, r in rows.items()} == {p: broken.get(p, ("pass",))[0] for p in rows}
    for part, (_, message) in broken.items():
        assert message in rows[part]["message"], rows[part]
        assert rows[part]["points"] == 0


def test_products_of_probabilities_pass_on_short_messages_only(reference, tmp_path):
    """Short messages hide the underflow (the same predictions as logs): the long messages of the
    variants' data, as of the private set, are what fails the variant above."""
    file, old, new, _ = VARIANTS["products of probabilities"]
    requests, _ = reference
    targets = [str(tmp_path / f"spam_{split}.tsv") for split in ("train", "val", "test")]
    write_synthetic("spam", targets, {**SETS["spam"], "long_fraction": 0.0})
    request = {**requests["2b"], "data": dict(zip(("train", "val", "test"), targets))}
    expected_outputs("2b", request, LIMITS, tmp_path / "2b.json", tmp_path / "2b.npz")
    expected = load_outputs(tmp_path / "2b.json", tmp_path / "2b.npz")
    row = grade_row("2b", variant(tmp_path, file, old, new), request, LIMITS, expected, TOLERANCES)
    assert row["status"] == "pass", row


def test_a_partial_submission_is_graded_missing_where_files_are_absent(reference, tmp_path):
    submission = tmp_path / "partial"
    shutil.copytree(EXAMPLE / "spam", submission / "spam")
    rows = grade(reference, submission, PARTS)
    for name, row in rows.items():
        assert row["status"] == ("pass" if PARTS[name].path == SPAM else "missing"), row
    assert rows["4d"]["message"] == "bayesianreg/doubledescent.py is not in the submission"


def test_an_infinite_loop_is_stopped_at_the_time_limit(reference, tmp_path):
    submission = variant(tmp_path, NN, "    w = example_weights()\n", "    while True:\n        pass\n")
    requests, expected = reference
    rows = {
        p: grade_row(p, submission, requests[p], {**LIMITS, "seconds": 3}, expected[p], TOLERANCES)
        for p in ("5b", "5c")
    }
    assert rows["5b"]["status"] == "timeout" and rows["5c"]["status"] == "pass"
    assert rows["5b"]["message"] == "time limit of 3 s hit; the part was stopped"


def test_the_memory_limit_stops_a_part_with_a_message(reference, tmp_path):
    submission = variant(
        tmp_path, NN, '    weights = {f"hidden', '    big = bytearray(4 * 2**30)\n    weights = {f"hidden'
    )
    row = grade(reference, submission, ["5c"])["5c"]
    assert row["status"] == "error"
    assert (
        row["message"]
        == "simple_nn/simple_nn.py line 6, in example_weights: memory limit of 2048 MB hit (MemoryError)"
    )
