"""The course's helper modules (cs229ps2.course): self-contained, the package's arrays from every
loader, the SVM and logistic regression of the pipeline behind the course's interface."""

from __future__ import annotations

import ast
import bz2
import importlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import COURSE_DATA, needs_course_data

import cs229ps2.course
from cs229ps2.pipeline import files
from cs229ps2.pipeline.datastage import data_files, write_synthetic
from cs229ps2.problems.simple_nn.data import COLUMNS as NN_COLUMNS
from cs229ps2.problems.spam import logreg as spam_logreg
from cs229ps2.problems.spam import svm as spam_svm

COURSE = Path(cs229ps2.course.__file__).parent
MODULES = sorted(path for path in COURSE.rglob("*.py") if path.name != "__init__.py")
ALLOWED = {"numpy", "scipy", "matplotlib"}
LAZY = {"matplotlib"}  # imported only inside functions
SIZES = [20, 30]
SETS = {
    "spam": {"seed": 3, "n_train": 40, "n_val": 15, "n_test": 15, "spam_fraction": 0.3, "long_fraction": 0.3},
    "perceptron": {"seed": 4, "n_train": 30, "n_test": 20},
    "bayesianreg": {"seed": 5, "d": 12, "sigma": 0.5, "n_validation": 25},
    "simple_nn": {"seed": 6, "n_points": 40},
}


def imports(tree: ast.Module):
    """(top-level package, relative level, whether at module level) of every import in tree."""
    top = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.partition(".")[0], 0, id(node) in top
        elif isinstance(node, ast.ImportFrom):
            yield (node.module or "").partition(".")[0], node.level, id(node) in top


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(COURSE)))
def test_the_course_modules_import_only_the_standard_library_numpy_scipy_and_matplotlib(path):
    for name, level, at_top in imports(ast.parse(path.read_text(encoding="utf-8"))):
        assert level == 0, f"{path.name}: a relative import (the module is imported by plain name)"
        assert name in sys.stdlib_module_names or name in ALLOWED, f"{path.name} imports {name}"
        assert not (at_top and name in LAZY), f"{path.name} imports {name} at import time"


IMPORT_ALL = """
import importlib, sys
sys.modules["cs229ps2"] = None  # import cs229ps2 fails, as in the grading child
for folder, names in FOLDERS:
    sys.path.insert(0, folder)
    for name in names:
        importlib.import_module(name)
        del sys.modules[name]
    sys.path.remove(folder)
"""


def test_the_course_modules_import_where_cs229ps2_cannot_be_imported():
    folders = sorted({path.parent for path in MODULES})
    pairs = [(str(folder), [p.stem for p in MODULES if p.parent == folder]) for folder in folders]
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"FOLDERS = {pairs!r}" + IMPORT_ALL], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def course(monkeypatch):
    """A factory: the stand-in ``folder/name.py`` imported by plain name, as a submission imports it."""
    loaded = []

    def load(folder: str, name: str):
        monkeypatch.syspath_prepend(str(COURSE / folder))
        sys.modules.pop(name, None)
        loaded.append(name)
        return importlib.import_module(name)

    yield load
    for name in loaded:
        sys.modules.pop(name, None)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> dict[str, list[Path]]:
    """Each problem's files, written by the synthetic generators."""
    root = tmp_path_factory.mktemp("course_standins")
    paths = {}
    for problem, settings in SETS.items():
        (root / problem).mkdir()
        paths[problem] = [root / problem / name for name in data_files(problem, SIZES)]
        write_synthetic(problem, paths[problem], settings)
    return paths


def same(got, expected) -> None:
    """Bit for bit: dtype, shape and bytes."""
    got, expected = np.asarray(got), np.asarray(expected)
    assert (got.dtype, got.shape) == (expected.dtype, expected.shape)
    assert got.tobytes() == expected.tobytes()


def same_pair(got, expected) -> None:
    assert isinstance(got, tuple) and len(got) == 2
    if isinstance(expected[0], list):
        assert got[0] == expected[0]
    else:
        same(got[0], expected[0])
    same(got[1], expected[1])


def course_files(problem: str, pattern: str) -> list[Path]:
    return sorted((COURSE_DATA / problem).glob(pattern))


QUOTED = 'ham\t"a quoted message"\nspam\tsay "hi" twice\nham\t"two\nlines"\n'
ONE_PER_LINE = 'ham\t"a quoted message"\nspam\tsay "hi" twice\nham\tplain\n'


@pytest.mark.parametrize("reader", ["course", "strict"])
def test_the_spam_loader_reads_as_the_package_reads(course, synthetic, tmp_path, monkeypatch, reader):
    util = course("spam", "util")
    monkeypatch.setattr(util, "READER", reader)
    quoted = tmp_path / "quoted.tsv"
    quoted.write_text(QUOTED if reader == "course" else ONE_PER_LINE, encoding="utf-8")
    for path in [*synthetic["spam"], quoted]:
        same_pair(util.load_spam_dataset(path), files.read_spam(path, reader))


@needs_course_data
@pytest.mark.parametrize("reader", ["course", "strict"])
def test_the_spam_loader_reads_the_courses_files_as_the_package_reads(course, monkeypatch, reader):
    util = course("spam", "util")
    monkeypatch.setattr(util, "READER", reader)
    for path in course_files("spam", "spam_*.tsv"):
        same_pair(util.load_spam_dataset(path), files.read_spam(path, reader))


def test_the_feature_loader_reads_as_the_package_reads(course, tmp_path):
    util = course("spam", "util")
    values = np.random.default_rng(2).normal(size=(6, 5))
    text = "".join("\t".join(map(repr, row.tolist())) + "\n" for row in values)
    plain, packed = tmp_path / "features.tsv", tmp_path / "features.tsv.bz2"
    plain.write_text(text, encoding="utf-8")
    packed.write_bytes(bz2.compress(text.encode()))
    for path in (plain, packed):
        same(util.load_bert_encoding(path), files.read_matrix(path))
    same(util.load_bert_encoding(packed), values)


@needs_course_data
def test_the_feature_loader_reads_the_courses_files_as_the_package_reads(course):
    util = course("spam", "util")
    for path in course_files("spam", "bert_*.tsv.bz2"):
        same(util.load_bert_encoding(path), files.read_matrix(path))


def test_write_json_writes_what_json_reads_back(course, tmp_path):
    course("spam", "util").write_json(tmp_path / "top.json", ["a", "b"])
    assert files.read_json(tmp_path / "top.json") == ["a", "b"]


def test_the_points_loader_reads_as_the_package_reads(course, synthetic):
    util = course("perceptron", "util")
    for path in synthetic["perceptron"] + (
        course_files("perceptron", "*.csv") if COURSE_DATA.is_dir() else []
    ):
        same_pair(util.load_csv(path), files.read_points(path))


def test_the_vector_loader_reads_as_the_package_reads(course, synthetic):
    util = course("bayesianreg", "util")
    extra = course_files("bayesianreg", "*.csv") if COURSE_DATA.is_dir() else []
    for path in synthetic["bayesianreg"] + extra:
        same_pair(util.load_dataset(path), files.read_vectors(path))


def test_the_simple_nn_loader_reads_as_the_package_reads(course, synthetic):
    util = course("simple_nn", "util")
    extra = course_files("simple_nn", "train.csv") if COURSE_DATA.is_dir() else []
    for path in synthetic["simple_nn"] + extra:
        x, y = files.read_points(path, columns=NN_COLUMNS)
        same_pair(util.load_dataset(path), (x, y))
        with_intercept, labels = util.load_dataset(path, add_intercept=True)
        same(with_intercept, np.column_stack([np.ones(len(x)), x]))
        same(labels, y)


def test_the_simple_nn_plot_saves_a_png(course, synthetic, tmp_path):
    util = course("simple_nn", "util")
    x, y = util.load_dataset(synthetic["simple_nn"][0], add_intercept=True)
    calls = []

    def predict(rows):
        calls.append(rows.shape)
        return (rows[:, 1] + rows[:, 2] > 1).astype(int)

    util.plot(x, y, predict, tmp_path / "step_weights.png")
    saved = (tmp_path / "step_weights.png").read_bytes()
    assert saved.startswith(b"\x89PNG") and len(saved) > 1000
    assert calls and all(shape[1] == 3 for shape in calls)


@pytest.fixture
def course_svm(course, monkeypatch):
    """The stand-in svm module, imported by plain name as a submission imports it."""
    module = course("spam", "svm")
    monkeypatch.setattr(module, "OUTER_LOOPS", 2)
    return module


def test_the_svm_stand_in_draws_the_courses_shared_stream(course_svm):
    """Two models in a row from the seeded global stream equal the pipeline's models 0 and 1."""
    rng = np.random.default_rng(1)
    x, y, x_test = rng.poisson(0.3, (40, 12)), rng.integers(0, 2, 40), rng.poisson(0.3, (15, 12))
    np.random.seed(123)  # noqa: NPY002 (the course's legacy global stream)
    first = course_svm.train_and_predict_svm(x, y, x_test, 1.0)
    second = course_svm.train_and_predict_svm(x, y, x_test, 0.1)
    for position, radius, got in ((0, 1.0, first), (1, 0.1, second)):
        stream = spam_svm.course_stream(123, position, len(y), outer_loops=2)
        expected, _ = spam_svm.train_and_predict(x, y, x_test, radius, stream, outer_loops=2)
        np.testing.assert_array_equal(got, expected)


def test_the_logreg_stand_in_is_the_pipelines_fit_with_the_courses_cap(course, monkeypatch):
    logreg = course("spam", "logreg")
    monkeypatch.setattr(logreg, "MAX_ITERATIONS", 7)
    rng = np.random.default_rng(4)
    x, y, x_test = rng.normal(size=(30, 4)), rng.integers(0, 2, 30), rng.normal(size=(10, 4))
    theta = spam_logreg.train(x, y, 1e-2, max_iterations=7)["theta"]
    same(logreg.train_and_predict_logreg(x, y, x_test, 1e-2), spam_logreg.predict(theta, x_test))
