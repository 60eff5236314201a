"""Answers kept beside the graph they were computed on, so a stored query is run once per build.

A cache entry's graph never changes (its key covers every input file and the reasoning code), so
the answer of a SELECT or ASK query over it is a function of the query text (parameters bound),
the dataset it names and the engine whose inferences it reads. The answer is kept in the entry,
in `answers-<engine>/<SHA-256>.srj` (SPARQL 1.1 Query Results JSON, written whole or not at all),
and read back instead of running the query again: an aggregate over a million triples then costs
a file read. `build` fills it with every stored query's default answer, `update` with those of
the selective ones (`SHORT`). An answer larger than
`MAX_BYTES` is not kept (reading it back would cost as much as computing it); a kept file that
does not parse is computed again and replaced. CONSTRUCT and DESCRIBE answers are never kept.
"""

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox

from perovskite_kg import __version__
from perovskite_kg.errors import InputError
from perovskite_kg.project import files

MAX_BYTES = 1 << 20
SHORT = 100
"""At most this many rows is a short answer: with a parameter, what makes a query selective."""
_FORMAT = ox.QueryResultsFormat.JSON


def folder(entry: Path, engine: str, fresh: bool = False) -> Path | None:
    """Where the answers over the entry's graph with `engine`'s inferences are kept; None when
    `fresh` (`query --fresh`: compute, and keep nothing)."""
    return None if fresh else entry / f"answers-{engine}"


def answer(place: Path | None, compute, *key_parts: object, add: bool = True):
    """The kept answer for `key_parts` (everything that decides it besides the graph), else
    `compute()`, kept when it is a SELECT or ASK answer of at most `MAX_BYTES` and `add` is true
    (`serve` reads the answers `build` kept, and adds none: requests must not fill the disk)."""
    if place is None:
        return compute()
    path = _path(place, key_parts)
    found = _read(path)
    if found is not None:
        return found
    computed = compute()
    if not add or not isinstance(computed, (ox.QuerySolutions, ox.QueryBoolean)):
        return computed
    data = computed.serialize(format=_FORMAT)
    if len(data) <= MAX_BYTES:
        try:
            place.mkdir(exist_ok=True)
            with files.atomic(path) as out:
                out.write(data)
        except (OSError, InputError):
            pass  # not writable here: computed again next time
    return ox.parse_query_results(data, format=_FORMAT)


def rows(place: Path, *key_parts: object) -> int | None:
    """How many rows the answer kept for `key_parts` has (an ASK answer counts one), or None
    when none is kept."""
    found = _read(_path(place, key_parts))
    if found is None:
        return None
    return 1 if isinstance(found, ox.QueryBoolean) else sum(1 for _ in found)


def _path(place: Path, key_parts: tuple) -> Path:
    digest = hashlib.sha256(json.dumps([__version__, ox.__version__, *key_parts],
                                       default=str).encode()).hexdigest()
    return place / f"{digest}.srj"


def _read(path: Path):
    try:
        return ox.parse_query_results(path.read_bytes(), format=_FORMAT)
    except (OSError, SyntaxError, ValueError):
        return None
