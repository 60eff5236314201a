"""The network guard itself: it must block what a test did not allow, in this process and in the
commands a test starts, and let through a loopback listener the test set up."""

import os
import socket
import subprocess
import sys
import urllib.request

import pytest
from support import netguard


def test_a_connection_that_was_not_allowed_is_blocked_and_recorded():
    with pytest.raises(PermissionError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(PermissionError):
        urllib.request.urlopen("file:///etc/hostname")
    assert len(netguard.blocked) == 2
    netguard.blocked.clear()  # the attempts were this test's own


def test_an_allowed_loopback_listener_is_reachable(allow_address):
    with socket.create_server(("127.0.0.1", 0)) as server:
        allow_address(*server.getsockname())
        with socket.create_connection(server.getsockname(), timeout=5):
            server.accept()[0].close()
    assert not netguard.blocked


def test_commands_started_by_a_test_are_guarded_too():
    # run_cli starts the installed command with this environment; here the same environment
    # starts a Python that tries to open a URL, and the guard loaded at its start-up blocks it.
    env = os.environ | netguard.allow_env()
    code = "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9/')"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert netguard.MARKER in done.stderr
