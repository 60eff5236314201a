"""Helpers for the hostile-input suite: a loopback listener that must hear nothing, and limits on
the time and memory of a command under attack."""

import resource
import socket
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

MEMORY_BYTES = 2_000_000_000
"""Address space allowed to a command under attack: a read that never ends fails, not the host."""
SECONDS = 60
"""Time allowed to a command that must refuse at once."""


def limit_memory() -> None:
    """A `preexec_fn`: cap the child's address space."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


@contextmanager
def listener():
    """A loopback TCP listener; yields (url, connections), connections filling as peers arrive."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    host, port = server.getsockname()
    reached, stop = [], threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, peer = server.accept()
            except socket.timeout:
                continue
            reached.append(peer)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield (host, port), reached
    finally:
        stop.set()
        thread.join()
        server.close()


_READ_ONLY = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'


def read_only(folder: Path) -> tuple[str, ...]:
    """A command prefix that runs a command with `folder` mounted read-only in a mount namespace
    of its own: a read-only checkout even for root, whom chmod does not stop."""
    return ("unshare", "--mount", "--propagation", "private", "sh", "-c", _READ_ONLY, str(folder))


def can_mount_read_only(folder: Path) -> bool:
    """Whether `read_only` works here (it needs the right to make mount namespaces)."""
    try:
        done = subprocess.run([*read_only(folder), "touch", str(folder / ".probe")],
                              capture_output=True, timeout=SECONDS)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode != 0 and b"Read-only file system" in done.stderr


def session_processes(session: int) -> list[int]:
    """The live (not zombie) processes of the session `session`, read from /proc: a command
    started with `start_new_session=True` and every process it forks stay in it."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, sid = fields[0], int(fields[3])  # after "pid (name)": state ppid pgrp session
        if sid == session and state != "Z":
            found.append(int(stat.parent.name))
    return found
