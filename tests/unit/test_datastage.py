"""The data stage: course-or-synthetic decision, sha256 verification, CRLF copies."""

import hashlib

import pytest
from conftest import COURSE_DATA, needs_course_data

from cs229ps2.pipeline import datastage
from cs229ps2.pipeline.files import DataError
from cs229ps2.problems.stability import data as stability_data

POINTS = "y,x0,x1\n0,0.5,1.5\n1,2.0,-1.0\n"


def course_folder(tmp_path, text=POINTS, newline="\n"):
    folder = tmp_path / "course" / "stability"
    folder.mkdir(parents=True)
    for name in ("ds1_a.csv", "ds1_b.csv"):
        (folder / name).write_bytes(text.replace("\n", newline).encode())
    return tmp_path / "course"


def test_missing_files_decide_the_source(tmp_path):
    course = course_folder(tmp_path)
    assert datastage.missing_course_files(str(course), "stability", [200]) == []
    assert datastage.missing_course_files("", "stability", [200]) == ["ds1_a.csv", "ds1_b.csv"]
    (course / "stability" / "ds1_b.csv").unlink()
    assert datastage.missing_course_files(str(course), "stability", [200]) == ["ds1_b.csv"]
    assert datastage.missing_course_files(str(course), "bayesianreg", [200, 250]) == [
        "train200.csv",
        "train250.csv",
        "validation.csv",
    ]


def test_unknown_content_is_copied_as_modified(tmp_path):
    sources = sorted((course_folder(tmp_path) / "stability").iterdir())
    targets = [tmp_path / s.name for s in sources]
    record = datastage.copy_course("stability", sources, targets)
    assert record["source"] == "modified"
    assert {f["status"] for f in record["files"].values()} == {"modified"}
    assert any("differs from the known course release" in w for w in record["warnings"])
    assert targets[0].read_text() == POINTS


def test_crlf_copy_matches_its_lf_twin(tmp_path, monkeypatch):
    digest = hashlib.sha256(POINTS.encode()).hexdigest()
    monkeypatch.setitem(stability_data.KNOWN_SHA256, "ds1_a.csv", digest)
    monkeypatch.setitem(stability_data.KNOWN_SHA256, "ds1_b.csv", digest)
    sources = sorted((course_folder(tmp_path, newline="\r\n") / "stability").iterdir())
    targets = [tmp_path / s.name for s in sources]
    record = datastage.copy_course("stability", sources, targets)
    assert record["source"] == "course" and record["warnings"] == []
    assert targets[1].read_bytes() == POINTS.encode()  # written with LF line ends


def test_bad_course_file_stops_before_any_copy(tmp_path):
    sources = sorted((course_folder(tmp_path) / "stability").iterdir())
    sources[1].write_text("y,x0,x1\n0,0.5,1.5\n3,2.0,-1.0\n")
    targets = [tmp_path / s.name for s in sources]
    with pytest.raises(DataError, match=r"ds1_b.csv, line 3: column y: label 3 is not 0 or 1"):
        datastage.copy_course("stability", sources, targets)
    assert not any(t.exists() for t in targets)


def test_synthetic_record_says_why(tmp_path):
    names = datastage.data_files("stability", [])
    targets = [tmp_path / n for n in names]
    settings = {"seed": 0, "n_points": 20}
    record = datastage.synthesize("stability", targets, settings, ["ds1_b.csv"], True)
    assert record["source"] == "synthetic"
    assert record["reason"] == "course files missing: ds1_b.csv"
    assert record["settings"] == settings
    assert record["files"] == {
        t.name: {"sha256": hashlib.sha256(t.read_bytes()).hexdigest()} for t in targets
    }  # no comparison with the course release: these files are not meant to match it
    unset = datastage.synthesize("stability", targets, settings, names, False)
    assert unset["reason"] == "course_data not set"


def test_synthetic_reason_when_course_data_lacks_every_file(tmp_path):
    course = tmp_path / "course"
    course.mkdir()  # course_data is set, but the folder has none of the problem's files
    names = datastage.data_files("stability", [])
    missing = datastage.missing_course_files(str(course), "stability", [])
    assert missing == names
    record = datastage.synthesize(
        "stability", [tmp_path / n for n in names], {"seed": 0, "n_points": 20}, missing, True
    )
    assert record["reason"] == "course files missing: ds1_a.csv, ds1_b.csv"


def test_bayesianreg_sizes_and_nesting_are_checked(tmp_path):
    names = datastage.data_files("bayesianreg", [3, 5])
    paths = [tmp_path / n for n in names]
    settings = {"seed": 0, "d": 4, "sigma": 0.5, "n_validation": 2}
    assert datastage.synthesize("bayesianreg", paths, settings, names, False)["warnings"] == []
    assert paths[1].read_bytes().startswith(paths[0].read_bytes())  # train3 is written as train5's prefix
    assert datastage.distinct_files("bayesianreg", paths) == [paths[1], paths[2]]  # what gets parsed back
    paths[0].rename(tmp_path / "train4.csv")
    with pytest.raises(DataError, match="has 3 rows, its name promises 4"):
        datastage.validate("bayesianreg", [tmp_path / "train4.csv"])
    (tmp_path / "train4.csv").rename(paths[0])
    paths[1].write_text(paths[1].read_text().replace("e-", "e+", 1))
    warnings = datastage.validate("bayesianreg", paths[:2])
    assert warnings == [f"{paths[0]} is not the first 3 rows of {paths[1]}"]


@needs_course_data
def test_course_release_matches_recorded_sha256(tmp_path):
    for problem in ("stability", "spam", "perceptron", "simple_nn"):
        names = datastage.data_files(problem, [])
        sources = [COURSE_DATA / problem / n for n in names]
        record = datastage.copy_course(problem, sources, [tmp_path / n for n in names])
        assert record["source"] == "course", problem
        assert {f["status"] for f in record["files"].values()} == {"match"}
    assert datastage.missing_course_files(str(COURSE_DATA), "bayesianreg", range(200, 801, 50))


@needs_course_data
@pytest.mark.parametrize("problem", ["stability", "spam"])
def test_saved_copies_of_the_course_files_are_the_release_and_say_what_was_undone(tmp_path, problem):
    """A byte-order mark, trailing blank lines and (numeric files) trailing spaces: the copy in
    data/ is the release byte for byte, and the record names each normalisation."""
    names = datastage.data_files(problem, [])
    sources = []
    for name in names:
        text = (COURSE_DATA / problem / name).read_text(encoding="utf-8")
        if problem != "spam":
            text = text.replace("\n", "  \n", 3)
        source = tmp_path / "saved" / name
        source.parent.mkdir(exist_ok=True)
        source.write_text("\ufeff" + text + "\n\n", encoding="utf-8")
        sources.append(source)
    targets = [tmp_path / "data" / n for n in names]
    targets[0].parent.mkdir()
    record = datastage.copy_course(problem, sources, targets)
    assert record["source"] == "course"  # not "modified": the release itself
    assert all(entry["status"] == "match" for entry in record["files"].values())
    for name, target in zip(names, targets):
        assert target.read_bytes() == (COURSE_DATA / problem / name).read_bytes()
        notes = record["files"][name]["normalised"]
        assert notes[0] == "byte-order mark removed" and notes[-1] == "2 trailing blank lines ignored"
        assert ("trailing spaces removed on 3 lines" in notes) == (problem != "spam")
    assert len(record["normalised"]) == len(names)
