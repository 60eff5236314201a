"""A live `perovskite-kg serve` on loopback, started as the installed command and stopped after.

The server runs under the same network guard as every command a test starts (`netguard`): it may
listen on its own port and nothing else; a blocked attempt in its stderr fails the tests."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from support import REPO, netguard

HOST = "127.0.0.1"
START_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Live:
    """One server process: `base` is its address; `stop()` ends it and returns its stderr."""

    def __init__(self, *options: str, root: Path | None = None) -> None:
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        command = Path(sys.executable).parent / "perovskite-kg"
        netguard.allowed.add((HOST, self.port))
        environment = {k: v for k, v in os.environ.items() if k != "PEROVSKITE_KG_ROOT"}
        environment |= netguard.allow_env()
        self.log = tempfile.TemporaryFile()
        arguments = [str(command), *(("--root", str(root)) if root else ()), "serve",
                     "--host", HOST, "--port", str(self.port), *options]
        self.process = subprocess.Popen(arguments, cwd=REPO, env=environment,
                                        stdout=subprocess.DEVNULL, stderr=self.log)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.stderr()}")
            try:
                with urllib.request.urlopen(f"{self.base}/sparql?query=ASK%7B%7D", timeout=5):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the server did not answer within {START_SECONDS} s")

    def stderr(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self) -> str:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        text = self.stderr()
        self.log.close()
        return text
