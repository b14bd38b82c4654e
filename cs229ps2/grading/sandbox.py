"""Student code in a confined child process: the parent's half (the child's is ``grading/child``).

:func:`run_part` lays out a scratch folder (the child's runtime, the course's stand-ins of the
part's folder, the student's Python files, the driver's inputs), starts ``python -I -S
runner.py`` in it, and waits: at most the time limit, reading at most ``output_kb`` of what it
prints. The child sends back return values as data (NPZ with a JSON string, never a pickle).

Isolation levels (config ``grading.isolation``):

- ``sandbox``: util-linux ``unshare`` makes new user, mount, PID, network and IPC namespaces,
  and the child confines itself with Landlock (:mod:`cs229ps2.grading.child.confine`) before
  the student's file is read. Needs unprivileged user namespaces and Landlock (Linux 5.13+).
- ``none``: a plain child process with the same resource limits and the same data-only
  protocol, but nothing stops it reading files, using the network or signalling processes.
- ``auto``: ``sandbox`` where the machine offers it, else ``none`` for one submission; class
  grading (config ``submissions``) refuses to start without the sandbox unless told ``none``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from packaging.requirements import Requirement

GRADING = Path(__file__).resolve().parent
CHILD = GRADING / "child"
COURSE = GRADING.parent / "course"
ALLOWED_PACKAGES = ("numpy", "scipy", "matplotlib", "landlockpy")  # and what they need
NAMESPACES = [
    "--user",
    "--map-root-user",
    "--mount",
    "--pid",
    "--net",
    "--ipc",
    "--fork",
    "--kill-child",
    "--mount-proc",
]
RESULT = "__result__"
MARK = "\n\x1e end of a graded part \x1e\n"  # the child prints it after each part


class IsolationUnavailable(RuntimeError):
    """The config asks for the sandbox and this machine cannot make it."""


@functools.cache
def sandbox_support() -> tuple[bool, str]:
    """(whether the sandbox works here, what it is or why not)."""
    import landlockpy

    abi = landlockpy.abi_version() if landlockpy.supported() else 0
    if not abi:
        return False, "Landlock is not available (Linux 5.13+ with landlock in the kernel's lsm= list)"
    unshare = shutil.which("unshare")
    if unshare is None:
        return False, "util-linux unshare is not installed"
    probe = subprocess.run([unshare, *NAMESPACES, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        why = probe.stderr.strip().splitlines()[-1:] or ["failed"]
        return False, f"unprivileged user namespaces are not available ({why[0]})"
    return True, f"sandbox: namespaces (user, mount, PID, network, IPC) and Landlock ABI {abi}"


def isolation_level(setting: str, class_grading: bool) -> str:
    """The level a config's grading.isolation gives here: "sandbox" or "none" (or it refuses)."""
    works, what = sandbox_support()
    if setting == "none" or (setting == "auto" and not works and not class_grading):
        return "none"
    if not works:
        raise IsolationUnavailable(
            f"the grading sandbox is not available on this machine: {what}. Grading a class needs it; "
            "run with --config grading.isolation=none to grade without it (student code can then read "
            "any file you can, use the network and signal your processes)"
        )
    return "sandbox"


def describe_level(level: str) -> str:
    """One line for the sheet and the page: what protected the part."""
    return (
        sandbox_support()[1] if level == "sandbox" else "none: a separate process with resource limits only"
    )


# --- the scratch folder ------------------------------------------------------------------------


@functools.cache
def allowed_entries() -> tuple[Path, ...]:
    """The top-level entries of site-packages that the allowed distributions (and what they
    require) install: packages, their .libs folders and their metadata."""
    found, todo = {}, list(ALLOWED_PACKAGES)
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in found:
            continue
        try:
            found[key] = distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        for text in distribution.requires or []:
            requirement = Requirement(text)
            if not requirement.marker or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    entries = set()
    for distribution in found.values():
        root = Path(distribution.locate_file(""))
        for file in distribution.files or []:
            top = file.parts[0]
            if top not in ("..", "__pycache__"):
                entries.add(root / top)
    return tuple(sorted(entries))


def _copy_python_files(folder: Path, dest: Path) -> list[str]:
    """The folder's regular .py files (no symbolic links, at most 1 MB each) into dest; notes."""
    dest.mkdir(parents=True)
    notes = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_symlink():
            notes.append(f"{path.name} is a symbolic link: not used")
        elif path.suffix == ".py" and path.is_file() and path.stat().st_size <= 2**20:
            shutil.copyfile(path, dest / path.name)
    return notes


def _link_or_copy(source, dest) -> None:
    """A hard link (shared inputs cost nothing per part), or a copy across file systems."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)


def prepare(scratch: Path, part, submission: Path, inputs: list[Path], request: dict) -> None:
    """Lay out the child's scratch folder (see the module's docstring) and its request.json:
    the rows' inputs folders as inputs/0, inputs/1, ..., their results to come as out/0.npz, ..."""
    shutil.copytree(CHILD, scratch / "runtime" / "_grader", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(COURSE / part.folder, scratch / "course", ignore=shutil.ignore_patterns("__*"))
    # shared by every submission: hard-linked where the child can only read them
    copy = _link_or_copy if request["confine"] else shutil.copy2
    for k, folder in enumerate(inputs):
        shutil.copytree(folder, scratch / "inputs" / str(k), copy_function=copy)
    (scratch / "out").mkdir()
    (scratch / "work").mkdir()
    site = scratch / "site"
    site.mkdir()
    for entry in allowed_entries():
        (site / entry.name).symlink_to(entry)
    request = {**request, "submission": str(scratch / "submission" / part.path), "file": part.path}
    request["paths"] = [str(site), *request.get("paths", [])]
    request["mark"] = MARK
    (scratch / "request.json").write_text(json.dumps(request), encoding="utf-8")


# --- the child process -----------------------------------------------------------------------


def _limits(limits: dict):
    def apply():
        memory = limits["memory_mb"] * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = int(limits["seconds"]) + 5  # a backstop: the wall-clock limit is the one that applies
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        size = limits["file_mb"] * 2**20
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _environment(scratch: Path) -> dict:
    work = str(scratch / "work")
    threads = dict.fromkeys(("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"), "1")
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": work,
        "TMPDIR": work,
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": work,
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        **threads,
    }


class _Output(threading.Thread):
    """Reads what the child prints: keeps the first ``keep`` bytes, stops the child past ``cap``."""

    def __init__(self, stream, cap: int, stop, keep: int = 8192):
        super().__init__(daemon=True)
        self.stream, self.cap, self.stop, self.keep = stream, cap, stop, keep
        self.head, self.total, self.over = b"", 0, False

    def run(self):
        while chunk := self.stream.read1(65536):
            self.head += chunk[: max(self.keep - len(self.head), 0)]
            self.total += len(chunk)
            if self.total > self.cap and not self.over:
                self.over = True
                self.stop()


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def launch(scratch: Path, level: str, limits: dict) -> dict:
    """Run the prepared scratch folder's child; {"status": ok|error|timeout, "message", "output"}."""
    command = [sys.executable, "-I", "-S", str(scratch / "runtime" / "_grader" / "runner.py"), str(scratch)]
    if level == "sandbox":
        command = [shutil.which("unshare"), *NAMESPACES, "--", *command]
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=scratch / "work",
        env=_environment(scratch),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=_limits(limits),
        start_new_session=True,
    )
    output = _Output(process.stdout, limits["output_kb"] * 1024, lambda: _kill(process))
    output.start()
    try:
        process.wait(timeout=limits["seconds"])
        timed_out = False
    except subprocess.TimeoutExpired:
        timed_out = True
    _kill(process)  # in the sandbox the namespace is gone already; without it, the process group
    process.wait()
    output.join(timeout=5)
    seconds = time.perf_counter() - start
    printed = output.head.decode("utf-8", errors="replace")
    if timed_out:
        return {
            "status": "timeout",
            "message": f"time limit of {limits['seconds']:g} s hit; the part was stopped",
            "output": printed,
        }
    if output.over:
        return {
            "status": "error",
            "message": f"printed more than {limits['output_kb']} KB; the part was stopped",
            "output": printed,
        }
    return {"status": "done", "code": process.returncode, "seconds": seconds, "output": printed}


def exit_reason(code: int, limits: dict, seconds: float) -> str:
    """Why a child that wrote no result ended."""
    if code < 0 or code > 128:
        name = signal.Signals(-code if code < 0 else code - 128).name
        hint = {"SIGXCPU": " (CPU time limit)", "SIGXFSZ": " (file size limit)"}.get(
            name, f" (memory limit of {limits['memory_mb']} MB?)" if name == "SIGKILL" else ""
        )
        return f"the process was killed by {name}{hint} after {seconds:.1f} s"
    return f"the process exited with code {code} before finishing (sys.exit or os._exit in the submission?)"


def run_rows(
    parts: list, submission: Path, inputs: list[Path], request: dict, limits: dict, level: str
) -> list[tuple[dict, bytes]]:
    """Run parts of one submission's file in one child, one after the other, within one part's
    limits: per part (outcome, the bytes of its result.npz, b"" when none).

    The child starts afresh for each part (its modules, seeds and working folder), so a part
    gives what it gives run alone. Parts it finished have outcome status "done"; the first it did
    not finish says why (status "error" or "timeout", message); any after it are "not run".
    """
    (part,) = {p.path: p for p in parts}.values()  # one file
    rows = [{"part": p.name, "inputs": f"inputs/{k}", "result": f"out/{k}.npz"} for k, p in enumerate(parts)]
    with tempfile.TemporaryDirectory(prefix="cs229ps2-part-", ignore_cleanup_errors=True) as folder:
        scratch = Path(folder)
        settings = {"rows": rows, "confine": level == "sandbox", "limits": limits}
        prepare(scratch, part, submission, inputs, {**request, **settings})
        notes = _copy_python_files(Path(submission).parent, scratch / "submission" / part.folder)
        ended = launch(scratch, level, limits)
        results = [_finished(scratch / row["result"], limits) for row in rows]
    printed = _split_output(ended["output"], len(rows))
    outcomes, failed = [], False
    for data, output in zip(results, printed):
        if data and not failed:
            outcomes.append(({"status": "done", "notes": notes, "output": output}, data))
            continue
        if failed:
            outcomes.append(({"status": "not run", "message": "", "notes": notes, "output": ""}, b""))
        elif ended["status"] != "done":
            outcomes.append(({**ended, "notes": notes, "output": output}, b""))
        else:
            reason = exit_reason(ended["code"], limits, ended["seconds"])
            outcomes.append(({"status": "error", "message": reason, "notes": notes, "output": output}, b""))
        failed = True
    return outcomes


def run_part(
    part, submission: Path, inputs: Path, request: dict, limits: dict, level: str
) -> tuple[dict, bytes]:
    """Run one part of a submission: (outcome, the bytes of its result.npz, b"" when none).

    outcome: status "done" (with the result), or "error" / "timeout" with a message; notes, output.
    """
    return run_rows([part], submission, [inputs], request, limits, level)[0]


def _finished(result: Path, limits: dict) -> bytes:
    """A result file's bytes when the child wrote all of it (a whole NPZ archive within the limit)."""
    if not result.is_file() or result.stat().st_size > limits["file_mb"] * 2**20:
        return b""
    data = result.read_bytes()
    return data if data and zipfile.is_zipfile(io.BytesIO(data)) else b""


def _split_output(printed: str, count: int) -> list[str]:
    """What the child printed, per row: the child marks the end of each row."""
    pieces = printed.split(MARK)
    pieces[count - 1 :] = ["".join(pieces[count - 1 :])]
    return pieces + [""] * (count - len(pieces))
