"""Broken and real-world variants of the example submission: each fails exactly the parts it breaks,
with one line a student can act on, or passes where the course's own driver would accept it.
Graded through the confined child and the judges directly (no Snakemake), on small synthetic sets
with the private spam set's long messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from grading_rows import COURSE, EXAMPLE, LEVEL, LIMITS, SETS, TOLERANCES, grade, grade_alone, reference_row

from cs229ps2.grading.grade import grade_row
from cs229ps2.grading.parts import PARTS
from cs229ps2.pipeline.datastage import write_synthetic


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
        # the non_psd kernel's reference predicts 1 everywhere, as an empty state does: unbroken
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


def test_products_of_probabilities_pass_on_short_messages_only(tmp_path):
    """Short messages hide the underflow (the same predictions as logs): the long messages of the
    variants' data, as of the private set, are what fails the variant above."""
    file, old, new, _ = VARIANTS["products of probabilities"]
    targets = [str(tmp_path / f"spam_{split}.tsv") for split in ("train", "val", "test")]
    write_synthetic("spam", targets, {**SETS["spam"], "long_fraction": 0.0})
    short = {"spam": dict(zip(("train", "val", "test"), targets))}
    inputs, expected = reference_row(tmp_path / "short", "2b", short)
    row = grade_row(
        "2b", variant(tmp_path, file, old, new), inputs, expected, COURSE["spam"], LIMITS, TOLERANCES, LEVEL
    )
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
    rows = grade(reference, submission, ("5b", "5c"), {**LIMITS, "seconds": 3})
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


# --- what real submissions do: accepted where the course's driver accepts it, else one line ---------

WILD = {
    "import util in simple_nn.py": (
        NN,
        '"""Problem 5(b, c): weights of the 2-3-1 network (an example submission)."""\n',
        '"""Problem 5(b, c)."""\nimport util\nimport numpy as np\n',
        {},
    ),
    "get_words with split(' ')": (
        SPAM,
        "return message.lower().split()",
        "return message.lower().split(' ')",
        {},
    ),
    "defaultdict dictionary": (
        SPAM,
        "    return {word: index for index, word in enumerate(words)}",
        "    out = collections.defaultdict(int)\n"
        "    out.update({w: i for i, w in enumerate(words)})\n    return out",
        {},
    ),
    "bool predictions in a column": (
        SPAM,
        "    return (log_joint[1] > log_joint[0]).astype(int)",
        "    return (log_joint[1] > log_joint[0]).reshape(-1, 1)",
        {},
    ),
    "float predictions in a list": (
        SPAM,
        "    return (log_joint[1] > log_joint[0]).astype(int)",
        "    return [float(v) for v in (log_joint[1] > log_joint[0])]",
        {},
    ),
    "an editor's auto-import": (
        SPAM,
        "import collections\n",
        "import collections\nfrom turtle import st\n",
        {},
    ),
    "prints and plt.show()": (
        SPAM,
        "    model = {}\n",
        "    import matplotlib.pyplot as plt\n    print('fitting', matrix.shape)\n    plt.plot([1, 2])\n"
        "    plt.show()\n    model = {}\n",
        {},
    ),
    "module-level code reading the training file by name": (
        SPAM,
        "def get_words(message):",
        "TRAIN = util.load_spam_dataset('spam_train.tsv')\n\n\ndef get_words(message):",
        {},
    ),
    "unseeded randomness": (
        PERCEPTRON,
        "def initial_state():",
        "NOISE = np.random.rand()\n\n\ndef initial_state():",
        {},
    ),
    "a model class defined inside a function": (
        SPAM,
        "    model = {}\n",
        "    class Model(dict):\n        pass\n\n    model = Model()\n",
        {},
    ),
    "a relative import": (
        SPAM,
        "import svm\n",
        "from .svm import train_and_predict_svm\n",
        {
            p: ("error", "spam/spam.py line 7, in <module>: a relative import")
            for p in ("2a", "2b", "2c", "2d", "2e")
        },
    ),
    "np.int": (
        SPAM,
        "dtype=int)",
        "dtype=np.int)",
        {"2a": ("error", "np.int was removed in numpy 1.24: use int (or np.int64) instead")},
    ),
    "an inverted dictionary": (
        SPAM,
        "    return {word: index for index, word in enumerate(words)}",
        "    return {index: word for index, word in enumerate(words)}",
        {"2a": ("error", "create_dictionary returned {index: word}")},
    ),
    "indices from 1": (
        SPAM,
        "    return {word: index for index, word in enumerate(words)}",
        "    return {word: index + 1 for index, word in enumerate(words)}",
        {"2a": ("error", "column indices start at 1")},
    ),
    "predictions that differ": (
        SPAM,
        "    return (log_joint[1] > log_joint[0]).astype(int)",
        "    return (log_joint[1] > log_joint[0] + 5).astype(int)",
        {"2b": ("fail", "predictions differ: test accuracy")},
    ),
}


ONE_BASED_WIDTH = ("len(word_dictionary)), dtype=int)", "len(word_dictionary) + 1), dtype=int)")


@pytest.mark.parametrize("name", WILD)
def test_what_real_submissions_do(reference, tmp_path, name):
    file, old, new, broken = WILD[name]
    submission = variant(tmp_path, file, old, new)
    if name == "indices from 1":  # and a matrix one column wider, as such a submission has
        path = submission / file
        path.write_text(path.read_text().replace(*ONE_BASED_WIDTH))
    rows = grade(reference, submission, parts_of(file))
    assert {p: r["status"] for p, r in rows.items()} == {p: broken.get(p, ("pass",))[0] for p in rows}, rows
    for part, (_, message) in broken.items():
        assert message in rows[part]["message"], rows[part]


def test_split_on_spaces_passes_with_the_reason_said(tmp_path):
    """Messages with two spaces in a row: split(' ') makes the empty word, which is accepted."""
    targets = [str(tmp_path / f"spam_{split}.tsv") for split in ("train", "val", "test")]
    write_synthetic("spam", targets, SETS["spam"])
    for target in targets:
        lines = Path(target).read_text().splitlines(keepends=True)
        Path(target).write_text(
            "".join(line.replace(" ", "  ", 1) if k % 3 else line for k, line in enumerate(lines))
        )
    inputs, expected = reference_row(
        tmp_path / "spaced", "2a", {"spam": dict(zip(("train", "val", "test"), targets))}
    )
    assert "" not in expected["dictionary"]
    file, old, new, _ = WILD["get_words with split(' ')"]
    submission = variant(tmp_path, file, old, new)
    row = grade_row("2a", submission, inputs, expected, COURSE["spam"], LIMITS, TOLERANCES, LEVEL)
    assert row["status"] == "pass" and "split(' ')" in row["message"] and "accepted" in row["message"], row
    broken = variant(tmp_path / "broken", file, old, "return message.split(' ')")  # not lower-cased
    assert (
        grade_row("2a", broken, inputs, expected, COURSE["spam"], LIMITS, TOLERANCES, LEVEL)["status"]
        == "fail"
    )


def test_an_unused_import_of_a_module_not_here_is_dropped_with_a_note(reference, tmp_path):
    submission = variant(
        tmp_path, SPAM, "import collections\n", "import collections\nfrom sklearn.utils import shuffle\n"
    )
    row = grade(reference, submission, ["2b"])["2b"]
    assert row["status"] == "pass", row
    assert (
        "ignored the unused import on spam/spam.py line 4 (from sklearn.utils import shuffle)"
        in row["message"]
    )
    used = variant(tmp_path / "used", SPAM, "    model = {}\n", "    import sklearn\n    model = {}\n")
    row = grade(reference, used, ["2b"])["2b"]
    assert row["status"] == "error" and "no module named 'sklearn' here" in row["message"], row


# --- a file's parts in one child --------------------------------------------------------------

COMPARED = ("status", "points", "expected", "got", "message")


def _same(rows: dict, alone: dict) -> None:
    assert {p: {k: r[k] for k in COMPARED} for p, r in rows.items()} == {
        p: {k: r[k] for k in COMPARED} for p, r in alone.items()
    }


def test_a_files_parts_in_one_child_grade_as_each_alone(reference):
    for file in (SPAM, NN):
        _same(grade(reference, EXAMPLE, parts_of(file)), grade_alone(reference, EXAMPLE, parts_of(file)))


def test_each_part_starts_afresh_in_the_shared_child(reference, tmp_path):
    """Module state, random streams and the working folder do not carry over from part to part."""
    submission = variant(
        tmp_path,
        SPAM,
        "def fit_naive_bayes_model(matrix, labels):\n",
        "CALLS = []\n\n\ndef fit_naive_bayes_model(matrix, labels):\n"
        "    CALLS.append(np.random.rand())\n"
        "    assert len(CALLS) == 1 and not os.path.exists('left.txt'), 'state carried over'\n"
        "    open('left.txt', 'w').close()\n",
    )
    path = submission / SPAM
    path.write_text("import os\n" + path.read_text())
    rows = grade(reference, submission, parts_of(SPAM))
    assert {p: r["status"] for p, r in rows.items()} == dict.fromkeys(parts_of(SPAM), "pass")


def test_after_a_part_ends_the_child_the_rest_run_alone(reference, tmp_path):
    """A part that ends the process (here os._exit in 2(b)) fails alone; the parts before it keep
    their results and those after it are graded each in a child of its own."""
    submission = variant(
        tmp_path,
        SPAM,
        "def predict_from_naive_bayes_model(model, matrix):\n",
        "def predict_from_naive_bayes_model(model, matrix):\n    __import__('os')._exit(3)\n",
    )
    rows = grade(reference, submission, parts_of(SPAM))
    _same(rows, grade_alone(reference, submission, parts_of(SPAM)))
    assert rows["2b"]["status"] == "error" and "exited with code 3" in rows["2b"]["message"]
    assert rows["2a"]["status"] == "pass" and rows["2c"]["status"] == "pass"
