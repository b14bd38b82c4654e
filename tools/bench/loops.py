"""The hot loops before and after compilation, on the data of a finished run, in this process.

- the course's logistic regression (1(a)-(c)): 1,000,000 steps on data set B compiled
  (:mod:`cs229ps2.problems.compiled`) against the numpy reference (``compiled=False``, timed on
  fewer steps and scaled: its cost per step is constant), and the iteration count on A of both;
- numba's one-off costs in a fresh process: compiling into an empty cache, then loading it;
- the SVM's kernel matrix: the shared sparse RBF kernel against the dense float32 product of
  :func:`cs229ps2.problems.spam.svm.kernel` (bit-identical, checked).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from cs229ps2.pipeline.files import read_points
from cs229ps2.problems.maths import rbf_kernel
from cs229ps2.problems.spam import svm as spam_svm
from cs229ps2.problems.stability import training as stability
from tools import oracles

STEPS = 1_000_000
REFERENCE_STEPS = 100_000
COMPILED = {"compiled": True, "numpy": False}
FIRST_CALL = (
    "import time; import numpy as np; from cs229ps2.problems.stability import training as s; "
    "x = np.array([[0., 1.], [1., 0.]]); y = np.array([0, 1]); t = time.perf_counter(); s.train(x, y, 2); "
    "a = time.perf_counter() - t; print(a)"
)


def _timed(function, *args, **kwargs):
    start = time.perf_counter()
    out = function(*args, **kwargs)
    return time.perf_counter() - start, out


def logistic_loop(workdir: Path) -> dict:
    """Seconds per 1,000,000 steps on B, compiled and numpy; iterations on A; numba's first-call costs."""
    xb, yb = read_points(workdir / "data/stability/ds1_b.csv")
    xa, ya = read_points(workdir / "data/stability/ds1_a.csv")
    stability.train(xb, yb, 10)  # load (or compile) outside the timing
    compiled_s, _ = _timed(stability.train, xb, yb, STEPS, tol=0.0)
    numpy_s, _ = _timed(stability.train, xb, yb, REFERENCE_STEPS, tol=0.0, compiled=False)
    numpy_s *= STEPS / REFERENCE_STEPS
    on_a = {
        name: stability.train(xa, ya, STEPS, compiled=flag)["iterations"] for name, flag in COMPILED.items()
    }
    return {
        "compiled_s_per_1e6_steps_on_b": compiled_s,
        "numpy_s_per_1e6_steps_on_b": numpy_s,
        "numpy_measured_steps": REFERENCE_STEPS,
        "compiled_steps_per_s": STEPS / compiled_s,
        "speedup": numpy_s / compiled_s,
        "iterations_on_a": on_a,
        **numba_first_calls(),
    }


def numba_first_calls() -> dict:
    """Seconds of the first call in a fresh process: compiling into an empty cache, then loading it."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        compile_s, load_s = (_first_call(env) for _ in range(2))
    return {"numba_compile_s": compile_s, "numba_cache_load_s": load_s}


def _first_call(env: dict) -> float:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_CALL], env=env, capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def svm_kernel(workdir: Path, radius: float = 0.1) -> dict:
    """Seconds of the (M, M) training kernel: the shared sparse RBF kernel against spam_svm.kernel."""
    counts = np.load(workdir / "results/spam/train_matrix.npz")["counts"]
    sparse_s, before = _timed(lambda: rbf_kernel(oracles.binarize(counts), oracles.binarize(counts), radius))
    dense_s, after = _timed(spam_svm.kernel, counts, counts, radius)
    return {
        "m": len(counts),
        "sparse_s": sparse_s,
        "dense_float32_s": dense_s,
        "speedup": sparse_s / dense_s,
        "identical": bool(np.array_equal(before, after)),
    }
