"""Jobs compiling the numba loops at the same time, into one empty cache, all succeed and agree."""

from __future__ import annotations

import os
import subprocess
import sys

from cs229ps2.pipeline.workspace import REPO

TRAIN = (
    "import numpy as np; from cs229ps2.problems import stability; "
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
