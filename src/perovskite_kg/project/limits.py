"""The limits on what a command reads and holds, each configurable in the environment.

`PEROVSKITE_KG_MAX_INPUT_MB` (default 100): the largest input file read (graph, ontology, query
or curator file); a larger one is refused before it is parsed, since parsing and validating hold
many times the file's size in memory (`benchmarks/input_limits.py` measures it). `PEROVSKITE_KG_MAX_ROWS` (default 100,000): the most
rows the table format holds to align its columns; the W3C formats stream without a limit.
`PEROVSKITE_KG_MEMORY_MB` (default: what the kernel reports available, `MemAvailable`): the memory
`build` may count on when it chooses to validate beside loading and reasoning or before them.
"""

import os
from pathlib import Path

from perovskite_kg.errors import InputError

INPUT_MB_VARIABLE = "PEROVSKITE_KG_MAX_INPUT_MB"
INPUT_MB_DEFAULT = 100
ROWS_VARIABLE = "PEROVSKITE_KG_MAX_ROWS"
ROWS_DEFAULT = 100_000
MEMORY_MB_VARIABLE = "PEROVSKITE_KG_MEMORY_MB"
_MEMINFO = Path("/proc/meminfo")


def max_input_bytes() -> int:
    """The largest input file, in bytes."""
    return int(_positive(INPUT_MB_VARIABLE, INPUT_MB_DEFAULT) * 1_000_000)


def describe_input_limit() -> str:
    megabytes = _positive(INPUT_MB_VARIABLE, INPUT_MB_DEFAULT)
    return f"{megabytes:g} MB (raise the limit with {INPUT_MB_VARIABLE}=N)"


def max_rows() -> int:
    """The most rows a table holds in memory."""
    return int(_positive(ROWS_VARIABLE, ROWS_DEFAULT))


def memory_bytes() -> int | None:
    """The memory a command may count on, in bytes; None where the kernel does not say."""
    if os.environ.get(MEMORY_MB_VARIABLE) is not None:
        return int(_positive(MEMORY_MB_VARIABLE, 0) * 1_000_000)
    try:
        for line in _MEMINFO.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _positive(variable: str, default: float) -> float:
    text = os.environ.get(variable)
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise InputError(f"{variable}={text!r}: write a positive number")
    return value
