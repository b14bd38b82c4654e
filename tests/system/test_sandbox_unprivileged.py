"""The sandbox holds for an ordinary user, not only for root: the child's confinement run by an
unprivileged uid (nobody, through setpriv when the tests run as root) with the system's Python.

Root is exempt from RLIMIT_NPROC and DAC checks; here neither helps. The probe confines itself
exactly as a graded part's child does (grading/child/confine.py inside util-linux unshare), then
tries what an attack would: read the project (world-readable), write /tmp (world-writable),
connect to a listener of this process, signal this process, and start more processes than the cap.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import textwrap
from pathlib import Path

import landlockpy
import pytest

from cs229ps2.grading.sandbox import CHILD, NAMESPACES, sandbox_support
from cs229ps2.pipeline.workspace import REPO

SYSTEM_PYTHON = shutil.which("python3", path="/usr/bin:/bin")
NOBODY = 65534
pytestmark = [
    pytest.mark.skipif(not sandbox_support()[0], reason="the grading sandbox is not available here"),
    pytest.mark.skipif(SYSTEM_PYTHON is None, reason="no system python3 an unprivileged user can run"),
]

PROBE = """
import json, os, socket, sys
from pathlib import Path
scratch, site, marker = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[5]
port, grader = int(sys.argv[3]), int(sys.argv[4])
sys.path[:0] = [str(site), str(scratch)]
import confine
work = confine.confine(scratch, {"disk_mb": 4, "processes": 8}, site)
found = {"uid": os.getuid()}

def attempt(name, action):
    try:
        action()
        found[name] = "done"
    except Exception as error:
        found[name] = type(error).__name__

attempt("read_project", lambda: open(sys.argv[6]).read())
attempt("write_tmp", lambda: open(marker, "w").write("x"))
attempt("write_work", lambda: open(work / "ok", "w").write("x"))
attempt("connect", lambda: socket.create_connection(("127.0.0.1", port), timeout=2))
attempt("signal_grader", lambda: os.kill(grader, 0))
children = 0
for _ in range(40):
    try:
        if os.fork() == 0:
            import time
            time.sleep(5)
            os._exit(0)
        children += 1
    except OSError:
        break
found["children"] = children
print(json.dumps(found), flush=True)
os._exit(0)
"""


@pytest.fixture
def shared_tmp():
    """A scratch folder any user may use (pytest's own is private to this user)."""
    folder = Path(tempfile.mkdtemp(prefix="unprivileged-"))
    os.chmod(folder, 0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_an_unprivileged_user_is_confined(shared_tmp):
    tmp_path = shared_tmp
    scratch = tmp_path / "scratch"
    (scratch / "work").mkdir(parents=True)
    shutil.copy(CHILD / "confine.py", scratch / "confine.py")
    site = tmp_path / "site"
    shutil.copytree(Path(landlockpy.__file__).parent, site / "landlockpy")
    (tmp_path / "probe.py").write_text(textwrap.dedent(PROBE))
    marker = Path("/tmp") / f"unprivileged-probe-{os.getpid()}"
    for path in (tmp_path, *tmp_path.rglob("*")):
        os.chmod(path, 0o777 if path.is_dir() else 0o666)
    drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if os.getuid() == 0 else []
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        command = [*drop, "unshare", *NAMESPACES, "--", SYSTEM_PYTHON, "-I", "-S", str(tmp_path / "probe.py")]
        args = [str(scratch), str(site), str(listener.getsockname()[1]), str(os.getpid()), str(marker)]
        done = subprocess.run(
            [*command, *args, str(REPO / "config.yaml")], capture_output=True, text=True, timeout=60
        )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["uid"] == 0  # root of its own user namespace only: outside, it is the unprivileged user
    assert found["read_project"] == "PermissionError"  # world-readable, yet denied
    assert found["write_tmp"] == "PermissionError" and not marker.exists()  # world-writable, yet denied
    assert found["write_work"] == "done"
    assert found["connect"] in (
        "PermissionError",
        "OSError",
        "ConnectionRefusedError",
    )  # Landlock, no network
    assert found["signal_grader"] in ("ProcessLookupError", "PermissionError")
    assert found["children"] < 8  # RLIMIT_NPROC binds an ordinary user
