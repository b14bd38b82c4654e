"""The course's drivers per problem, the parent's half: what each part's child receives, and how
its return values are checked and judged against the reference's.

Each module has ``inputs(part, data, settings) -> Inputs`` (read once per graded row and shared by
every submission: only what the driver passes to the student's functions, plus the course's
files of the folder the student's code may read by name; labels to score with stay in ``judge``),
``check(part, returned, row) -> got`` (types, shapes and sizes; :class:`ReturnError` otherwise)
and ``judge(part, got, expected, row, tolerances) -> Verdict``. Parts that build on earlier ones
get the reference's inputs (2(b)-(d) the reference dictionary and matrices), so one mistake
fails the part it is in, not every part after it. The child's half is ``grading/child/calls.py``.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cs229ps2.pipeline.files import write_npz


@dataclass
class Inputs:
    """A graded row's inputs: values (JSON) and arrays (NPZ) for the child, the course's files
    it may read by name (name -> path), and the judge's own data (never sent to the child)."""

    values: dict = field(default_factory=dict)
    arrays: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)
    judge: dict = field(default_factory=dict)

    def write(self, folder: Path) -> None:
        """folder/child/{inputs.json, inputs.npz, files/} and folder/judge.npz."""
        child = Path(folder) / "child"
        (child / "files").mkdir(parents=True)
        (child / "inputs.json").write_text(json.dumps(self.values), encoding="utf-8")
        write_npz(child / "inputs.npz", **self.arrays)
        for name, source in self.files.items():
            shutil.copyfile(source, child / "files" / name)
        write_npz(Path(folder) / "judge.npz", **{k: np.asarray(v) for k, v in self.judge.items()})


class Row:
    """A graded row's inputs folder, as the judge reads it (trusted: the parent's side)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @property
    def child(self) -> Path:
        return self.folder / "child"

    def values(self) -> dict:
        return json.loads((self.child / "inputs.json").read_text(encoding="utf-8"))

    def judge(self) -> dict:
        with np.load(self.folder / "judge.npz", allow_pickle=False) as arrays:
            return dict(arrays)

    def file(self, name: str) -> Path:
        return self.child / "files" / name
