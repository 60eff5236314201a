"""Writing files so that a reader sees the whole file or the previous one, never half of it.

Every file the program writes (the cache, the exports) goes through `atomic`, or `staged` for a
set of files that must appear together or not at all: it is written under a temporary name in the
target's folder, flushed to disk, and renamed over the target only when complete. Only a regular
file or a new path is ever replaced: a device (`/dev/null`), a FIFO, a socket, a folder or a
symbolic link at the target is refused, so the rename never goes over a special file (for a link,
write to the file it points to). Temporary files that a killed process left behind
(`.<name>.*.tmp`, older than a minute) are removed by the next write of that name.
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
    handle, temporary = _temporary(path)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            _flush(out, temporary, path)
        os.replace(temporary, path)
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", display(path)) from err
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path` (after removing those a killed write left there)."""
    _remove_stale(path)
    import tempfile  # here: `query` rarely writes, and the import costs its start-up

    try:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise InputError(f"cannot write in {display(path.parent)}: {err.strerror} (make the folder "
                         "writable, or write elsewhere)", display(path)) from err


def _flush(out: io.BufferedWriter, temporary: str, path: Path) -> None:
    """Put the written bytes on disk, with the permissions `path` will have."""
    out.flush()
    os.fsync(out.fileno())
    os.chmod(temporary, _mode(path))


class Staged:
    """Files written now under temporary names in one folder, renamed to their own names only by
    `commit`: the exports of a build that validation may still refuse, held on disk rather than
    in memory (a million triples make a gigabyte of exports)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.made = False  # whether `put` created the folder (then `discard` removes it)
        self.pending: dict[Path, str] = {}

    def put(self, name: str, data: bytes) -> None:
        """Write `data` beside `name`'s place, flushed to disk, under a temporary name."""
        path = self.folder / name
        check_target(path)
        try:
            if not self.folder.exists():
                self.folder.mkdir()
                self.made = True
        except OSError as err:
            raise InputError(f"cannot create the folder: {err.strerror}",
                             display(self.folder)) from err
        handle, temporary = _temporary(path)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                _flush(out, temporary, path)
        except OSError as err:
            os.remove(temporary)
            raise InputError(f"cannot write: {err.strerror or err}", display(path)) from err
        self.pending[path] = temporary

    def commit(self) -> list[Path]:
        """Rename every file put to its name; returns them in the order they were put."""
        done = []
        for path, temporary in list(self.pending.items()):
            try:
                os.replace(temporary, path)
            except OSError as err:
                raise InputError(f"cannot write: {err.strerror or err}", display(path)) from err
            del self.pending[path]
            done.append(path)
        return done

    def discard(self) -> None:
        """Remove what was put and not committed (and the folder, if `put` made it and it is
        empty)."""
        for temporary in self.pending.values():
            try:
                os.remove(temporary)
            except OSError:
                pass
        self.pending.clear()
        if self.made:
            try:
                self.folder.rmdir()
            except OSError:
                pass


@contextmanager
def staged(folder: Path) -> Iterator[Staged]:
    """A `Staged` set of files in `folder`; whatever was not committed when the block ends, by an
    error or a return, is removed."""
    files = Staged(folder)
    try:
        yield files
    finally:
        files.discard()


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
