"""The parent's reading of what a child sent back: decoded, checked for type, shape and size, judged.

The child is untrusted: its result file is read with ``allow_pickle=False`` and a size cap, and
every value is checked here before any comparison. Each failed check raises
:class:`ReturnError` with one line a student can act on, naming the file and the function.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from dataclasses import dataclass

import numpy as np

RESULT = "__result__"
MAX_MESSAGE = 2000  # characters of a child's message kept


class ReturnError(Exception):
    """A function returned something the course's driver could not use."""


@dataclass(frozen=True)
class Verdict:
    status: str  # pass or fail
    expected: str
    got: str
    message: str


@dataclass(frozen=True)
class Returned:
    """One return value: the decoded value and the type the student's function returned."""

    value: object
    type: str


def read_result(data: bytes) -> tuple[dict, dict[str, Returned]]:
    """(outcome, return values) of a child's result.npz; a malformed file is an outcome "error"."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            outcome = json.loads(str(archive[RESULT][()]))
            arrays = {name: archive[name] for name in archive.files if name != RESULT}
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, json.JSONDecodeError, EOFError) as error:
        return {"status": "error", "message": f"the part's result could not be read ({error})"}, {}
    if not isinstance(outcome, dict) or outcome.get("status") not in ("ok", "error"):
        return {"status": "error", "message": "the part's result could not be read"}, {}
    values = outcome.get("values") if outcome["status"] == "ok" else {}
    notes = outcome.get("notes")
    seconds = outcome.get("seconds")
    checked = {
        "status": outcome["status"],
        "message": str(outcome.get("message", ""))[:MAX_MESSAGE],
        "traceback": str(outcome.get("traceback", ""))[-MAX_MESSAGE:],
        "notes": [str(note)[:300] for note in notes[:10]] if isinstance(notes, list) else [],
        "seconds": float(seconds)
        if isinstance(seconds, int | float) and not isinstance(seconds, bool)
        else None,
    }
    values = values if isinstance(values, dict) else {}
    return checked, {str(name): _decode(value, arrays) for name, value in values.items()}


def _decode(value, arrays: dict) -> Returned:
    if isinstance(value, dict) and "array" in value:
        return Returned(arrays.get(str(value["array"])), str(value.get("type", "ndarray")))
    if isinstance(value, dict) and "dict" in value:
        return Returned(_pairs(value["dict"]), "dict")
    if isinstance(value, dict):
        return Returned(None, str(value.get("type", "object")))
    return Returned(value, type(value).__name__ if value is not None else "None")


def _pairs(pairs) -> dict:
    """The child's [[key, value], ...]; keys or values it could not encode become their type names."""
    decoded = {}
    for pair in pairs if isinstance(pairs, list) else []:
        if isinstance(pair, list) and len(pair) == 2:
            key, value = (_plain(item) for item in pair)
            decoded[key] = value
    return decoded


def _plain(item):
    return f"<{item.get('type')}>" if isinstance(item, dict) else item


# --- checks of return values ----------------------------------------------------------------


def returned(file: str, name: str, what: str, value: Returned) -> ReturnError:
    return ReturnError(f"{file}: {name} returned {value.type}, expected {what}")


def labels(file: str, name: str, value: Returned, n: int) -> np.ndarray:
    """n labels in {0, 1} (bools, 0.0/1.0 and an (n, 1) column accepted) as an int array."""
    array = value.value
    if not isinstance(array, np.ndarray):
        raise returned(file, name, f"{n} labels 0/1", value)
    flat = array.astype(float).reshape(-1)
    if flat.shape != (n,) or not np.isin(flat, (0, 1)).all():
        shown = ", ".join(f"{v:g}" for v in np.unique(flat)[:4])
        raise ReturnError(f"{file}: {name} returned {flat.size} values ({shown}...), expected {n} labels 0/1")
    return flat.astype(np.int64)


def choice(file: str, name: str, value: Returned, options) -> float:
    """The option returned (a float32 of it too), as the option's own float."""
    try:
        picked = float(value.value)
    except (TypeError, ValueError):
        raise returned(file, name, f"one of {list(options)}", value) from None
    for option in options:
        if math.isclose(picked, option, rel_tol=1e-6):
            return float(option)
    raise ReturnError(f"{file}: {name} returned {picked:g}, not one of {list(options)}")


def words(file: str, name: str, value: Returned, count: int) -> list[str]:
    if not isinstance(value.value, list) or not all(isinstance(w, str) for w in value.value):
        raise returned(file, name, f"a list of {count} words", value)
    return value.value


def numbers(file: str, name: str, value: Returned, shape: tuple, what: str) -> np.ndarray:
    """An array of finite-or-not floats of exactly this shape."""
    array = value.value
    if not isinstance(array, np.ndarray) or array.shape != shape:
        got = f"shape {array.shape}" if isinstance(array, np.ndarray) else value.type
        raise ReturnError(f"{file}: {name} returned {got}, expected {what} of shape {shape}")
    return array.astype(float)


def weight_dict(file: str, name: str, value: Returned, keys) -> dict[str, float]:
    """A dict with every key, each a number."""
    weights = value.value
    if not isinstance(weights, dict):
        raise returned(file, name, "a dict of weights", value)
    missing = [k for k in keys if k not in weights]
    if missing:
        raise ReturnError(
            f"{file}: {name} has no {', '.join(missing[:3])}{' ...' if len(missing) > 3 else ''}"
        )
    if not all(isinstance(weights[k], int | float) and not isinstance(weights[k], bool) for k in keys):
        raise ReturnError(f"{file}: {name} holds a weight that is not a number")
    return {k: float(weights[k]) for k in keys}


# --- verdicts ----------------------------------------------------------------------------


def accuracy(labels_true: np.ndarray, predicted: np.ndarray) -> float:
    return float(np.mean(np.asarray(labels_true) == np.asarray(predicted)))


def agreement_verdict(got: np.ndarray, expected: np.ndarray, truth: np.ndarray, tolerances: dict) -> Verdict:
    """Predictions compared with the reference's: the share that agree, and both test accuracies."""
    agree = float(np.mean(got == expected))
    got_acc, expected_acc = accuracy(truth, got), accuracy(truth, expected)
    ok = agree >= tolerances["min_agreement"] and abs(got_acc - expected_acc) <= tolerances["accuracy"]
    differ = int(np.sum(got != expected))
    message = (
        "predictions agree"
        if not differ
        else f"{differ} of {len(got)} predictions differ: test accuracy {got_acc:.4f}, "
        f"the reference's {expected_acc:.4f}"
    )
    return Verdict(
        "pass" if ok else "fail",
        f"accuracy {expected_acc:.4f}",
        f"accuracy {got_acc:.4f}, {agree:.1%} agree",
        message,
    )


def choice_verdict(what: str, got: float, expected: float) -> Verdict:
    """An equal choice from a list of settings."""
    same = math.isclose(got, expected, rel_tol=1e-12)
    return Verdict(
        "pass" if same else "fail",
        f"{expected:g}",
        f"{got:g}",
        f"same {what}" if same else f"{what} {got:g} chosen, the reference chooses {expected:g}",
    )
