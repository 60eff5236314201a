"""The two ways a command fails on purpose, each mapped to its documented exit code.

A `KgError` carries one line for the user, located as `file:line:column:` when the place is known,
so the command line can print it without a traceback.
"""

from pathlib import Path


class KgError(Exception):
    """An expected failure with a one-line, located message."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        super().__init__(f"{_location(path, line, column)}{message}")


class InputError(KgError):
    """Unusable input or usage: a file that cannot be read or parsed, a bad option (exit 2)."""

    exit_code = 2


class CheckFailed(KgError):
    """The data was read but does not conform, or a check found a problem (exit 1)."""

    exit_code = 1


def _location(path: Path | str | None, line: int | None, column: int | None) -> str:
    """`file:line:column: ` in the style compilers use, so editors can jump to the place."""
    if path is None:
        return ""
    parts = [_printable(str(path))] + [str(n) for n in (line, column) if n is not None]
    return ":".join(parts) + ": "


def one_line(err: Exception | str) -> str:
    """A library's message on one line, for a `KgError` (some span lines, or end in blanks)."""
    return " ".join(str(err).split())


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset into `text` (or byte offset into bytes)."""
    newline = "\n" if isinstance(text, str) else b"\n"
    line = text.count(newline, 0, offset) + 1
    column = offset - (text.rfind(newline, 0, offset) + 1) + 1
    return line, column


def _printable(name: str) -> str:
    """A file name on one line: control characters (a newline in a name) written as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)
