"""Helpers for the hostile-input suite: a loopback listener that must hear nothing, and limits on
the time and memory of a command under attack."""

import resource
import socket
import threading
from contextlib import contextmanager

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
