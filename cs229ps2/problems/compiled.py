"""Compiled hot loops (numba): the per-step loops that numpy would run in Python.

Each function here has a numpy reference beside its caller (the tests compare the two):
:func:`logistic_ascent` is the compiled form of :func:`cs229ps2.problems.stability.training.ascent_numpy`.

numba caches the machine code in ``__pycache__`` beside this file (``cache=True``): ignored by
git, carried into workflow copies (:func:`cs229ps2.pipeline.workspace.copy_workflow`; numba
checks each entry against the source file's time stamp and size, so an edited copy compiles
afresh), and not read by the code digests (:mod:`cs229ps2.pipeline.codehash` hashes sources
only). ``cs229ps2 compile`` (run once by ``make`` at setup) fills the cache, so pipeline jobs
only load it. numba writes each cache file under a temporary name and renames it, so jobs
compiling at once are safe; a job that finds no valid cache compiles (about 3 s) and writes one.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

# Where the sigmoid's bits are known without exp: 1 + exp(-z) rounds to exactly 1.0 when
# exp(-z) < 2^-53, i.e. z > 53 ln 2 = 36.74, and exp(-z) overflows to inf (so 1 / (1 + inf) = 0)
# when -z > 709.79. Skipping exp there gives the same bits and saves most of the time on data
# where theta has grown (separable data).
SIGMOID_ONE_FROM = 37.0
SIGMOID_ZERO_BELOW = -710.0


@njit(cache=True)
def _dot4(a, b):
    """sum_i a_i b_i in four interleaved partial sums (independent chains: about 3x faster)."""
    n = a.size
    m = n - n % 4
    s0 = s1 = s2 = s3 = 0.0
    for i in range(0, m, 4):
        s0 += a[i] * b[i]
        s1 += a[i + 1] * b[i + 1]
        s2 += a[i + 2] * b[i + 2]
        s3 += a[i + 3] * b[i + 3]
    for i in range(m, n):
        s0 += a[i] * b[i]
    return (s0 + s1) + (s2 + s3)


@njit(cache=True)
def logistic_ascent(
    xt, y, theta, first, last, learning_rate, decay_power, l2, tol, record, rec_theta, rec_step, n_rec
):
    """Steps first..last of the course's gradient ascent, theta (d,) updated in place.

    xt: (d, n) inputs WITH intercept, transposed; y (n,). Step t: p = 1 / (1 + exp(-x theta)),
    grad = (y - p)^T x - 2 l2 theta (the penalty only if l2), step = grad * learning_rate / t^decay_power
    (the rate constant if decay_power is 0), new = theta + step; stop when ||new - theta|| < tol.
    At the iterations in ``record`` (sorted, from index n_rec on) and at the stop, theta goes to
    rec_theta[n_rec] and ||step|| to rec_step[n_rec]. Returns (last step run, stopped, n_rec).
    """
    d, n = xt.shape
    r = np.empty(n)
    step = np.empty(d)
    stopped = False
    t = first - 1
    for t in range(first, last + 1):
        r[:] = 0.0
        for j in range(d):
            th = theta[j]
            for i in range(n):
                r[i] += xt[j, i] * th
        for i in range(n):  # r = y - p
            if r[i] >= SIGMOID_ONE_FROM:
                r[i] = y[i] - 1.0
            elif r[i] <= SIGMOID_ZERO_BELOW:
                r[i] = y[i]
            else:
                r[i] = y[i] - 1.0 / (1.0 + math.exp(-r[i]))
        rate = learning_rate if decay_power == 0.0 else learning_rate / float(t) ** decay_power
        moved = 0.0
        size = 0.0
        for j in range(d):
            g = _dot4(r, xt[j])
            if l2 != 0.0:
                g = g - theta[j] * (2.0 * l2)
            step[j] = g * rate
            new = theta[j] + step[j]
            diff = new - theta[j]
            theta[j] = new
            moved += diff * diff
            size += step[j] * step[j]
        stopped = math.sqrt(moved) < tol
        if stopped or (n_rec < record.size and record[n_rec] == t):
            rec_theta[n_rec] = theta
            rec_step[n_rec] = math.sqrt(size)
            n_rec += 1
        if stopped:
            break
    return t, stopped, n_rec
