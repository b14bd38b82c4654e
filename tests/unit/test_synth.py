"""Synthetic stand-ins: they parse with the loaders and have their documented properties."""

import numpy as np
import pytest

from cs229ps2.pipeline import datastage, files
from cs229ps2.problems.separability import max_margin_line
from cs229ps2.problems.spam import data as spam_data
from cs229ps2.problems.stability import data as stability_data

SETTINGS = {
    "stability": {"seed": 1, "n_points": 100},
    "spam": {"seed": 2, "n_train": 600, "n_val": 100, "n_test": 100, "spam_fraction": 0.2},
    "perceptron": {"seed": 3, "n_train": 200, "n_test": 200},
    "bayesianreg": {"seed": 4, "d": 500, "sigma": 0.5, "n_validation": 400},
    "simple_nn": {"seed": 5, "n_points": 448},
}
TRAIN_SIZES = [200, 250, 800]


def written(tmp_path, problem):
    """Write a problem's stand-in through the data stage and return its file paths."""
    names = datastage.data_files(problem, TRAIN_SIZES)
    paths = [tmp_path / name for name in names]
    datastage.synthesize(problem, paths, SETTINGS[problem], names, False)
    return {p.name: p for p in paths}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stability_b_separable_a_not(seed):
    sets = stability_data.generate(seed, 100)
    (xa, ya), (xb, yb) = sets["ds1_a"], sets["ds1_b"]
    assert xa.shape == xb.shape == (100, 2)
    assert max_margin_line(xb, yb)["margin"] > 0.01
    assert max_margin_line(xa, ya)["margin"] <= 1e-9


def test_stability_oracle_agrees_on_separability():
    """A hard-margin linear SVM (scikit-learn) fits B perfectly but not A."""
    svm = pytest.importorskip("sklearn.svm")
    sets = stability_data.generate(7, 100)
    for name, expected in (("ds1_b", 1.0), ("ds1_a", None)):
        x, y = sets[name]
        score = svm.SVC(kernel="linear", C=1e6).fit(x, y).score(x, y)
        assert score == expected if expected else score < 1.0


def test_stability_files_parse(tmp_path):
    paths = written(tmp_path, "stability")
    for path in paths.values():
        x, y = files.read_points(path)
        assert x.shape == (100, 2) and set(y) == {0, 1}


def test_spam_words_differ_in_frequency(tmp_path):
    paths = written(tmp_path, "spam")
    messages, labels = files.read_spam(paths["spam_train.tsv"])
    assert len(messages) == 600 and 0.1 < labels.mean() < 0.3
    assert files.read_spam(paths["spam_train.tsv"], "strict")[0] == messages

    def rate(word, label):
        texts = [m.lower().split() for m, lab in zip(messages, labels) if lab == label]
        return sum(t.count(word) for t in texts) / sum(map(len, texts))

    for word in spam_data.SPAM_WORDS[:5]:
        assert rate(word, 1) > 5 * rate(word, 0)
    for word in spam_data.HAM_WORDS[:5]:
        assert rate(word, 0) > 5 * rate(word, 1)


def test_perceptron_needs_a_nonlinear_boundary(tmp_path):
    paths = written(tmp_path, "perceptron")
    x, y = files.read_points(paths["train.csv"])
    assert x.shape == (200, 2)
    assert not max_margin_line(x, y)["separable"]
    svm = pytest.importorskip("sklearn.svm")
    assert svm.SVC(kernel="rbf", gamma=0.5, C=1e3).fit(x, y).score(x, y) == 1.0


def test_bayesianreg_follows_the_generating_process(tmp_path):
    paths = written(tmp_path, "bayesianreg")
    x, y = files.read_vectors(paths["train800.csv"], dim=500)
    assert abs(x.mean()) < 0.01 and abs(x.var() - 1) < 0.01
    theta, *_ = np.linalg.lstsq(x, y, rcond=None)
    residual_variance = np.sum((y - x @ theta) ** 2) / (800 - 500)
    assert residual_variance == pytest.approx(0.25, rel=0.25)
    assert np.var(y) == pytest.approx(1 + 0.25, rel=0.2)  # Var(theta^T x) = ||theta||^2 ~ 1
    for n in (200, 250):
        xn, yn = files.read_vectors(paths[f"train{n}.csv"], dim=500)
        np.testing.assert_array_equal(xn, x[:n])
        np.testing.assert_array_equal(yn, y[:n])
    xv, _ = files.read_vectors(paths["validation.csv"], dim=500)
    assert xv.shape == (400, 500) and not np.isin(xv[0], x).any()


def test_simple_nn_triangle(tmp_path):
    paths = written(tmp_path, "simple_nn")
    x, y = files.read_points(paths["train.csv"], columns=("x1", "x2", "y"))
    assert x.shape == (448, 2) and x.min() >= 0 and x.max() <= 4
    inside = (x[:, 0] > 0.5) & (x[:, 1] > 0.5) & (x[:, 0] + x[:, 1] < 4)
    np.testing.assert_array_equal(y, ~inside)
    assert 0.2 < y.mean() < 0.8


@pytest.mark.parametrize("problem", list(SETTINGS))
def test_generators_are_seeded(tmp_path, problem, monkeypatch):
    runs = {}
    for run, seed in (("a", 11), ("b", 11), ("c", 12)):
        (tmp_path / run).mkdir()
        monkeypatch.setitem(SETTINGS[problem], "seed", seed)
        runs[run] = {name: p.read_bytes() for name, p in written(tmp_path / run, problem).items()}
    assert runs["a"] == runs["b"]
    assert all(runs["a"][name] != runs["c"][name] for name in runs["a"])
