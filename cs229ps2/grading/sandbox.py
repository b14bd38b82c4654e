"""Student code in a separate process, with a time limit and a memory limit.

The parent (:func:`run_part`) writes a request, starts ``python -m cs229ps2.grading.sandbox
REQUEST`` in a scratch folder and waits at most the time limit; the child (:func:`main`) puts the
course stand-ins and the submission's folder on ``sys.path``, imports the submission's file, runs
the part's driver and writes its outputs (JSON and NPZ, never a pickle) or the error, naming the
last line of the submission it went through.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import resource
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

import numpy as np

from cs229ps2.pipeline.files import write_npz

COURSE = Path(__file__).parent / "course"
REQUEST, RESULT, VALUES, ARRAYS, OUTPUT = (
    "request.json",
    "result.json",
    "values.json",
    "arrays.npz",
    "output.txt",
)
ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS")


def save_outputs(values_path, arrays_path, outputs: dict) -> None:
    """A driver's outputs: arrays to an NPZ file, everything else to a JSON file."""
    arrays = {k: v for k, v in outputs.items() if isinstance(v, np.ndarray)}
    values = {k: v for k, v in outputs.items() if k not in arrays}
    Path(values_path).write_text(json.dumps(values, sort_keys=True, default=float) + "\n", encoding="utf-8")
    write_npz(arrays_path, **arrays)


def load_outputs(values_path, arrays_path) -> dict:
    """The outputs :func:`save_outputs` wrote."""
    with np.load(arrays_path, allow_pickle=False) as arrays:
        return {**json.loads(Path(values_path).read_text(encoding="utf-8")), **dict(arrays)}


def _import_file(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def _where(error: BaseException, submission: Path) -> str:
    """'spam/spam.py line 12, in f' for the last frame inside the submission, else ''."""
    if isinstance(error, SyntaxError) and error.filename and Path(error.filename).is_relative_to(submission):
        return f"{Path(error.filename).relative_to(submission)} line {error.lineno}"
    frames = [
        f for f in traceback.extract_tb(error.__traceback__) if Path(f.filename).is_relative_to(submission)
    ]
    if not frames:
        return ""
    last = frames[-1]
    return f"{Path(last.filename).relative_to(submission)} line {last.lineno}, in {last.name}"


def _excerpt(error: BaseException, submission: Path) -> str:
    """The traceback from the first frame inside the submission on."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [k for k, f in enumerate(frames) if Path(f.filename).is_relative_to(submission)]
    lines = traceback.format_list(frames[inside[0] :] if inside else frames[-3:])
    return "".join(lines + traceback.format_exception_only(type(error), error)).strip()


def _describe(error: BaseException, submission: Path, memory_mb: int) -> str:
    where = _where(error, submission)
    if isinstance(error, MemoryError):
        what = f"memory limit of {memory_mb} MB hit (MemoryError)"
    else:
        what = f"{type(error).__name__}: {error}".rstrip(": ")
    return f"{where}: {what}" if where else what


def _configure_course(settings: dict) -> None:
    """Import the stand-ins the part's folder has and set the course's constants from the config."""
    for name, values in settings.items():
        module = importlib.import_module(name)
        for key, value in values.items():
            setattr(module, key, value)


def main(request_path: str) -> None:
    """The child: run one part of one submission and write its outputs or its error."""
    from cs229ps2.grading.checks import SubmissionError
    from cs229ps2.grading.parts import PARTS

    sys.dont_write_bytecode = True
    folder = Path(request_path).parent
    request = json.loads(Path(request_path).read_text(encoding="utf-8"))
    part = PARTS[request["part"]]
    submission = Path(request["submission"]).resolve()
    sys.path[:0] = [str(COURSE / part.folder), str(submission / part.folder)]
    result = {"status": "ok"}
    try:
        _configure_course(request["course"])
        module = _import_file(submission / part.path)
        module.grading_path = part.path
        driver = importlib.import_module(f"cs229ps2.grading.drivers.{part.problem}")
        start = time.perf_counter()
        outputs = driver.run(part.name, module, request["data"], request["settings"])
        result["seconds"] = time.perf_counter() - start
        save_outputs(folder / VALUES, folder / ARRAYS, {**outputs, "seconds": result["seconds"]})
    except SubmissionError as error:
        result = {"status": "error", "message": str(error)}
    except BaseException as error:  # anything the submission raises, SystemExit included
        result = {
            "status": "error",
            "message": _describe(error, submission, request["memory_mb"]),
            "traceback": _excerpt(error, submission),
        }
    (folder / RESULT).write_text(json.dumps(result), encoding="utf-8")


def _limits(memory_mb: int, seconds: float):
    def apply():
        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        cpu = int(seconds) + 5  # a backstop: the wall-clock limit below is the one that applies
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))

    return apply


def run_part(request: dict, folder: Path, time_limit: float, memory_mb: int) -> dict:
    """Run a request in a child process in folder; its result dict (outputs stay in folder).

    status "ok" (outputs saved), "error" (message, traceback) or "timeout".
    """
    folder = Path(folder)
    (folder / REQUEST).write_text(json.dumps({**request, "memory_mb": memory_mb}), encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "Agg",
        **dict.fromkeys(ONE_THREAD, "1"),
    }
    command = [sys.executable, "-m", "cs229ps2.grading.sandbox", str(folder / REQUEST)]
    start = time.perf_counter()
    with open(folder / OUTPUT, "w", encoding="utf-8") as output:
        child = subprocess.Popen(
            command,
            cwd=folder,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            preexec_fn=_limits(memory_mb, time_limit),
            start_new_session=True,
        )
        try:
            child.wait(timeout=time_limit)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            return {
                "status": "timeout",
                "message": f"time limit of {time_limit:g} s hit; the part was stopped",
            }
    if not (folder / RESULT).is_file():
        return {
            "status": "error",
            "message": _exit_reason(child.returncode, memory_mb, time.perf_counter() - start),
        }
    return json.loads((folder / RESULT).read_text(encoding="utf-8"))


def _exit_reason(code: int, memory_mb: int, seconds: float) -> str:
    """Why a child that wrote no result ended."""
    if code < 0:
        name = signal.Signals(-code).name
        hint = (
            " (CPU time limit)"
            if name == "SIGXCPU"
            else f" (memory limit of {memory_mb} MB?)" * (name == "SIGKILL")
        )
        return f"the process was killed by {name}{hint} after {seconds:.1f} s"
    return f"the process exited with code {code} before finishing (sys.exit or os._exit in the submission?)"


if __name__ == "__main__":
    main(sys.argv[1])
