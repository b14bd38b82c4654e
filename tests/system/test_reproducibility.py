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

import numpy as np
from conftest import differences, digests, run_config, run_snakemake, test_copy

from cs229ps2.pipeline.files import read_rows, read_spam
from cs229ps2.problems.spam import embeddings as spam_embeddings

SPAM_TARGET = "results/spam/embeddings/test.npy"  # the embedding jobs (shards, then the three arrays)
SHARD_LOG = "logs/spam/spam_embeddings_shard/0.log"
SPLITS = ("train", "val", "test")
EMBEDDINGS = [f"results/spam/embeddings/{split}.npy" for split in SPLITS]
LONG_VAL = {"synthetic": {"spam": {"n_val": 3000}}}  # seconds of encoding: the kill lands mid-job


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


def test_two_clean_runs_write_identical_bytes_whatever_the_cores(small_run, tmp_path):
    """The shared run used 2 cores, this one 1: every job's BLAS gets its rule's threads either way."""
    second = test_copy(tmp_path / "wf")
    run_snakemake(second, cores=1)
    first_files, second_files = digests(small_run), digests(second)
    suffixes = {Path(name).suffix for name in first_files}
    # every kind of result is covered: tables, JSON, predictions, arrays, figures
    assert {".csv", ".json", ".txt", ".npz", ".npy", ".png", ".pdf", ".tsv"} <= suffixes
    problems = {Path(name).parts[1] for name in first_files if name.count("/") > 1}
    assert problems == {"stability", "spam", "perceptron", "doubledescent", "simple_nn", "batchnorm"}
    diff = differences(first_files, second_files)
    assert not diff, "two clean runs differ:\n" + "\n".join(diff)
    verdicts = [row["ok"] for row in read_rows(second / "results" / "check.csv")]
    assert verdicts[0] == "yes" and set(verdicts[1:]) == {"yes"}, verdicts  # the test set applied, all match
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


def uninterrupted_embeddings(workdir: Path) -> list[np.ndarray]:
    """The copy's three splits encoded in this process, in one shard, with its exported model."""
    spam = run_config(workdir)["spam"]
    encoder = spam_embeddings.load_encoder(workdir / "results/spam/model", spam["embeddings"]["threads"])
    splits = [read_spam(workdir / f"data/spam/spam_{split}.tsv", spam["reader"])[0] for split in SPLITS]
    texts = spam_embeddings.distinct(m for messages in splits for m in messages)
    part = spam_embeddings.embed_shard(encoder, texts, spam["embeddings"]["batch_size"])
    table = spam_embeddings.gather(len(texts), [part])
    return [spam_embeddings.lookup(messages, texts, table) for messages in splits]


def test_run_killed_during_embeddings_resumes_to_identical_outputs(tmp_path):
    workdir = test_copy(tmp_path / "wf", LONG_VAL)
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
            # the encoding jobs are mid-way: the model exported, no shard written yet
            _wait_for(workdir / SHARD_LOG, "embedding its batches", process)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert (workdir / "results/spam/model/minilm.onnx").is_file()
    assert not list((workdir / "results/spam/embeddings").rglob("*.np?"))  # killed before any finished

    # A SIGKILLed Snakemake leaves its lock: a plain rerun refuses to start ...
    done = run_snakemake(workdir, SPAM_TARGET, check=False)
    assert done.returncode != 0 and "LockException" in done.stdout + done.stderr
    # ... until unlocked (safe: no other Snakemake runs in this folder); then only the killed jobs run.
    run_snakemake(workdir, "--unlock")
    rerun = run_snakemake(workdir, SPAM_TARGET, "--rerun-incomplete")
    assert "spam_embeddings_export" not in rerun.stdout + rerun.stderr

    shards = [f"results/spam/embeddings/shards/{shard}.npz" for shard in range(2)]
    assert sorted(digests(workdir, "results/spam/embeddings")) == sorted(EMBEDDINGS + shards)
    for path, expected in zip(EMBEDDINGS, uninterrupted_embeddings(workdir)):
        assert np.array_equal(np.load(workdir / path), expected), (
            f"{path} differs from an uninterrupted encoding"
        )
