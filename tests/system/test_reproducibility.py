"""Two clean runs give identical bytes; a run killed mid-way resumes to the same bytes.

Both tests run the whole workflow on synthetic data with a reduced config (fewer
iterations, modifications and grid points, smaller synthetic sets) so that they stay
fast; every file under results/ is compared (logs and benchmarks hold times and are
not compared), and no result may carry a date (PNG text/time chunks, PDF dates, today's
date in any file), which identical bytes from two runs a minute apart would not show.
"""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from conftest import differences, digests, run_snakemake, test_copy

SPAM_TARGET = "results/spam/embeddings/test.npy"  # the embedding job (one job, three arrays)
EMBEDDINGS_LOG = "logs/spam/spam_embeddings.log"


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, payload) of every chunk of a PNG file."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        chunks.append((data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return chunks


def dated_files(workdir: Path) -> list[str]:
    """Result files that carry a date: PNG time/text chunks, PDF dates, or today's date anywhere."""
    today = [date.today().isoformat().encode()]  # as ISO dates and timestamps write it
    found = []
    for path in sorted((workdir / "results").rglob("*")):
        data = path.read_bytes() if path.is_file() else b""
        name = str(path.relative_to(workdir))
        if path.suffix == ".png":
            found += [
                f"{name}: {kind.decode()} chunk"
                for kind, _ in png_chunks(data)
                if kind in (b"tIME", b"tEXt", b"iTXt", b"zTXt")
            ]
        if path.suffix == ".pdf" and (b"/CreationDate" in data or b"/ModDate" in data):
            found.append(f"{name}: PDF date")
        found += [f"{name}: holds today's date" for stamp in today if stamp in data]
    return found


def test_two_clean_runs_write_identical_bytes(small_run, tmp_path):
    second = test_copy(tmp_path / "wf")
    run_snakemake(second)
    first_files, second_files = digests(small_run), digests(second)
    suffixes = {Path(name).suffix for name in first_files}
    # every kind of result is covered: tables, JSON, predictions, arrays, figures
    assert {".csv", ".json", ".txt", ".npz", ".npy", ".png", ".pdf", ".tsv"} <= suffixes
    problems = {Path(name).parts[1] for name in first_files if name.count("/") > 1}
    assert problems == {"stability", "spam", "perceptron", "doubledescent", "simple_nn", "batchnorm"}
    diff = differences(first_files, second_files)
    assert not diff, "two clean runs differ:\n" + "\n".join(diff)
    # identical bytes a minute apart could still hold a date: there is none
    dated = dated_files(small_run)
    assert not dated, "results carry a date:\n" + "\n".join(dated)


def _wait_for(path: Path, text: str, process: subprocess.Popen, timeout: float = 300) -> None:
    """Poll until path holds text; fail if the run ends first or the time runs out."""
    deadline = time.monotonic() + timeout
    while not (path.is_file() and text in path.read_text(errors="replace")):
        assert process.poll() is None, (
            f"the run ended (code {process.returncode}) before {path} showed {text!r}"
        )
        assert time.monotonic() < deadline, f"{path} did not show {text!r} within {timeout} s"
        time.sleep(0.05)


def test_run_killed_during_embeddings_resumes_to_identical_outputs(small_run, tmp_path):
    workdir = test_copy(tmp_path / "wf")
    with open(tmp_path / "killed.log", "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "snakemake", "--cores", "2", SPAM_TARGET],
            cwd=workdir,
            env={**os.environ, "PYTHONPATH": str(workdir)},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the kill takes the jobs too
        )
        try:
            # the embeddings job is mid-way: train.npy written, val being embedded
            _wait_for(workdir / EMBEDDINGS_LOG, "val: embedding", process)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    embeddings = workdir / "results/spam/embeddings"
    assert (embeddings / "train.npy").is_file()  # a killed job's output: not to be trusted
    assert not (workdir / SPAM_TARGET).exists()  # the job was killed before it finished

    # A SIGKILLed Snakemake leaves the killed job's partial output: a plain rerun refuses it ...
    done = run_snakemake(workdir, SPAM_TARGET, check=False)
    assert done.returncode != 0 and "IncompleteFilesException" in done.stdout + done.stderr
    assert "results/spam/embeddings/train.npy" in done.stdout + done.stderr
    # ... and its lock: told to redo the incomplete job, it still refuses to start ...
    done = run_snakemake(workdir, SPAM_TARGET, "--rerun-incomplete", check=False)
    assert done.returncode != 0 and "LockException" in done.stdout + done.stderr
    # ... until unlocked (safe: no other Snakemake runs in this folder).
    run_snakemake(workdir, "--unlock")
    run_snakemake(workdir, SPAM_TARGET, "--rerun-incomplete")

    resumed = digests(workdir)
    assert sorted(resumed) == [f"results/spam/embeddings/{split}.npy" for split in ("test", "train", "val")]
    reference = {
        name: digest for name, digest in digests(small_run, "results/spam").items() if name in resumed
    }
    diff = differences(reference, resumed)
    assert not diff, "the resumed run differs from an uninterrupted one:\n" + "\n".join(diff)
