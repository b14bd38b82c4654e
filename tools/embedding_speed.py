"""Time the 2(e) embedding step before and after the ONNX export, on the same messages, in one run.

    python -m tools.embedding_speed SPAM_DIR [--repeats 2] [--shards 2] [--threads 1] [--batch-size 16]

SPAM_DIR holds spam_{train,val,test}.tsv (the course's src/spam). Every stage runs in a fresh
interpreter, so imports and model loading count, as in a pipeline job:

- before: SentenceTransformer.encode as the job did until the export (torch on
  shards x threads threads, batches of 64 in chunks of 1,024 messages);
- after: the export job (torch, weights checked, ONNX written), then the encoding jobs
  (ONNX Runtime and tokenizers only; ``shards`` of them at once, ``threads`` threads
  each, as the pipeline runs them on 2 cores), then the job gathering their rows.

Repeats alternate before and after, so both see the same load on a shared machine. Prints
the seconds of each (after = export + encode), the ratio of the medians, the largest
absolute difference between the two sets of embeddings, and whether every after run gave
identical arrays.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SPLITS = ("train", "val", "test")


def _messages(spam_dir) -> dict[str, list[str]]:
    from cs229ps2.pipeline.files import read_spam

    return {split: read_spam(Path(spam_dir) / f"spam_{split}.tsv")[0] for split in SPLITS}


def _before(spam_dir, out, threads: int, batch_size: int = 64, chunk: int = 1024) -> None:
    """The job before the export: sentence-transformers, torch threads fixed, chunks of messages."""
    from cs229ps2.problems.spam import embeddings_export as export

    model = export.reference_model(threads)
    arrays = {
        split: np.concatenate(
            [
                export.reference_embed(model, messages[start : start + chunk], batch_size)
                for start in range(0, len(messages), chunk)
            ]
        )
        for split, messages in _messages(spam_dir).items()
    }
    np.savez(out, **arrays)


def _export(folder) -> None:
    from cs229ps2.problems.spam import embeddings_export as spam_embeddings_export

    spam_embeddings_export.export(folder)


def _shard(spam_dir, folder, out, threads: int, batch_size: int, shards: int, shard: int) -> None:
    """One encoding job: its share of the length-sorted batches of the distinct messages."""
    from cs229ps2.problems.spam import embeddings as se

    encoder = se.load_encoder(folder, threads)
    texts = se.distinct(m for messages in _messages(spam_dir).values() for m in messages)
    rows, vectors = se.embed_shard(encoder, texts, batch_size, shards, shard)
    np.savez(out, rows=rows, vectors=vectors)


def _gather(spam_dir, parts, out) -> None:
    """The gathering job: one array per split from the shards."""
    from cs229ps2.problems.spam import embeddings as se

    splits = _messages(spam_dir)
    texts = se.distinct(m for messages in splits.values() for m in messages)
    table = se.gather(len(texts), [(p["rows"], p["vectors"]) for p in map(np.load, parts)])
    np.savez(out, **{split: se.lookup(messages, texts, table) for split, messages in splits.items()})


STAGES = {"before": _before, "export": _export, "shard": _shard, "gather": _gather}


def _command(stage: str, **kwargs) -> list[str]:
    arguments = json.dumps(kwargs, default=str)
    return [sys.executable, "-m", "tools.embedding_speed", "--stage", stage, arguments]


def _timed(*commands: list[str]) -> float:
    """Wall seconds of stages run at once, each in a fresh interpreter."""
    start = time.perf_counter()
    processes = [subprocess.Popen(command) for command in commands]
    if any(process.wait() for process in processes):
        raise RuntimeError(f"a stage failed: {commands}")
    return time.perf_counter() - start


def measure(spam_dir, repeats: int, threads: int, batch_size: int, shards: int, work: Path) -> dict:
    """Seconds per repeat of before, export and encode (shards at once, then gather), and agreement."""
    before, export, encode = [], [], []
    for repeat in range(repeats):
        folder, out = work / f"model{repeat}", work / f"after{repeat}.npz"
        before_out = work / f"before{repeat}.npz"
        before.append(_timed(_command("before", spam_dir=spam_dir, out=before_out, threads=shards * threads)))
        export.append(_timed(_command("export", folder=folder)))
        parts = [work / f"shard{repeat}_{shard}.npz" for shard in range(shards)]
        settings = {"spam_dir": spam_dir, "folder": folder, "threads": threads, "batch_size": batch_size}
        encode.append(
            _timed(
                *[_command("shard", **settings, out=p, shards=shards, shard=k) for k, p in enumerate(parts)]
            )
            + _timed(_command("gather", spam_dir=spam_dir, parts=[str(p) for p in parts], out=out))
        )
    after = [a + b for a, b in zip(export, encode)]
    old = np.load(work / "before0.npz")
    runs = [np.load(work / f"after{repeat}.npz") for repeat in range(repeats)]
    return {
        "before_s": before,
        "export_s": export,
        "encode_s": encode,
        "after_s": after,
        "ratio": statistics.median(before) / statistics.median(after),
        "max_abs_diff": max(float(np.abs(runs[0][s] - old[s]).max()) for s in SPLITS),
        "after_runs_identical": all(np.array_equal(run[s], runs[0][s]) for run in runs for s in SPLITS),
    }


def main(argv=None) -> None:
    if argv is None and sys.argv[1:2] == ["--stage"]:  # one stage, run by _timed
        STAGES[sys.argv[2]](**json.loads(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spam_dir")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--shards", type=int, default=2, help="encoding jobs at once (after)")
    parser.add_argument("--threads", type=int, default=1, help="threads per encoding job (after)")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        result = measure(args.spam_dir, args.repeats, args.threads, args.batch_size, args.shards, Path(work))
    print("before (s):", " ".join(f"{s:.1f}" for s in result["before_s"]))
    for name in ("export", "encode", "after"):
        print(f"{name} (s):", " ".join(f"{s:.1f}" for s in result[f"{name}_s"]))
    print(f"ratio of medians: {result['ratio']:.2f}x faster")
    print(f"largest |after - before|: {result['max_abs_diff']:.2e}")
    print("after runs identical:", result["after_runs_identical"])


if __name__ == "__main__":
    main()
