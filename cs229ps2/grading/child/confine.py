"""The child confines itself before any student code runs (inside the namespaces the parent made).

The parent starts the child with util-linux ``unshare`` in new user, mount, PID, network and IPC
namespaces (the child is root of them only, with a private /proc): it has no network, sees and
signals only its own processes, and every process it starts ends with it. Here, still before the
student's file is read, it

1. mounts a size-limited tmpfs as its working folder (the only place it may write); empty read-only
   tmpfs hide /run, /dev/shm, /var/tmp and the X11 sockets under /tmp (other processes' sockets
   and shared memory);
2. caps the number of its processes (RLIMIT_NPROC, and the PID namespace's pid_max where the
   kernel allows it: RLIMIT_NPROC does not bind the real root user);
3. restricts itself with Landlock: read-only access to the Python runtime, the allowed
   packages, system libraries and its own scratch folder; write access to the working folder;
   no TCP; no signals or abstract sockets outside its own domain (where the kernel's ABI has
   them). Nothing under the project, results/, data/ or the home folder is readable.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import sysconfig
from pathlib import Path

import landlockpy
from landlockpy import AccessFS, Ruleset, Scope

MS_RDONLY, MS_NOSUID, MS_NODEV = 1, 2, 4
HIDDEN = ("/run", "/dev/shm", "/var/tmp", "/tmp/.X11-unix", "/tmp/.ICE-unix")
SYSTEM_READ = (
    "/usr/lib",
    "/usr/lib64",
    "/lib",
    "/lib64",
    "/etc/ld.so.cache",
    "/etc/localtime",
    "/usr/share/zoneinfo",
    "/sys/devices/system/cpu",
    "/proc",
    "/dev/urandom",
)
READ = AccessFS.READ_FILE | AccessFS.READ_DIR
WRITE = (
    READ
    | AccessFS.WRITE_FILE
    | AccessFS.MAKE_REG
    | AccessFS.MAKE_DIR
    | AccessFS.REMOVE_FILE
    | AccessFS.REMOVE_DIR
    | AccessFS.TRUNCATE
    | AccessFS.REFER
)


def mount(source: str, target: str, fstype: str, flags: int, data: str = "") -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.mount(source.encode(), target.encode(), fstype.encode(), flags, data.encode()) != 0:
        raise OSError(ctypes.get_errno(), f"mount {fstype} on {target}: {os.strerror(ctypes.get_errno())}")


def working_folder(scratch: Path, disk_mb: int) -> Path:
    """scratch/work as a tmpfs of disk_mb MB; the writable places that reach other processes hidden."""
    work = scratch / "work"
    mount("tmpfs", str(work), "tmpfs", MS_NOSUID | MS_NODEV, f"size={disk_mb}m,mode=0700")
    for path in HIDDEN:
        if os.path.isdir(path) and not os.path.islink(path):
            mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k")
    return work


def cap_processes(count: int) -> None:
    """At most about count processes: RLIMIT_NPROC, and pid_max of the PID namespace (kernel 6.14+)."""
    resource.setrlimit(resource.RLIMIT_NPROC, (count, count))
    with contextlib.suppress(OSError):  # a kernel before 6.14: pid_max is not per namespace
        Path("/proc/sys/kernel/pid_max").write_text(str(max(count, 301)))  # the kernel's floor is 301


def readable_paths(scratch: Path, site: Path) -> list[str]:
    """What the confined child may read: the runtime, the allowed packages (site: a folder of
    symbolic links to them), system files, its scratch folder."""
    runtime = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib")}
    packages = {str(entry.resolve()) for entry in site.iterdir()} | {str(site)}
    return sorted(runtime | packages | {str(scratch), *SYSTEM_READ})


def restrict(scratch: Path, work: Path, site: Path) -> int:
    """Landlock: read the runtime and scratch, write work, nothing else; no TCP; scoped signals
    and abstract sockets. Returns the kernel's Landlock ABI version."""
    with Ruleset(scoped=Scope.SIGNAL | Scope.ABSTRACT_UNIX_SOCKET) as ruleset:  # every right handled
        for path in readable_paths(scratch, site):
            if os.path.exists(path):
                ruleset.allow_path(path, READ if os.path.isdir(path) else AccessFS.READ_FILE)
        ruleset.allow_path(work, WRITE)
        ruleset.allow_path("/dev/null", AccessFS.READ_FILE | AccessFS.WRITE_FILE)
        ruleset.restrict()
        return ruleset.abi_version


def confine(scratch: Path, limits: dict, site: Path) -> Path:
    """Confine this process (see the module's docstring); returns the working folder."""
    work = working_folder(scratch, limits["disk_mb"])
    cap_processes(limits["processes"])
    restrict(scratch, work, site)
    return work


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 without Landlock."""
    return landlockpy.abi_version() if landlockpy.supported() else 0
