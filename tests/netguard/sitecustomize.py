"""A network guard for the test suite, built on `sys.addaudithook`.

It blocks, and records, every URL opened and every connection or name lookup made, except to
addresses a test set up itself and allowed. The same file guards both sides:
- the pytest process, where `conftest.py` loads it and calls `install()`;
- every command a test starts, where `PYTHONPATH` points at this folder so Python imports the file
  at start-up as `sitecustomize`; it then reads the allowed addresses from `NETGUARD_ALLOW`.
A blocked attempt prints a line starting with `MARKER` on stderr, so the test that started the
command can fail even if the program swallowed the exception.
"""

import os
import sys
from urllib.parse import urlsplit

MARKER = "netguard: blocked"
ENV_ALLOW = "NETGUARD_ALLOW"

# The audit events through which Python code reaches the network (socket.connect also covers
# connect_ex, create_connection and everything built on them: http.client, urllib, ftplib).
EVENTS = frozenset(
    {
        "socket.connect",
        "socket.sendto",
        "socket.sendmsg",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "urllib.Request",
    }
)

allowed: set[tuple[str, int]] = set()
blocked: list[str] = []
_installed = False


def install() -> None:
    """Install the hook once per process (audit hooks cannot be removed)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


def allow_env() -> dict[str, str]:
    """Environment variables that hand the allowed addresses to a child process."""
    return {
        "PYTHONPATH": os.path.dirname(os.path.abspath(__file__)),
        ENV_ALLOW: ",".join(f"{host}|{port}" for host, port in sorted(allowed)),
    }


def _hook(event: str, args: tuple) -> None:
    if event not in EVENTS:  # the hook runs on every audited call: keep the common path cheap
        return
    target = _target(event, args)
    if target is None or target in allowed:
        return
    if event.startswith("socket.get") and _host_allowed(target):  # looking up an allowed host
        return
    message = f"{MARKER} {event} {target!r}"
    blocked.append(message)
    print(message, file=sys.stderr, flush=True)
    raise PermissionError(message)


def _target(event: str, args: tuple):
    """The (host, port) an event reaches, a URL's (host, port), or a Unix socket path."""
    if event == "urllib.Request":
        url = urlsplit(args[0])
        return (url.hostname or url.scheme, url.port or 0)
    if event in ("socket.getaddrinfo", "socket.gethostbyname"):
        host = args[0].decode() if isinstance(args[0], bytes) else args[0]
        if host is None:  # a lookup for binding a local listener
            return None
        port = args[1] if event == "socket.getaddrinfo" else 0
        return (host, int(port) if str(port).isdigit() else 0)
    address = args[1]
    if isinstance(address, tuple):
        return (address[0], address[1])
    return address


def _host_allowed(target) -> bool:
    return isinstance(target, tuple) and any(host == target[0] for host, _ in allowed)


if os.environ.get(ENV_ALLOW) is not None and __name__ == "sitecustomize":
    for entry in filter(None, os.environ[ENV_ALLOW].split(",")):
        host, port = entry.rsplit("|", 1)
        allowed.add((host, int(port)))
    install()
