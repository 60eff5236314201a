"""Writing files so that a reader sees the whole file or the previous one, never half of it.

Every file the program writes (the cache, the exports) goes through `atomic`: it is written under
a temporary name in the target's folder and renamed over the target only when complete.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from perovskite_kg.errors import InputError
from perovskite_kg.project.paths import display


@contextmanager
def atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` only if the block completes; otherwise `path` is untouched
    and the temporary file is removed. Errors from the file system become one-line `InputError`s."""
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
    except OSError as err:
        raise InputError(f"cannot write here: {err.strerror}", display(path)) from err
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.chmod(temporary, _mode(path))
        os.replace(temporary, path)
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", display(path)) from err
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _mode(path: Path) -> int:
    """The permissions the file would get from a plain open(): the old file's, else the umask's."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
