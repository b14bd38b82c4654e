"""Synthetic stand-ins for the course data, one documented generating process per problem.

Every generator takes a seed and returns arrays; writing them in the course's file
formats is the data stage's job (:mod:`cs229ps2.datastage`).
"""

from __future__ import annotations

import numpy as np


def _uniform_kept(rng, n: int, high: float, batch: int, keep):
    """n points uniform in [0, high]^2 that pass keep, by rejection.

    Draws batches of ``batch`` points (shape (batch, 2)) until n pass; keep maps such a
    batch to a boolean mask (batch,). Returns the first n kept points, shape (n, 2).
    """
    points = np.empty((0, 2))
    while len(points) < n:
        draw = rng.uniform(0, high, size=(batch, 2))
        points = np.vstack([points, draw[keep(draw)]])
    return points[:n]


def _half_planes(rng, n: int, margin: float):
    """n points in [0, 1]^2 labelled by the line x0 + x1 = 1, none closer than margin."""
    x = _uniform_kept(rng, n, 1, 4 * n, lambda p: np.abs(p.sum(axis=1) - 1) / np.sqrt(2) > margin)
    return x, (x.sum(axis=1) > 1).astype(int)


def stability(seed: int, n: int = 100) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Data sets A (``ds1_a``) and B (``ds1_b``) of n 2-D points each, labels in {0, 1}.

    B: uniform points in the unit square labelled by the line x0 + x1 = 1 with a
    margin of 0.05: linearly separable.
    A: the same process, then four points in an XOR layout at the square's centre
    (two of each class on crossing diagonals), so the class hulls intersect and no
    line separates A.
    """
    rng = np.random.default_rng(seed)
    x_b, y_b = _half_planes(rng, n, margin=0.05)
    x_a, y_a = _half_planes(rng, n - 4, margin=0.05)
    u, v = np.array([0.1, 0.1]), np.array([0.1, -0.1])
    centre = np.array([0.5, 0.5])
    xor = np.array([centre + u, centre - u, centre + v, centre - v])
    x_a = np.vstack([x_a, xor])
    y_a = np.concatenate([y_a, [1, 1, 0, 0]])
    order = rng.permutation(n)
    return {"ds1_a": (x_a[order], y_a[order]), "ds1_b": (x_b, y_b)}


COMMON_WORDS = (
    "i you the to a and is in it my for of me u your on that have are be at so "
    "not can we will do this all just but get with ok now"
).split()
HAM_WORDS = (
    "home later love dinner sorry tomorrow going work sleep lunch meet class "
    "tonight morning night miss good happy time come back see lol yeah dear "
    "thanks pick wait already coming soon"
).split()
SPAM_WORDS = (
    "free win prize claim cash urgent offer mobile reply stop award guaranteed "
    "txt call winner 150p customer service contact ringtone voucher entry "
    "nokia tone selected bonus"
).split()


def _message(rng, topical: list[str], length: int) -> str:
    words = []
    for _ in range(length):
        pool = topical if rng.random() < 0.45 else COMMON_WORDS
        word = pool[int(rng.integers(len(pool)))]
        words.append(word.upper() if rng.random() < 0.1 else word)
    return " ".join(words)


def spam(seed: int, sizes: dict[str, int], spam_fraction: float = 0.134, long_fraction: float = 0.0):
    """Short messages: ``{split: (messages, labels)}`` for each split in sizes.

    Each message has 3 + Poisson(9) words; each word is a topical word with
    probability 0.45 (spam words for spam, ham words for ham) and a common word
    otherwise, upper-cased with probability 0.1. Labels: spam (1) with
    probability spam_fraction. With long_fraction > 0, that share of messages has
    200 to 400 words instead (products of their word probabilities underflow).
    """
    rng = np.random.default_rng(seed)
    out = {}
    for split, n in sizes.items():
        labels = (rng.random(n) < spam_fraction).astype(int)
        lengths = 3 + rng.poisson(9, size=n)
        if long_fraction:
            long = rng.random(n) < long_fraction
            lengths[long] = rng.integers(200, 401, size=int(long.sum()))
        messages = [
            _message(rng, SPAM_WORDS if lab else HAM_WORDS, int(k)) for lab, k in zip(labels, lengths)
        ]
        out[split] = (messages, labels)
    return out


def _rings(rng, n: int):
    """n points: class 0 within radius 1.5 of the origin, class 1 at radius 2.5 to 4."""
    labels = rng.integers(0, 2, size=n)
    radius = np.where(labels == 1, rng.uniform(2.5, 4.0, n), 1.5 * np.sqrt(rng.uniform(0, 1, n)))
    angle = rng.uniform(0, 2 * np.pi, n)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), labels


def perceptron(seed: int, n_train: int = 200, n_test: int = 200):
    """Train and test sets of 2-D points: a disc (class 0) inside a ring (class 1).

    No line separates them; an RBF kernel boundary does.
    """
    rng = np.random.default_rng(seed)
    return {"train": _rings(rng, n_train), "test": _rings(rng, n_test)}


def bayesianreg(seed: int, train_sizes, n_validation: int, d: int = 500, sigma: float = 0.5):
    """The generating process of problem 4(c, d).

    theta ~ N(0, I/d); x ~ N(0, I_d); y = theta^T x + N(0, sigma^2). One draw of
    max(train_sizes) training rows; training set n is its first n rows (nested).
    Returns ``{"train{n}": (x, y), ..., "validation": (x, y)}``.
    """
    rng = np.random.default_rng(seed)
    theta = rng.normal(0, 1 / np.sqrt(d), size=d)

    def draw(n):
        x = rng.normal(size=(n, d))
        return x, x @ theta + rng.normal(0, sigma, size=n)

    x, y = draw(max(train_sizes))
    sets = {f"train{n}": (x[:n], y[:n]) for n in train_sizes}
    sets["validation"] = draw(n_validation)
    return sets


def inside_triangle(x: np.ndarray) -> np.ndarray:
    """True for points of shape (n, 2) inside the triangle x1 > 0.5, x2 > 0.5, x1 + x2 < 4."""
    return (x[:, 0] > 0.5) & (x[:, 1] > 0.5) & (x.sum(axis=1) < 4)


def _edge_distance(x: np.ndarray) -> np.ndarray:
    """Distance (n,) of points x (n, 2) to the nearest of the triangle's three edge lines."""
    return np.min(
        [np.abs(x[:, 0] - 0.5), np.abs(x[:, 1] - 0.5), np.abs(x.sum(axis=1) - 4) / np.sqrt(2)], axis=0
    )


def simple_nn(seed: int, n: int = 448):
    """n uniform points in [0, 4]^2: class 0 inside the triangle, class 1 outside.

    Points within 0.02 of an edge are redrawn, so a step network with the
    problem's hint weights classifies every point.
    """
    rng = np.random.default_rng(seed)
    x = _uniform_kept(rng, n, 4, 2 * n, lambda p: _edge_distance(p) > 0.02)
    return x, (~inside_triangle(x)).astype(int)
