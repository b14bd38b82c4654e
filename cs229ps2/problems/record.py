"""What describes a problem: its record (key, number, title, course folder, data files, graded
parts), held in ``cs229ps2/problems/<key>/__init__.py`` and listed in :mod:`.registry`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """A graded part: the course file and functions it calls, its points, and whether a private
    set grades it too. Its problem's ``grading`` module is the driver."""

    name: str
    problem: str  # the key of the problem whose grading module drives the part
    folder: str  # folder of the course's src/
    file: str  # the student's file, relative to the folder
    functions: tuple[str, ...]  # what the part calls
    points: float  # the problem set's points for the part
    private: bool  # also graded on the private test set

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.file}"


@dataclass(frozen=True)
class Problem:
    """One problem of the set.

    key: its one name, in ``cs229ps2/problems/<key>/``, ``workflow/rules/<key>.smk``,
    ``results/<key>/`` and the config; course_folder: its folder in the course's src/ and data
    release (``data/<course_folder>/`` mirrors the release); data: the files of that folder the
    pipeline reads (``{n}`` stands for each training size); parts: what a submission is graded on.
    """

    key: str
    number: str
    title: str
    course_folder: str = ""
    data: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()

    @property
    def label(self) -> str:
        """How the page names it: "4(d) Double descent"."""
        return f"{self.number} {self.title}"

    def data_files(self, train_sizes=()) -> list[str]:
        """The data file names, each ``{n}`` expanded over the training sizes."""
        return [name.format(n=n) for name in self.data for n in (train_sizes if "{n}" in name else [None])]
