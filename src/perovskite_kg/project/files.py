"""Writing files so that a reader sees the whole file or the previous one, never half of it.

Every file the program writes (the cache, the exports) goes through `atomic`: it is written under
a temporary name in the target's folder, flushed to disk, and renamed over the target only when
complete. Only a regular file or a new path is ever replaced: a device (`/dev/null`), a FIFO, a
socket, a folder or a symbolic link at the target is refused, so the rename never goes over a
special file (for a link, write to the file it points to). Temporary files that a killed process
left behind (`.<name>.*.tmp`, older than a minute) are removed by the next write to the folder.
"""

import io
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from perovskite_kg.errors import InputError
from perovskite_kg.project.paths import display

STALE_SECONDS = 60
"""A temporary file this old is left from a killed write, not one being written."""


@contextmanager
def atomic(path: Path) -> Iterator[io.BufferedWriter]:
    """A binary file that replaces `path` only if the block completes; otherwise `path` is untouched
    and the temporary file is removed. Errors from the file system become one-line `InputError`s."""
    path = Path(path)
    check_target(path)
    _remove_stale(path)
    import tempfile  # here: `query` rarely writes, and the import costs its start-up

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
    except OSError as err:
        raise InputError(f"cannot write in {display(path.parent)}: {err.strerror} (make the folder "
                         "writable, or write elsewhere)", display(path)) from err
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _mode(path))
        os.replace(temporary, path)
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", display(path)) from err
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def check_target(path: Path) -> None:
    """Refuse to write at `path` unless it is a regular file or does not exist yet."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror}", display(path)) from err
    kind = ("a folder" if stat.S_ISDIR(mode) else "a symbolic link" if stat.S_ISLNK(mode)
            else None if stat.S_ISREG(mode) else "a device, a pipe or a socket")
    if kind:
        raise InputError(f"will not write over {kind}: give the path of a regular file "
                         "(or '-' for standard output)", display(path))


def _remove_stale(path: Path) -> None:
    now = time.time()
    for left in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if now - left.lstat().st_mtime > STALE_SECONDS:
                left.unlink()
        except OSError:
            pass


def _mode(path: Path) -> int:
    """The permissions the file would get from a plain open(): the old file's, else the umask's."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
