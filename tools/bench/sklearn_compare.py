"""Fit + predict time of the course models against scikit-learn on the same data.

scikit-learn is a test/dev-only dependency: it is imported here and nowhere in the pipeline.
Data come from a finished workflow copy (its data/ and results/ files); loading is not timed.
Each side runs with BLAS limited to one thread (threadpoolctl): fair, and steadier on a busy machine.
"""

from __future__ import annotations

import statistics
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression, LogisticRegression, Perceptron, Ridge
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import SVC
from threadpoolctl import threadpool_limits

from cs229ps2.pipeline.files import read_points, read_vectors
from cs229ps2.problems.doubledescent import doubledescent as ridge
from cs229ps2.problems.maths import accuracy
from cs229ps2.problems.perceptron import perceptron
from cs229ps2.problems.spam import spam
from cs229ps2.problems.spam import svm as spam_svm
from cs229ps2.problems.stability import training as stability
from tools import oracles

STABILITY_CAP = 20_000  # iterations of the course's logistic regression (it never stops on its own)


def best_time(fn, repeats: int) -> tuple[float, object]:
    """Median wall seconds of fn() over repeats calls, and the last result."""
    times, value = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def timed_pair(ours, sklearn, repeats: int) -> tuple[dict, object, object]:
    """Time both callables: ({"ours_s", "sklearn_s"}, our result, scikit-learn's result)."""
    t_ours, ours_value = best_time(ours, repeats)
    t_sk, sk_value = best_time(sklearn, repeats)
    return {"ours_s": t_ours, "sklearn_s": t_sk}, ours_value, sk_value


def agreement_row(ours, sklearn, note: str, repeats: int = 5) -> dict:
    """The comparison row of two fit + predict callables, with how often their predictions agree."""
    row, p_ours, p_sk = timed_pair(ours, sklearn, repeats)
    agreement = accuracy(p_ours, p_sk)
    return {**row, "agreement": agreement, "note": f"{note}; predictions agree on {agreement:.1%}"}


def compare_sklearn(workdir: Path, config: dict, radius: float | None = None) -> dict:
    """Model name -> comparison row, on the copy's data and matrices."""
    with threadpool_limits(limits=1):
        out = dict(
            [
                naive_bayes(workdir),
                svm(workdir, config["spam"]["svm"], radius),
                ridge_sweep(workdir, config),
                logistic_regression(workdir, config["stability"]),
                kernel_perceptron(workdir, config["perceptron"]["learning_rate"]),
            ]
        )
    for row in out.values():
        row["ratio"] = row["ours_s"] / row["sklearn_s"] if row["sklearn_s"] > 0 else None
    return out


def _spam_matrices(workdir: Path):
    train = np.load(workdir / "results/spam/train_matrix.npz")
    test = np.load(workdir / "results/spam/test_matrix.npz")
    return train["counts"], train["labels"], test["counts"], test["labels"]


def naive_bayes(workdir: Path) -> tuple[str, dict]:
    xtr, ytr, xte, _ = _spam_matrices(workdir)
    row = agreement_row(
        lambda: spam.predict_from_naive_bayes_model(spam.fit_naive_bayes_model(xtr, ytr), xte),
        lambda: MultinomialNB(alpha=1.0).fit(xtr, ytr).predict(xte),
        f"MultinomialNB(alpha=1) on the count matrices ({xtr.shape[0]} x {xtr.shape[1]})",
    )
    return "naive Bayes (spam)", row


def svm(workdir: Path, settings: dict, radius: float | None) -> tuple[str, dict]:
    """The course's RBF SVM (SGD) against SVC; default radius: the second of the config's radii."""
    xtr, ytr, xte, yte = _spam_matrices(workdir)
    radii = settings["radii"]
    radius = float(radius if radius is not None else radii[1 if len(radii) > 1 else 0])
    loops, gamma = settings["outer_loops"], 1.0 / (2.0 * radius**2)

    def ours():
        rng = spam_svm.course_stream(settings["seed"], 0, len(ytr), loops)
        return spam_svm.train_and_predict(xtr, ytr, xte, radius, rng, loops)[0]

    def sklearn():
        xb, xt = oracles.binarize(xtr), oracles.binarize(xte)
        return SVC(kernel="rbf", gamma=gamma, C=1.0).fit(xb, ytr).predict(xt)

    row, p_ours, p_sk = timed_pair(ours, sklearn, 1)
    acc_ours, acc_sk = accuracy(yte, p_ours), accuracy(yte, p_sk)
    row |= {
        "accuracy_ours": acc_ours,
        "accuracy_sklearn": acc_sk,
        "note": f"course SGD, {loops} x M steps, dense kernel, vs SVC(rbf, gamma=1/(2r^2)={gamma:g}, C=1, "
        f"libsvm SMO) on binarised features; test accuracy {acc_ours:.4f} vs {acc_sk:.4f}",
    }
    return f"RBF SVM (spam, radius {radius:g})", row


def ridge_sweep(workdir: Path, config: dict) -> tuple[str, dict]:
    """Validation MSE for every (training set, strength): one SVD per set against one fit per pair."""
    dd, sizes = config["doubledescent"], config["train_sizes"]
    data = {n: read_vectors(workdir / f"data/bayesianreg/train{n}.csv") for n in sizes}
    x_val, y_val = read_vectors(workdir / "data/bayesianreg/validation.csv")
    eta = ridge.prior_sd(dd["eta"], x_val.shape[1])
    multipliers = np.asarray(dd["multipliers"], dtype=float)
    alphas = ridge.ridge_alpha(multipliers * ridge.lambda_opt(eta), dd["sigma"])

    def ours():
        return np.array([ridge.validation_mse(*data[n], x_val, y_val, alphas) for n in sizes])

    def sklearn():
        def model(a):
            return LinearRegression(fit_intercept=False) if a == 0 else Ridge(alpha=a, fit_intercept=False)

        return np.array(
            [[np.mean((model(a).fit(*data[n]).predict(x_val) - y_val) ** 2) for a in alphas] for n in sizes]
        )

    row, m_ours, m_sk = timed_pair(ours, sklearn, 3)
    gap = float(np.max(np.abs(m_ours - m_sk)))
    row |= {
        "max_abs_mse_difference": gap,
        "note": f"one SVD per training set for all {len(alphas)} strengths vs one Ridge(fit_intercept=False) "
        f"fit per (n, lambda) (LinearRegression, min-norm lstsq, at lambda = 0); validation MSEs differ by "
        f"at most {gap:.1e}",
    }
    return f"ridge sweep ({len(alphas)} x {len(sizes)})", row


def logistic_regression(workdir: Path, settings: dict) -> tuple[str, dict]:
    """The course's gradient ascent (capped) against an unpenalised LogisticRegression on data set A."""
    x, y = read_points(workdir / "data/stability/ds1_a.csv")
    rate, tol = settings["learning_rate"], settings["tol"]
    row, run, model = timed_pair(
        lambda: stability.train(x, y, STABILITY_CAP, learning_rate=rate, tol=tol),
        lambda: LogisticRegression(C=np.inf, max_iter=10_000, tol=1e-10).fit(x, y),
        3,
    )
    ours_n, sk_n = int(run["iterations"]), int(model.n_iter_[0])
    row |= {
        "iterations_ours": ours_n,
        "iterations_sklearn": sk_n,
        "note": f"course gradient ascent (rate {rate:g}) capped at {STABILITY_CAP} "
        f"iterations, ran {ours_n}, vs LogisticRegression(C=inf: no penalty, lbfgs), {sk_n} iterations: "
        "different iteration counts and stopping rules",
    }
    return "logistic regression (stability A)", row


def kernel_perceptron(workdir: Path, learning_rate: float) -> tuple[str, dict]:
    """One pass of the course's kernel perceptron (dot kernel) against Perceptron(max_iter=1)."""
    xp, yp = read_points(workdir / "data/perceptron/train.csv")
    xpt, _ = read_points(workdir / "data/perceptron/test.csv")

    def ours():
        state = perceptron.train(xp, yp, perceptron.dot_kernel, learning_rate)
        return perceptron.predict_points(state, perceptron.dot_kernel, xpt)

    def sklearn():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = Perceptron(eta0=learning_rate, max_iter=1, tol=None, shuffle=False, fit_intercept=False)
            return model.fit(xp, yp).predict(xpt)

    row = agreement_row(
        ours,
        sklearn,
        "kernel perceptron (state of (beta, x) pairs, one pass) vs Perceptron(max_iter=1, "
        "no shuffle, no intercept) (explicit weights; ties at score 0 handled differently)",
    )
    return "perceptron, dot kernel", row
