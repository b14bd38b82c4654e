"""The Gradescope autograder bundle (cs229ps2.grading.autograder): what the zip holds, and its bytes."""

import zipfile

from cs229ps2.grading.autograder import build


def test_the_bundle_has_gradescopes_scripts_at_its_root_and_the_workflow(tmp_path):
    with zipfile.ZipFile(build(tmp_path / "dist" / "autograder.zip")) as bundle:
        names = bundle.namelist()
        modes = {info.filename: info.external_attr >> 16 for info in bundle.infolist()}
        run = bundle.read("run_autograder").decode()
    assert names[:2] == ["setup.sh", "run_autograder"]
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    for name in ("Snakefile", "config.yaml", "requirements.lock", "pyproject.toml", "README.md"):
        assert name in names
    for name in ("workflow/rules/grading.smk", "cs229ps2/grading/gradescope.py", "cs229ps2/cli.py"):
        assert name in names
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".nbi", ".nbc"))]
    assert "--config submission=" in run and "results/results.json" in run and "AUTOGRADER_ROOT" in run


def test_a_rebuild_writes_the_same_bytes(tmp_path):
    assert build(tmp_path / "a.zip").read_bytes() == build(tmp_path / "b.zip").read_bytes()
