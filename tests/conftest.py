"""Shared fixtures: the network guard around every test, and the installed command.

Helpers that are not fixtures live in `support` (tests/support/), which test modules import.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO, live, netguard

netguard.install()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Each test starts with nothing allowed and nothing blocked."""
    netguard.allowed.clear()
    netguard.blocked.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test that opened a URL or connected anywhere it did not allow, even if the code
    under test caught the error."""
    result = yield
    if netguard.blocked:
        attempts = "; ".join(netguard.blocked)
        netguard.blocked.clear()
        pytest.fail(f"network access outside the test's own listeners: {attempts}")
    return result


@pytest.fixture
def allow_address():
    """Allow connections to a (host, port) the test set up itself, e.g. a loopback listener."""

    def allow(host: str, port: int) -> None:
        netguard.allowed.add((host, port))

    return allow


@pytest.fixture(scope="session")
def network_guard():
    """The guard itself, for session fixtures that start their own listeners (tests/stores):
    they add their ports to `allowed` again in each test, as every test starts with none."""
    return netguard


@pytest.fixture
def run_cli():
    """Run the installed `perovskite-kg` command, guarded by the same network guard."""
    command = Path(sys.executable).parent / "perovskite-kg"
    if not command.exists():
        pytest.fail(f"{command} is missing: install the package first (pip install '.[test]')")

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            prefix: tuple[str, ...] = ()):
        """`prefix`: a command the installed one runs under (e.g. `support.hostile.read_only`)."""
        environment = {k: v for k, v in os.environ.items() if k != "PEROVSKITE_KG_ROOT"}
        environment |= netguard.allow_env() | (env or {})
        done = subprocess.run(
            [*prefix, str(command), *args],
            cwd=cwd or REPO,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        lines = done.stderr.splitlines()
        netguard.blocked.extend(line for line in lines if netguard.MARKER in line)
        return done

    return run


@pytest.fixture(scope="session")
def live_server():
    """One `perovskite-kg serve` for the session (2 s timeout, 2 workers, a queue of 1)."""
    server = live.Live("--timeout", "2", "--workers", "2", "--queue", "1")
    yield server
    stderr = server.stop()
    assert netguard.MARKER not in stderr, stderr


@pytest.fixture
def endpoint(live_server, allow_address):
    """The live server's base address, allowed for this test."""
    allow_address(live.HOST, live_server.port)
    return live_server.base
