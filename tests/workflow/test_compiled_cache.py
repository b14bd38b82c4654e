"""numba's cache of the compiled loops: jobs compiling at the same time into one empty cache all
succeed and agree; a workflow copy loads the cache it carries, and an edited copy compiles afresh."""

from __future__ import annotations

import os
import subprocess
import sys

from cs229ps2.pipeline.workspace import REPO, copy_workflow
from cs229ps2.problems.stability import training as stability

TRAIN = (
    "import numpy as np; from cs229ps2.problems.stability import training as stability; "
    "r = stability.train(np.array([[0., 1.], [1., 0.], [.5, .6]]), np.array([0, 1, 1]), 5000); "
    "print(r['iterations'], *r['theta'].tolist())"
)


def test_parallel_first_compilations_share_one_cache_safely(tmp_path):
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO)}
    jobs = [
        subprocess.Popen([sys.executable, "-c", TRAIN], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [job.communicate()[0] for job in jobs]
    assert [job.returncode for job in jobs] == [0, 0, 0]
    assert len(set(outputs)) == 1 and outputs[0].strip()
    assert list((tmp_path / "cache").rglob("*.nbi"))
    again = subprocess.run([sys.executable, "-c", TRAIN], env=env, capture_output=True, text=True)
    assert again.stdout == outputs[0]  # loaded from the cache the three wrote


# In a new process: compile or load the loop, then print numba's cache hits and misses.
LOAD = (
    "from cs229ps2.problems import compiled; from cs229ps2.problems.stability import training; "
    "training.compile_loops(); "
    "s = compiled.logistic_ascent.stats; print(sum(s.cache_hits.values()), sum(s.cache_misses.values()))"
)


def cache_hits_and_misses(package_root) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    done = subprocess.run(
        [sys.executable, "-c", LOAD], env=env, cwd=package_root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_a_copy_loads_its_carried_cache_and_an_edited_copy_compiles_afresh(tmp_path):
    stability.compile_loops()  # the checkout's cache, which the copy carries
    copy = copy_workflow(tmp_path / "copy")
    assert cache_hits_and_misses(copy) == ["1", "0"]
    module = copy / "cs229ps2/problems/compiled.py"
    module.write_text(module.read_text() + "\n# edited\n")
    assert cache_hits_and_misses(copy) == ["0", "1"]  # the carried entry no longer matches the source
    assert cache_hits_and_misses(copy) == ["1", "0"]  # and the fresh one is used from then on
