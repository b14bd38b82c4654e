"""Submissions written to cheat or to do harm, one attack each: each earns 0 points on the part it
attacks, leaves nothing behind, and the grader goes on. Each attack returns the right answer only
if the attack works, so a pass would mean it did. Needs the sandbox (on a machine without it the
signal and fork attacks would reach the grader's own processes): skipped there."""

from __future__ import annotations

import os
import socket
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from grading_rows import EXAMPLE, LEVEL, LIMITS, grade

from cs229ps2.grading.grade import answer_key
from cs229ps2.grading.parts import PARTS
from cs229ps2.pipeline.workspace import REPO

pytestmark = pytest.mark.skipif(LEVEL != "sandbox", reason="the grading sandbox is not available here")
FAST = {**LIMITS, "seconds": 8, "disk_mb": 8, "output_kb": 64, "processes": 16}
FIT = "def fit_naive_bayes_model(matrix, labels):\n    return None\n\n\n"


def submission(tmp_path: Path, files: dict[str, str]) -> Path:
    """A submission folder holding these files (path -> source)."""
    root = tmp_path / "submission"
    for name, source in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(source))
    return root


@pytest.fixture
def scratch_root(tmp_path, monkeypatch) -> Path:
    """The parent's scratch folders go here, so the test sees whether anything is left behind."""
    root = tmp_path / "scratch"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def graded(reference, folder: Path, part: str, scratch_root: Path, limits=FAST) -> dict:
    row = grade(reference, folder, [part], limits)[part]
    assert row["points"] == 0, row
    assert list(scratch_root.iterdir()) == [], "the part left files behind"
    return row


def predict_with(body: str) -> dict[str, str]:
    """spam.py whose 2(b) prediction is body (indented), given the model and the test matrix."""
    return {
        "spam/spam.py": FIT
        + "def predict_from_naive_bayes_model(model, matrix):\n"
        + textwrap.indent(textwrap.dedent(body), "    ")
    }


def test_the_callers_frames_hold_no_labels(reference, tmp_path, scratch_root):
    body = """
    import sys
    import numpy as np
    frame, n = sys._getframe(1), len(matrix)
    while frame is not None:
        for value in [*frame.f_locals.values(), *frame.f_globals.values()]:
            for candidate in value.values() if isinstance(value, dict) else [value]:
                if isinstance(candidate, np.ndarray) and candidate.shape == (n,):
                    return candidate
        frame = frame.f_back
    raise RuntimeError("no test labels in any frame")
    """
    row = graded(reference, submission(tmp_path, predict_with(body)), "2b", scratch_root)
    assert "no test labels in any frame" in row["message"], row


def test_the_package_cannot_be_imported(reference, tmp_path, scratch_root):
    body = """
    from cs229ps2.problems.spam import spam
    return spam.predict_from_naive_bayes_model(spam.fit_naive_bayes_model(matrix, None), matrix)
    """
    row = graded(reference, submission(tmp_path, predict_with(body)), "2b", scratch_root)
    assert "no module named 'cs229ps2' here" in row["message"], row


def test_answers_labels_and_the_project_cannot_be_read(reference, tmp_path, scratch_root):
    inputs = reference["2b"][0]
    secrets = [inputs / "judge.npz", inputs.parent / "2b.npz", REPO / "config.yaml", Path.home() / ".bashrc"]
    body = f"""
    import os
    import numpy as np
    found = []
    for path in {[str(p) for p in secrets]!r} + ["/proc/1/cwd/config.yaml", f"/proc/{{os.getppid()}}/cwd"]:
        try:
            found.append(open(path, "rb").read(10))
        except OSError:
            pass
    found += [v for k, v in os.environ.items() if "results" in v or "work/main" in v]
    if found:
        return np.load({str(inputs.parent / "2b.npz")!r})["predictions"]  # the reference's own
    raise RuntimeError("nothing readable")
    """
    row = graded(reference, submission(tmp_path, predict_with(body)), "2b", scratch_root)
    assert "nothing readable" in row["message"], row


def test_expected_errors_cannot_be_read_by_ridge_regression(reference, tmp_path, scratch_root):
    expected = reference["4d"][0].parent / "4d.npz"
    source = f"""
    import numpy as np

    def ridge_regression(train_path, validation_path):
        return list(np.load({str(expected)!r})["errors"][0])
    """
    row = graded(
        reference, submission(tmp_path, {"bayesianreg/doubledescent.py": source}), "4d", scratch_root
    )
    assert "PermissionError" in row["message"] or "FileNotFoundError" in row["message"], row


def test_nothing_outside_the_working_folder_can_be_written(reference, tmp_path, scratch_root):
    targets = [
        tmp_path / "marker",
        Path("/tmp") / f"attack-{os.getpid()}",
        REPO / "results" / "attack",
        Path("/root/attack"),
    ]
    body = f"""
    written = 0
    for path in {[str(p) for p in targets]!r}:
        try:
            open(path, "w").write("x")
            written += 1
        except OSError:
            pass
    if written:
        return [0] * len(matrix)
    raise RuntimeError("no write outside")
    """
    row = graded(reference, submission(tmp_path, predict_with(body)), "2b", scratch_root)
    assert "no write outside" in row["message"], row
    assert not any(path.exists() for path in targets)


def test_no_network_even_to_a_local_listener(reference, tmp_path, scratch_root):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        body = f"""
        import socket
        try:
            with socket.create_connection(("127.0.0.1", {port}), timeout=2) as connection:
                connection.sendall(b"labels please")
        except OSError as error:
            raise RuntimeError(f"no network: {{error}}")
        return [0] * len(matrix)
        """
        row = graded(reference, submission(tmp_path, predict_with(body)), "2b", scratch_root)
        with pytest.raises(TimeoutError):
            listener.accept()
    assert "no network" in row["message"], row


def test_the_grader_cannot_be_signalled(reference, tmp_path, scratch_root):
    source = f"""
    import os
    import signal

    for pid in (os.getppid(), {os.getpid()}, -1):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    """
    row = graded(reference, submission(tmp_path, {"spam/spam.py": source}), "2b", scratch_root)
    assert row["status"] == "error", row  # it killed only itself; this process is alive to see it


def test_a_fork_bomb_ends_with_its_part(reference, tmp_path, scratch_root):
    source = """
    import os

    while True:
        try:
            os.fork()
        except OSError:
            pass
    """
    row = graded(reference, submission(tmp_path, {"spam/spam.py": source}), "2b", scratch_root)
    assert row["status"] == "timeout", row
    assert not _left(scratch_root)


def test_a_daemon_does_not_outlive_its_part(reference, tmp_path, scratch_root):
    marker = tmp_path / "daemon-wrote"
    source = f"""
    import os
    import time

    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(2)
            for path in ({str(marker)!r}, "daemon-wrote"):
                try:
                    open(path, "w").write("still here")
                except OSError:
                    pass
            time.sleep(60)
        os._exit(0)


    def fit_naive_bayes_model(matrix, labels):
        return None


    def predict_from_naive_bayes_model(model, matrix):
        return [1] * len(matrix)
    """
    graded(reference, submission(tmp_path, {"spam/spam.py": source}), "2b", scratch_root)
    time.sleep(3)
    assert not marker.exists()
    assert not _left(scratch_root)


def test_filling_the_disk_stops_at_the_working_folders_size(reference, tmp_path, scratch_root):
    body = """
    with open("big", "wb") as f:
        while True:
            f.write(b"x" * 2**20)
    """
    row = graded(reference, submission(tmp_path, predict_with(body)), "2b", scratch_root)
    assert "No space left on device" in row["message"], row


def test_printing_without_end_is_stopped(reference, tmp_path, scratch_root):
    body = """
    while True:
        print("x" * 10000)
    """
    row = graded(reference, submission(tmp_path, predict_with(body)), "2b", scratch_root)
    assert row["message"] == "printed more than 64 KB; the part was stopped", row


def test_symbolic_links_in_the_submission_are_not_followed(reference, tmp_path, scratch_root):
    linked = tmp_path / "linked"
    (linked / "spam").mkdir(parents=True)
    (linked / "spam" / "spam.py").symlink_to(answer_key(PARTS["2b"]))
    row = graded(reference, linked, "2b", scratch_root)
    assert row["message"] == "spam/spam.py is a symbolic link: submit the file itself", row

    body = """
    from pathlib import Path
    from key import predict_from_naive_bayes_model as key
    Path(__file__).with_name("etc").joinpath("passwd").read_text()
    return key(model, matrix)
    """
    helpers = submission(tmp_path, predict_with(body))
    (helpers / "spam" / "key.py").symlink_to(answer_key(PARTS["2b"]))
    (helpers / "spam" / "etc").symlink_to("/etc")
    row = graded(reference, helpers, "2b", scratch_root)
    assert "no module named 'key' here" in row["message"] and "key.py is a symbolic link" in row["message"], (
        row
    )


def test_a_submitted_svm_py_does_not_shadow_the_course_stand_in(reference, tmp_path, scratch_root):
    files = {
        "spam/svm.py": "ANSWER = 0.1\n\ndef train_and_predict_svm(*args):\n    raise SystemExit\n",
        "spam/spam.py": """
        import svm

        def compute_best_svm_radius(train_matrix, train_labels, val_matrix, val_labels, radius_to_consider):
            return svm.ANSWER
        """,
    }
    row = graded(reference, submission(tmp_path, files), "2d", scratch_root)
    assert "has no attribute 'ANSWER'" in row["message"], row


def test_the_example_still_passes_in_the_same_sandbox(reference, scratch_root):
    rows = grade(reference, EXAMPLE, ["2b", "2d", "4d"], FAST)
    assert {row["status"] for row in rows.values()} == {"pass"}, rows
    assert all(row["isolation"].startswith("sandbox") for row in rows.values())


def _left(scratch_root: Path) -> list[int]:
    """Processes still running from a part of this test (their command names its scratch folder)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if str(scratch_root) in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
                found.append(int(pid))
        except OSError:
            pass
    return found
