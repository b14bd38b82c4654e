"""Pairs of students whose files are unusually alike, per course file: a flag for staff, never a grade.

copydetect (winnowing fingerprints as in MOSS, over normalised tokens: names become ``V``, strings
``S``, comments and spaces go) fingerprints each file and finds the code two files share. What is
no evidence is left out before scoring: the code of the course's starter file, and code found in
the files of many students (the course's own code where the starter given differs from the one
handed out, and the lines everyone writes). A pair's score is the larger of the two shares of a
file's remaining (own) code that the other file also holds.

Fingerprints are every k-gram (copydetect's window 1), so results do not depend on Python's hash
seed. Starter and common fingerprints are removed here rather than through copydetect's
``boilerplate`` argument, which in copydetect 0.5.0 also drops positions of fingerprints that occur
twice in a file.
"""

from __future__ import annotations

import ast
import io
import itertools
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from copydetect import CodeFingerprint
from copydetect.utils import find_fingerprint_overlap, get_copied_slices

from cs229ps2.grading.parts import PARTS
from cs229ps2.pipeline import files

FILES = tuple(dict.fromkeys(part.path for part in PARTS.values()))  # each graded course file
STARTER = Path(__file__).with_name("starter")  # our rendering of the course's starter files
COLUMNS = ("file", "student_a", "student_b", "score", "matched_lines")
NOISE = 25  # copydetect's default: matches shorter than 25 normalised characters are ignored
THRESHOLD = 0.5  # measured: independent solutions scored <= 0.29, planted near-copies >= 0.94
MIN_MATCHED = 60  # normalised characters of own code matched (about 5 lines): fewer is never flagged
COMMON = 0.2  # code in the files of more than this share of the students (and more than 3) is ignored
MAX_BYTES = 256_000  # a larger file is not a hand-written solution


@dataclass
class Prints:
    """One file's copydetect fingerprint, with which normalised characters are the student's own."""

    code: CodeFingerprint
    own: np.ndarray  # bool per normalised character: covered by no ignored fingerprint
    kept: dict  # fingerprint -> its positions in the normalised code, ignored fingerprints removed


def read_source(path: Path) -> str:
    """A Python file's text (line ends made LF); ValueError naming why it cannot be compared."""
    try:
        if not path.is_file():
            raise ValueError("not a file")
        if path.stat().st_size > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES} bytes")
        raw = path.read_bytes()
    except OSError as err:
        raise ValueError(f"cannot be read ({err.strerror})") from None
    if b"\0" in raw:
        raise ValueError("binary (holds NUL bytes)")
    try:
        text = files.read_text(path, content=raw)
    except files.DataError as err:  # not UTF-8: the reason without the path, which the caller knows
        raise ValueError(str(err).removeprefix(f"{err.path}, ")) from None
    if not text.strip():
        raise ValueError("empty")
    try:
        with warnings.catch_warnings():  # e.g. invalid escape sequences: valid, only warned about
            warnings.simplefilter("ignore")
            ast.parse(text)
    except SyntaxError as err:
        raise ValueError(f"not valid Python (line {err.lineno}: {err.msg})") from None
    except (ValueError, RecursionError, MemoryError) as err:
        raise ValueError(f"not valid Python ({type(err).__name__})") from None
    return text


def fingerprint(path: Path) -> CodeFingerprint:
    """copydetect's fingerprint of every k-gram of a file's normalised code; ValueError if it is odd."""
    text = read_source(path)
    try:
        return CodeFingerprint(str(path), NOISE, 1, language="python", fp=io.StringIO(text))
    except Exception as err:  # the library on input we did not foresee: skip the file, never stop
        raise ValueError(f"copydetect failed ({type(err).__name__}: {err})") from None


def ignored(prints: dict[str, CodeFingerprint], starter: CodeFingerprint | None, common: float) -> set:
    """The starter's fingerprints and those in more than max(3, common * students) students' files."""
    counts = Counter(h for code in prints.values() for h in code.hashes)
    cutoff = max(3, common * len(prints))
    return (starter.hashes if starter else set()) | {h for h, n in counts.items() if n > cutoff}


def own_code(code: CodeFingerprint, skip: set) -> Prints:
    """A file's fingerprints less the ignored ones, and the characters no ignored one covers."""
    own = np.ones(len(code.filtered_code), dtype=bool)
    for h in code.hashes & skip:
        for i in code.hash_idx[h]:
            own[i : i + NOISE] = False
    return Prints(code, own, {h: code.hash_idx[h] for h in code.hashes - skip})


def _matched(idx, size: int) -> np.ndarray:
    """Which normalised characters copydetect's matched k-grams (at positions idx) cover."""
    covered = np.zeros(size, dtype=bool)
    for start, end in get_copied_slices(idx, NOISE).T:
        covered[int(start) : int(end)] = True
    return covered


def _lines(code: CodeFingerprint, mask: np.ndarray) -> list[int]:
    """The lines (from 1) of the original file holding the normalised characters in mask."""
    pos = np.flatnonzero(mask)
    if len(code.offsets):  # normalised -> original positions, as copydetect's compare_files maps them
        at = np.clip(np.searchsorted(code.offsets[:, 0], pos), 0, len(code.offsets) - 1)
        pos = pos + code.offsets[at, 1]
    starts = np.cumsum([0] + [len(line) for line in code.raw_code.splitlines(keepends=True)])
    return sorted(set(np.searchsorted(starts, pos, side="right").tolist()))


def _line_ranges(prints: Prints, hit: np.ndarray) -> str:
    """'12-30, 41': the matched lines, a range bridging lines that hold none of the file's own code."""
    matched, ranges = set(_lines(prints.code, hit)), []
    for line in _lines(prints.code, prints.own | hit):
        if line not in matched:
            ranges.append(None)
        elif ranges and ranges[-1]:
            ranges[-1][1] = line
        else:
            ranges.append([line, line])
    return ", ".join(f"{a}-{b}" if b > a else f"{a}" for a, b in filter(None, ranges))


def compare(a: Prints, b: Prints) -> tuple[float, int, str]:
    """(score, own characters matched, matched lines 'A ...; B ...') of two files."""
    idx_a, idx_b = find_fingerprint_overlap(set(a.kept), set(b.kept), a.kept, b.kept)
    if len(idx_a) == 0:
        return 0.0, 0, ""
    hit_a = _matched(idx_a, len(a.own)) & a.own
    hit_b = _matched(idx_b, len(b.own)) & b.own
    score = max(hit_a.sum() / max(a.own.sum(), 1), hit_b.sum() / max(b.own.sum(), 1))
    lines = f"A {_line_ranges(a, hit_a)}; B {_line_ranges(b, hit_b)}"
    return float(score), int(min(hit_a.sum(), hit_b.sum())), lines


def _starter(starter, name: str, skipped: list) -> CodeFingerprint | None:
    """The starter file's fingerprint, or None (no starter folder, no such file, or an odd one)."""
    path = Path(starter) / name if starter else None
    try:
        return fingerprint(path) if path and path.exists() else None
    except (ValueError, OSError) as err:
        skipped.append({"file": name, "student": "(starter)", "reason": str(err)})
        return None


def similarity(
    submissions: dict[str, Path],
    course_files=FILES,
    starter=STARTER,
    threshold: float = THRESHOLD,
    min_matched: int = MIN_MATCHED,
    common: float = COMMON,
) -> tuple[list[dict], list[dict]]:
    """Flagged pairs per course file, and the files skipped.

    submissions: student -> submission folder (laid out like the course's src/); course_files:
    paths inside it to compare; starter: folder of the course's starter files (None: none).
    A pair is flagged when its score is at least threshold and at least min_matched normalised
    characters of own code match. Returns (rows with COLUMNS, highest score first;
    [{"file", "student", "reason"}] for each file that could not be compared). Students without
    a file are left out of that file's comparisons.
    """
    rows, skipped = [], []
    for name in course_files:
        prints = {}
        for student, folder in sorted(submissions.items()):
            path = Path(folder) / name
            try:
                if path.exists() or path.is_symlink():  # a dangling link is odd, not missing
                    prints[student] = fingerprint(path)
            except (ValueError, OSError) as err:
                skipped.append({"file": name, "student": student, "reason": str(err)})
        skip = ignored(prints, _starter(starter, name, skipped), common)
        own = {student: own_code(code, skip) for student, code in prints.items()}
        for a, b in itertools.combinations(own, 2):
            score, matched, lines = compare(own[a], own[b])
            if score >= threshold and matched >= min_matched:
                pair = {"file": name, "student_a": a, "student_b": b}
                rows.append(pair | {"score": round(score, 3), "matched_lines": lines})
    rows.sort(key=lambda r: (-r["score"], r["file"], r["student_a"], r["student_b"]))
    return rows, skipped


def write_similarity(rows: list[dict], path) -> None:
    """Write the flagged pairs as similarity.csv (COLUMNS)."""
    files.write_rows(path, rows, COLUMNS)
