"""Problem 2's data files (spam_{train,val,test}.tsv): the known release, a synthetic stand-in,
the check. The data stage (:mod:`cs229ps2.pipeline.datastage`) loads this module by name.
"""

from __future__ import annotations

import numpy as np

from cs229ps2.pipeline import files

NUMERIC = False  # text: the data stage's normalisation leaves the messages' bytes alone
KNOWN_SHA256 = {  # of the course's release, LF line ends
    "spam_train.tsv": "c3b7531c8c6516edea01e81bd8c0e0628a3461d4060c29ba235c79f828d1ae25",
    "spam_val.tsv": "730cd41fbef3b398b74f0ab3ed2eae0b88d6c3c5d1e9d5f4c7858ff9822e2a22",
    "spam_test.tsv": "ae5cfe33ae4546e8bddd90b0e3434e3465fcb0ad071588794e7634ecf1ce8176",
}
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


def generate(seed: int, sizes: dict[str, int], spam_fraction: float = 0.134, long_fraction: float = 0.0):
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


def write(paths: dict, settings: dict) -> None:
    """The stand-in's files, by name: {file name: path}."""
    s = settings
    sizes = {split: s[f"n_{split}"] for split in ("train", "val", "test")}
    sets = generate(s["seed"], sizes, s["spam_fraction"], s.get("long_fraction", 0.0))
    for split, (messages, labels) in sets.items():
        files.write_spam(paths[f"spam_{split}.tsv"], messages, labels)


def validate(paths) -> list[str]:
    """Parse each file with both readers; warnings name the lines where they disagree."""
    found = {path: files.spam_reader_disagreements(path) for path in paths}
    return [
        f"{path}: the course and strict readers disagree on lines {', '.join(map(str, lines))}"
        for path, lines in found.items()
        if lines
    ]
