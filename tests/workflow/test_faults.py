"""Bad input through the whole pipeline: one clear message, no half-written output.

Each case makes a small, valid fake course folder in code (never a copy of course
data), breaks one file and runs Snakemake on the affected problem only. The run must
stop, print one ``ERROR:`` line naming the file and (where the fault sits on a line)
the line, write the same message to the failed job's log and leave none of that job's
outputs behind.

"Missing file" comes in two forms. A file absent from the course folder makes the
problem's file set incomplete, so the data stage writes the synthetic stand-in and says
so in the provenance (``test_missing_course_file_falls_back_to_synthetic_and_says_why``).
A file that is present but empty (a failed copy, a placeholder) is an error like any
other bad input.
"""

from __future__ import annotations

import bz2
import re
from pathlib import Path

import pytest
from conftest import run_snakemake

from cs229ps2.pipeline.files import read_json

POINTS = "y,x0,x1\n0,1.5,2.0\n1,2.5,3.0\n0,0.5,1.0\n1,3.0,1.0\n"
NN_POINTS = "x1,x2,y\n0.1,0.2,0\n0.9,0.8,1\n0.2,0.7,0\n0.8,0.1,1\n"
SPAM = "ham\tsee you at lunch today\nspam\twin a free prize now\nham\tlunch at noon today\n"
VECTORS = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-2.0, 0.5, 1.0]]


def vector_row(values, target=0.5) -> str:
    return '"[' + " ".join(f"{v: .8e}" for v in values) + f']",{target!r}\n'


def vectors(rows) -> str:
    return "x,y\n" + "".join(vector_row(v) for v in rows)


def bert(rows: int, columns: int = 4) -> bytes:
    text = "".join("\t".join(f"{0.1 * (r + c):.3f}" for c in range(columns)) + "\n" for r in range(rows))
    return bz2.compress(text.encode())


VALID = {
    "stability": {"ds1_a.csv": POINTS, "ds1_b.csv": POINTS},
    "perceptron": {"train.csv": POINTS, "test.csv": POINTS},
    "simple_nn": {"train.csv": NN_POINTS},
    "spam": {f"spam_{s}.tsv": SPAM for s in ("train", "val", "test")},
    "bayesianreg": {
        "train2.csv": vectors(VECTORS[:2]),
        "train3.csv": vectors(VECTORS),
        "validation.csv": vectors(VECTORS[::-1]),
    },
}
BERT = {f"bert_{s}_matrix.tsv.bz2": bert(3) for s in ("train", "val", "test")}


def edit_config(workdir: Path, **values: str) -> None:
    """Set top-level or nested keys of the copy's config.yaml (each key on one line)."""
    path = workdir / "config.yaml"
    text = path.read_text()
    for key, value in values.items():
        text, found = re.subn(rf"^(\s*{key}:) [^#\n]*", rf"\1 {value} ", text, count=1, flags=re.M)
        assert found, key
    path.write_text(text)


# case -> (problem, file, bad content, expected message after the file's path)
CASES = {
    "label outside {0,1} (stability)": (
        "stability",
        "ds1_b.csv",
        "y,x0,x1\n0,1,2\n1,2,3\n2,5,5\n",
        r"ds1_b\.csv, line 4: column y: label 2",
    ),
    "NaN (stability)": (
        "stability",
        "ds1_b.csv",
        "y,x0,x1\n0,1,2\n1,nan,3\n",
        r"ds1_b\.csv, line 3: column x0: 'nan' is not finite",
    ),
    "ragged row (stability)": (
        "stability",
        "ds1_b.csv",
        "y,x0,x1\n0,1,2\n1,3\n",
        r"ds1_b\.csv, line 3: expected 3 fields, found 2",
    ),
    "wrong columns (stability)": (
        "stability",
        "ds1_b.csv",
        "y,a,b\n0,1,2\n",
        r"ds1_b\.csv, line 1: expected columns y,x0,x1",
    ),
    "empty file": ("stability", "ds1_a.csv", "", r"ds1_a\.csv, line 1: empty file"),
    "missing column": (
        "simple_nn",
        "train.csv",
        "x1,y\n0.1,0\n0.9,1\n",
        r"simple_nn/train\.csv, line 1: expected columns x1,x2,y, found x1,y",
    ),
    "extra column": (
        "perceptron",
        "train.csv",
        "y,x0,x1,x2\n0,1,2,3\n",
        r"perceptron/train\.csv, line 1: expected columns y,x0,x1, found y,x0,x1,x2",
    ),
    "label outside {0,1}": (
        "perceptron",
        "test.csv",
        POINTS + "-1,0.5,0.5\n",
        r"perceptron/test\.csv, line 6: column y: label -1 is not 0 or 1",
    ),
    "spam label": (
        "spam",
        "spam_val.tsv",
        SPAM + "spm\tcall now\n",
        r"spam_val\.tsv, line 4: label 'spm' is not 'spam' or 'ham'",
    ),
    "NaN": (
        "simple_nn",
        "train.csv",
        NN_POINTS + "NaN,0.5,1\n",
        r"simple_nn/train\.csv, line 6: column x1: 'NaN' is not finite",
    ),
    "NaN in a vector": (
        "bayesianreg",
        "validation.csv",
        vectors(VECTORS[:2]) + vector_row([1.0, float("nan"), 2.0]),
        r"validation\.csv, line 4: column x: 'nan' is not finite",
    ),
    "ragged row": (
        "spam",
        "spam_test.tsv",
        SPAM + "ham\tone\ttab too many\n",
        r"spam_test\.tsv, line 4: expected 2 tab-separated fields, found 3",
    ),
    "truncated row (spam)": (
        "spam",
        "spam_train.tsv",
        SPAM + "spam\twin a fr",
        r"spam_train\.tsv, line 4: truncated: last line has no line end",
    ),
    "truncated row (vectors)": (
        "bayesianreg",
        "train3.csv",
        vectors(VECTORS)[:-20],
        r"train3\.csv, line 4: malformed or truncated row",
    ),
    "non-UTF-8 bytes": (
        "spam",
        "spam_train.tsv",
        SPAM.encode() + b"spam\twin \xff\xfe prize\n",
        r"spam_train\.tsv, line 4: not UTF-8 \(byte 0xff\)",
    ),
    "vector of the wrong length": (
        "bayesianreg",
        "validation.csv",
        vectors(VECTORS[:2]) + vector_row([1.0, 2.0]),
        r"validation\.csv, line 4: vector has 2 entries, expected 3",
    ),
    "training set with the wrong row count": (
        "bayesianreg",
        "train3.csv",
        vectors(VECTORS[:2]),
        r"train3\.csv: has 2 rows, its name promises 3",
    ),
    "BERT rows vs messages": (
        "spam",
        "bert_val_matrix.tsv.bz2",
        bert(2),
        r"bert_val_matrix\.tsv\.bz2: has 2 rows, but val has 3 messages",
    ),
    "BERT ragged row": (
        "spam",
        "bert_test_matrix.tsv.bz2",
        bz2.compress(b"0.1\t0.2\n0.3\n0.5\t0.6\n"),
        r"bert_test_matrix\.tsv\.bz2, line 2: expected 2 columns, found 1",
    ),
}


def make_course(root: Path, problem: str, bert_files: bool = False) -> Path:
    """A valid fake course folder holding the files of one problem."""
    folder = root / "course" / problem
    folder.mkdir(parents=True)
    files = {**VALID[problem], **(BERT if bert_files else {})}
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    return folder


def files_below(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.mark.parametrize("case", CASES)
def test_bad_input_stops_the_run_naming_file_and_line_and_leaves_no_output(workflow_copy, tmp_path, case):
    problem, name, content, message = CASES[case]
    uses_bert = name.startswith("bert_")
    folder = make_course(tmp_path, problem, bert_files=uses_bert)
    (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    edit_config(workflow_copy, course_data=str(folder.parent), train_sizes="[2, 3]")
    if uses_bert:  # 2(e) on the course's BERT matrices, checked against the messages
        edit_config(workflow_copy, features="bert", min_messages="1")
        target, log, outputs = (
            "results/spam/bert/train.npy",
            "logs/spam/spam_bert_features.log",
            "results/spam/bert",
        )
    else:
        target, log, outputs = f"data/{problem}/provenance.json", f"logs/data/{problem}.log", "data"

    done = run_snakemake(workflow_copy, target, check=False)

    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert len(re.findall(message, output)) == 1, output  # said once, not buried in a traceback
    error_lines = re.findall(r"^ERROR: .*$", done.stderr, flags=re.M)
    assert len(error_lines) == 1 and str(folder / name) in error_lines[0], output
    assert re.search(message, error_lines[0]), error_lines
    assert re.search(message, (workflow_copy / log).read_text())
    assert "Traceback" not in (workflow_copy / log).read_text()
    assert files_below(workflow_copy / outputs) == [], "the failed job left output behind"
    if not uses_bert:
        assert files_below(workflow_copy / "results") == []
    else:  # the jobs before it finished; nothing downstream of it ran
        assert (workflow_copy / "results/spam/val_matrix.npz").is_file()
        assert not (workflow_copy / "results/spam/logreg").exists()


def test_missing_course_file_falls_back_to_synthetic_and_says_why(workflow_copy, tmp_path):
    folder = make_course(tmp_path, "perceptron")
    (folder / "test.csv").unlink()
    run_snakemake(
        workflow_copy, "data/perceptron/provenance.json", "--config", f"course_data={folder.parent}"
    )
    record = read_json(workflow_copy / "data/perceptron/provenance.json")
    assert record["source"] == "synthetic"
    assert record["reason"] == "course files missing: test.csv"
    # the stand-in, not the course's remaining train.csv, was used
    assert (workflow_copy / "data/perceptron/train.csv").read_text() != POINTS
