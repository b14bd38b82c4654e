"""Problem 4(d)'s data files (bayesianreg/train{n}.csv, validation.csv): the known release, a
synthetic stand-in, the check. The data stage (:mod:`cs229ps2.pipeline.datastage`) loads this
module by name.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from cs229ps2.pipeline import files

KNOWN_SHA256 = {  # of the course's release, LF line ends (the files a copy was available of)
    "train200.csv": "9f9742aa6ea1d178316875ccb3e34c9dd02f2a10d30481a7c147f2a09cf832ca",
    "train250.csv": "9faecdf2f3c2c04ebfdd56e417b5082e17f42eccb9acd6d5cbcfc24968f4f144",
    "train300.csv": "e0a33d2610660f4f612b656ed32b4e391eaacb907351b06a88f949d644053424",
    "train350.csv": "b2095de5c198896d2ef5e48a23515e7770770ab835691d71493fea587c07c417",
    "train400.csv": "406c5f7f3ede13d58643b1e68ae280d93b1ca306c1dcdbb866d701faa815be19",
    "train450.csv": "cd0faa5c11ff9f182c7720151f6462244bc8c6b9d3f44c3d99e3964864413258",
    "train500.csv": "ab1ff05fab3af311fcd7dd4fadd40e21cf043fe00b0059feabc68dde1e32e753",
}


def train_size(path) -> int:
    """n of a training file train{n}.csv."""
    return int(Path(path).stem.removeprefix("train"))


def generate(seed: int, train_sizes, n_validation: int, d: int = 500, sigma: float = 0.5):
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


def write(paths: dict, settings: dict) -> None:
    """The stand-in's files, by name: {file name: path}; each training set is a prefix of the
    largest, written with the same lines."""
    s = settings
    sizes = [train_size(name) for name in paths if name.startswith("train")]
    sets = generate(s["seed"], sizes, s["n_validation"], s["d"], s["sigma"])
    nested = files.vector_lines(*sets[f"train{max(sizes)}"])
    for name, (x, y) in sets.items():
        lines = nested[: len(x)] if name.startswith("train") else None
        files.write_vectors(paths[f"{name}.csv"], x, y, lines)


def distinct_files(targets) -> list:
    """The written files whose lines no other holds: all but the smaller training sets, which are
    written as prefixes of the largest (their loader would parse its lines again)."""
    trains = [t for t in targets if Path(t).name.startswith("train")]
    largest = max(trains, key=train_size)
    return [t for t in targets if t == largest or t not in trains]


def validate(paths) -> list[str]:
    """Check training files have n rows (train{n}.csv), one dimension, and are nested."""
    sets = {}
    dim = None
    for p in map(Path, paths):
        x, y = files.read_vectors(p, dim)
        dim = x.shape[1]
        if p.stem.startswith("train") and len(x) != train_size(p):
            raise files.DataError(p, None, f"has {len(x)} rows, its name promises {train_size(p)}")
        sets[p] = np.column_stack([x, y])
    trains = sorted((len(t), p) for p, t in sets.items() if p.stem.startswith("train"))
    return [
        f"{small} is not the first {n} rows of {large}"
        for (n, small), (_, large) in zip(trains, trains[1:])
        if not np.array_equal(sets[small], sets[large][:n])
    ]
