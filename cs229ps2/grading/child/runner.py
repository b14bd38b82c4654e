"""The child process of a graded part: ``python -I -S runner.py SCRATCH``.

Self-contained (standard library and numpy; it never imports cs229ps2). It reads
``SCRATCH/request.json`` and the driver's inputs, confines itself when asked (:mod:`confine`),
imports the student's file beside the course's stand-ins, calls it as the course's driver does
(:mod:`calls`) and writes the return values, as JSON values and NPZ arrays (never a pickle), into
``SCRATCH/out/result.npz`` through a file it opened before any student code ran. Whatever the
student's code does, the result says ``ok`` or ``error`` with one line naming the file and line.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import io
import json
import os
import random
import shutil
import sys
import time
import traceback
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULT = "__result__"
REMOVED_ALIASES = {  # numpy 1.24 removed these aliases of builtins
    "int": "int (or np.int64)",
    "float": "float (or np.float64)",
    "bool": "bool (or np.bool_)",
    "object": "object",
    "str": "str",
    "complex": "complex (or np.complex128)",
    "long": "int",
    "unicode": "str",
}


def main(scratch: Path) -> None:
    origin = os.getpid()
    request = json.loads((scratch / "request.json").read_text(encoding="utf-8"))
    sys.path += request["paths"]  # the allowed packages (a view of site-packages); the package, for the key
    rows = request["rows"]
    results = [open(scratch / row["result"], "wb") for row in rows]  # noqa: SIM115 (before student code)
    work = scratch / "work"
    if request["confine"]:
        work = _grader("confine").confine(scratch, request["limits"], Path(request["paths"][0]))
    import numpy as np

    calls = _grader("calls")
    submission = Path(request["submission"])
    own = (str(scratch / "course"), str(submission.parent))
    sys.path[:0] = own
    paths = list(sys.path)
    for row, result in zip(rows, results):
        sys.path[:] = paths
        fresh_start(work, scratch / row["inputs"] / "files", own)
        outcome, arrays = run_row(row, scratch, submission, request, calls, np)
        if os.getpid() != origin:  # a process the student's code forked: only the runner reports
            os._exit(0)
        write_result(result, outcome, arrays, np)
        sys.stdout.flush()
        sys.stderr.flush()
        os.write(1, request["mark"].encode())


def fresh_start(work: Path, files: Path, own: tuple[str, ...]) -> None:
    """As in a new process: the working folder holds only the course's files of the part's folder,
    and the student's and the course's modules are imported anew."""
    os.chdir(work)
    for entry in os.scandir(work):
        with contextlib.suppress(OSError):
            shutil.rmtree(entry.path) if entry.is_dir(follow_symlinks=False) else os.unlink(entry.path)
    for name in os.listdir(files):
        shutil.copyfile(files / name, work / name)
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", None) or "").startswith(own):
            del sys.modules[name]


def run_row(row: dict, scratch: Path, submission: Path, request: dict, calls, np) -> tuple[dict, dict]:
    """Call the student's functions for one part: (outcome, arrays of the return values)."""
    set_course_constants(request["course"])
    random.seed(0)
    np.random.seed(0)  # noqa: NPY002 (unseeded student code is reproducible run to run)
    inputs = read_inputs(scratch / row["inputs"], np)
    outcome = {"status": "ok", "notes": []}
    arrays = {}
    try:
        module = load_submission(submission, request["file"], outcome["notes"])
        start = time.perf_counter()
        values = calls.run(row["part"], module, inputs)
        outcome["seconds"] = time.perf_counter() - start
        outcome["values"] = encode_all(values, arrays, np)
    except BaseException as error:  # anything the student's code raises, SystemExit included
        outcome.update(status="error", **describe(error, submission, request, calls.SubmissionError))
        arrays = {}
    return outcome, arrays


def _grader(name: str):
    """A module of this runtime (the folder _grader beside the child's other folders)."""
    sys.path.insert(0, str(HERE.parent))
    try:
        return importlib.import_module(f"_grader.{name}")
    finally:
        sys.path.remove(str(HERE.parent))


def read_inputs(folder: Path, np) -> dict:
    """The driver's inputs: inputs.json's values and inputs.npz's arrays."""
    values = json.loads((folder / "inputs.json").read_text(encoding="utf-8"))
    with np.load(folder / "inputs.npz", allow_pickle=False) as arrays:
        return {**values, **{name: arrays[name] for name in arrays.files}}


def set_course_constants(settings: dict) -> None:
    """Constants of the course's stand-ins the config fixes (the SVM's outer loops, ...)."""
    for name, values in settings.items():
        module = importlib.import_module(name)
        for key, value in values.items():
            setattr(module, key, value)


# --- the student's file ---------------------------------------------------------------------------


def load_submission(path: Path, shown: str, notes: list[str]):
    """Import the student's file as a module of its own name; an unused import of a module the
    grader does not have (an editor's auto-import) is dropped, with a note."""
    source = path.read_bytes()
    tree = ast.parse(source, filename=str(path))
    lines = source.decode("utf-8", errors="replace").splitlines()
    dropped = unusable_imports(tree)
    for node in dropped:
        notes.append(
            f"ignored the unused import on {shown} line {node.lineno} ({lines[node.lineno - 1].strip()})"
        )
    tree.body = [_noop(node) if node in dropped else node for node in tree.body]
    module = type(sys)(path.stem)
    module.__file__ = str(path)
    sys.modules[path.stem] = module
    exec(compile(tree, str(path), "exec"), module.__dict__)  # noqa: S102 (the student's code, confined)
    return module


def _noop(node: ast.stmt) -> ast.stmt:
    return ast.copy_location(ast.Pass(), node)


def unusable_imports(tree: ast.Module) -> list[ast.stmt]:
    """Top-level imports whose module cannot be imported here and whose names the file never uses."""
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    found = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names = {(a.asname or a.name.split(".")[0]) for a in node.names}
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if any(a.name == "*" for a in node.names):
                continue
            names, modules = {(a.asname or a.name) for a in node.names}, [node.module]
        else:
            continue
        if not names & used and not all(map(importable, modules)):
            found.append(node)
    return found


def importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except Exception:  # an auto-import of a module that is not here, or fails to import here
        return False
    return True


# --- return values as data --------------------------------------------------------------------


def encode_all(values: dict, arrays: dict, np) -> dict:
    """Each return value as JSON data, its arrays moved to ``arrays`` (names kept)."""
    return {name: encode(value, name, arrays, np) for name, value in values.items()}


def encode(value, name: str, arrays: dict, np):
    """A return value as JSON data: numbers, strings, lists of them, ``{"dict": [[key, value],
    ...]}``, ``{"array": NAME}`` for numeric arrays, ``{"type": TYPE}`` for anything else."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {"dict": [[_scalar(k, np), _scalar(v, np)] for k, v in value.items()]}
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    if isinstance(value, np.ndarray | list | tuple):
        try:
            array = np.asarray(value)
        except Exception:
            return {"type": type(value).__name__}
        if array.dtype.kind in "biuf":
            arrays[name] = _compact(array, np)
            return {"array": name, "type": type(value).__name__}
    return {"type": type(value).__name__}


def _compact(array, np):
    """An integer array in the smallest integer type that holds its values (counts: 1 byte each)."""
    if array.dtype.kind not in "iu" or array.size == 0:
        return array
    return array.astype(np.result_type(np.min_scalar_type(array.min()), np.min_scalar_type(array.max())))


def _scalar(value, np):
    if isinstance(value, np.generic):
        return value.item()
    return (
        value
        if value is None or isinstance(value, bool | int | float | str)
        else {"type": type(value).__name__}
    )


def write_result(file, outcome: dict, arrays: dict, np) -> None:
    """result.npz: the arrays and the outcome (status, values, message) as a JSON string."""
    buffer = io.BytesIO()
    np.savez(buffer, **arrays, **{RESULT: np.array(json.dumps(outcome, default=str))})
    try:
        file.write(buffer.getbuffer())
        file.close()
    except OSError:  # larger than the file size limit: say so in a result that fits
        file.truncate(0)
        file.seek(0)
        too_big = {"status": "error", "message": "the return values are larger than the grader accepts"}
        with zipfile.ZipFile(file, "w") as archive:
            archive.writestr(RESULT + ".npy", _npy(json.dumps(too_big), np))
        file.close()


def _npy(text: str, np) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.array(text))
    return buffer.getvalue()


# --- errors a student can act on -----------------------------------------------------------------


def describe(error: BaseException, submission: Path, request: dict, driver_error: type) -> dict:
    """message (one line: where, what, and the fix where one is known) and the traceback."""
    where = _where(error, submission, request["file"], driver_error)
    what = f"{type(error).__name__}: {error}".rstrip(": ")
    if isinstance(error, driver_error):
        what = str(error)
    elif isinstance(error, MemoryError):
        what = f"memory limit of {request['limits']['memory_mb']} MB hit (MemoryError)"
    elif isinstance(error, AttributeError) and str(error).startswith("module 'numpy' has no attribute"):
        alias = str(error).split("'")[3]
        if alias in REMOVED_ALIASES:
            what = f"np.{alias} was removed in numpy 1.24: use {REMOVED_ALIASES[alias]} instead"
    elif isinstance(error, ImportError) and "relative import" in str(error):
        what = (
            "a relative import ('from .module import ...'): the course runs the file as a script, "
            "so import the course's helpers by plain name ('import svm', 'from util import ...')"
        )
    elif isinstance(error, ModuleNotFoundError):
        what = (
            f"no module named {error.name!r} here: the grader offers the standard library, numpy, scipy, "
            "matplotlib and the course's helper modules"
        )
    elif isinstance(error, FileNotFoundError | PermissionError):
        what += " (your code may read the course's training and validation files of its folder, by name)"
    message = f"{where}: {what}" if where else what
    return {"message": message, "traceback": _excerpt(error, submission)}


def _inside(filename: str, submission: Path) -> bool:
    return Path(filename).resolve() == submission.resolve()


def _where(error: BaseException, submission: Path, shown: str, driver_error: type) -> str:
    """'spam/spam.py line 12, in f' for the last frame inside the student's file, else ''."""
    if isinstance(error, SyntaxError) and error.filename and _inside(error.filename, submission):
        return f"{shown} line {error.lineno}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if _inside(f.filename, submission)]
    if not frames:
        return shown if isinstance(error, driver_error) else ""
    return f"{shown} line {frames[-1].lineno}, in {frames[-1].name}"


def _excerpt(error: BaseException, submission: Path) -> str:
    """The traceback from the first frame inside the student's file on."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [k for k, f in enumerate(frames) if _inside(f.filename, submission)]
    lines = traceback.format_list(frames[inside[0] :] if inside else frames[-3:])
    return "".join(lines + traceback.format_exception_only(type(error), error)).strip()[-4000:]


if __name__ == "__main__":
    main(Path(sys.argv[1]))
