"""Export of the bundled all-MiniLM-L6-v2 to ONNX for :mod:`cs229ps2.problems.spam.embeddings`.

The only part of 2(e) that imports torch: the transformer is loaded from the package's
local files (weights checked against the recorded sha256 first), traced once with
``torch.onnx.export`` (the TorchScript exporter: same bytes on every run) and written
with the tokenizer and the pipeline settings the encoder needs. Also the reference the
export is checked against: the model as sentence-transformers runs it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from cs229ps2.problems.spam import embeddings as se

OPSET = 17
INPUTS = ["input_ids", "attention_mask", "token_type_ids"]


def _offline() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


def _token_vectors(folder: Path):
    """The transformer as a torch module: (ids, mask, types) -> last hidden state.

    Eager attention: the classic graph, which ONNX Runtime fuses into its attention kernel.
    """
    import torch
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(folder, local_files_only=True, attn_implementation="eager").eval()

    class TokenVectors(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    return TokenVectors()


def export(out_dir, folder=None) -> dict:
    """Write minilm.onnx, tokenizer.json and settings.json of the bundled model to out_dir.

    Raises ModelMismatch before loading anything if the weights are not the recorded ones.
    Returns the settings written.
    """
    import torch

    _offline()
    folder, out_dir = Path(folder or se.model_dir()), Path(out_dir)
    se.verify_weights(folder / se.WEIGHTS_FILE)
    settings = {**se.pipeline_settings(folder), "weights_sha256": se.WEIGHTS_SHA256, "opset": OPSET}
    out_dir.mkdir(parents=True, exist_ok=True)
    example = torch.ones((2, 8), dtype=torch.int64)
    axes = {name: {0: "batch", 1: "sequence"} for name in [*INPUTS, "token_vectors"]}
    with torch.inference_mode():
        torch.onnx.export(
            _token_vectors(folder),
            (example, example, torch.zeros_like(example)),
            str(out_dir / se.ONNX_FILE),
            input_names=INPUTS,
            output_names=["token_vectors"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )
    shutil.copyfile(folder / se.TOKENIZER_FILE, out_dir / se.TOKENIZER_FILE)
    (out_dir / se.SETTINGS_FILE).write_text(json.dumps(settings, indent=2, sort_keys=True) + "\n")
    return settings


def reference_model(threads: int = 1):
    """The bundled model as sentence-transformers runs it (CPU, offline, ``threads`` threads)."""
    _offline()
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    return SentenceTransformer(str(se.model_dir()), device="cpu", local_files_only=True).eval()


def reference_embed(model, messages, batch_size: int = 64):
    """SentenceTransformer.encode of the messages: float32 (n, 384), the oracle of the export."""
    return model.encode(list(messages), batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False)
