"""Reading one input file's bytes without blocking, filling memory, or importing a parser.

Kept apart from `load` (which parses with rdflib) so that the cache key and the stored queries,
which only need bytes, are read on the command's fast path too.
"""

import os
import stat
from pathlib import Path

from perovskite_kg.errors import InputError
from perovskite_kg.project import limits


def read_bytes(path: Path, shown: str) -> bytes:
    """A regular file's bytes, at most `limits.max_input_bytes()` of them. A FIFO, a device (a
    link to /dev/zero) or a socket is refused before a byte is read, so nothing blocks or fills
    memory: the file is opened without blocking and checked with fstat."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as err:
        raise InputError("no such file", shown) from err
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", shown) from err
    with os.fdopen(handle, "rb") as stream:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a folder, not a file", shown)
        if not stat.S_ISREG(mode):
            raise InputError("is not a regular file (a pipe, a device or a socket); only files "
                             "are read", shown)
        most = limits.max_input_bytes()
        try:
            data = stream.read(most + 1)
        except OSError as err:
            raise InputError(f"cannot read file: {err.strerror}", shown) from err
    if len(data) > most:
        raise InputError(f"file is larger than {limits.describe_input_limit()}", shown)
    return data
