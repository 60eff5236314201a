"""Running the application with uvicorn on one address, until interrupted."""

import os
import socket
from pathlib import Path

import uvicorn

from perovskite_kg.errors import InputError
from perovskite_kg.serve import app


def serve(root: Path, host: str, port: int, timeout: float, workers: int, queue: int) -> int:
    """Serve until Ctrl-C; an address that cannot be bound is an `InputError` (exit 2)."""
    if timeout <= 0 or workers < 1 or queue < 0:
        raise InputError("--timeout must be positive, --workers at least 1, --queue at least 0")
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as err:
        reason = os.strerror(err.errno) if err.errno else str(err)
        raise InputError(f"cannot listen on {host}:{port}: {reason} "
                         "(choose another --port or --host)") from err
    settings = app.Settings(root, timeout, workers, queue)
    print(f"perovskite-kg: serving on http://{host}:{port}/ (SPARQL at /sparql; Ctrl-C stops)",
          flush=True)
    uvicorn.run(app.create(settings), host=host, port=port, log_level="warning",
                timeout_graceful_shutdown=5)
    return 0
