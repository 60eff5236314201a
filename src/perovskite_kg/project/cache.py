"""The cache's entries on disk: where they live, their key, their manifest, verified reads.

An entry is keyed by a SHA-256 over every input file (`ontology/*.ttl` and `graph/*.ttl`: paths
and bytes) and the code that reads and reasons (this package's version and the `reason`
package's files), so a changed, added or removed file is always a miss. An entry is a folder
holding `asserted.nt` and, per reasoner, `inferred-<engine>.nt` (`project.graphs` computes them),
and the pyoxigraph stores made from them (`project.store`). Each file is written under a
temporary name, flushed and renamed, so a reader sees a whole file or none. `manifest.json`,
written after each file, holds the SHA-256 and the triple count of every file of the entry;
every read checks both, so a file cut short, emptied or overwritten is noticed, removed and
computed again (one line on stderr says so). Entries live in `<root>/.cache/` when the root is a
writable checkout (the folder is git-ignored), else in `$XDG_CACHE_HOME/perovskite-kg` (by
default `~/.cache/perovskite-kg`). Failing to write the cache is not an error: the next command
recomputes.

This module imports no rdflib: the `query` command reads the cache through it.
"""

import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from perovskite_kg import __version__, reason
from perovskite_kg.errors import InputError
from perovskite_kg.project import files, paths, reading

ASSERTED = "asserted.nt"
MANIFEST = "manifest.json"
KEEP_ENTRIES = 8
"""Older entries beyond this many are removed when a new one is made."""
RACY_SECONDS = 2

_keys: dict[tuple, str] = {}
"""The keys this process computed, by the stat of every file each was computed from."""


def input_files(root: Path) -> list[Path]:
    """The files the graph is made of: the ontology and the facts, in load order."""
    return [*paths.ontology_files(root), *paths.graph_files(root)]


def key(root: Path) -> str:
    """The cache key: a digest of every input file and of the reading and reasoning code.

    A command asks for it several times; within one process it is computed again only when a
    file's stat (size, times, inode) changed, and never remembered for a file changed in the last
    `RACY_SECONDS` (a second write in the same clock tick would keep its times)."""
    code = sorted(Path(reason.__file__).parent.glob("*.py"))
    inputs = input_files(root)
    stamps = tuple(_stamp(path) for path in (*code, *inputs))
    if stamps in _keys:
        return _keys[stamps]
    digest = hashlib.sha256()
    for part in (__version__.encode(), *(f.read_bytes() for f in code)):
        digest.update(hashlib.sha256(part).digest())
    for path in inputs:
        digest.update(hashlib.sha256(path.relative_to(root).as_posix().encode()).digest())
        digest.update(hashlib.sha256(reading.read_bytes(path, paths.display(path))).digest())
    found = digest.hexdigest()[:32]
    settled = time.time_ns() - RACY_SECONDS * 10**9
    if all(stamp[3] < settled for stamp in stamps):
        _keys[stamps] = found
    return found


def _stamp(path: Path) -> tuple:
    found = path.stat()
    return str(path.absolute()), found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino


def folder(root: Path) -> Path:
    """Where entries are kept: `<root>/.cache` in a writable checkout, else the user cache."""
    if paths.is_checkout(root) and os.access(root, os.W_OK):
        return root / ".cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "perovskite-kg"


def entry(root: Path) -> Path:
    """The folder of the entry for the current input files."""
    return folder(root) / key(root)


def inferred_name(engine: str) -> str:
    """The file name of what `engine` infers."""
    reason.check_engine(engine)
    return f"inferred-{engine}.nt"


def is_fresh(root: Path, engine: str) -> bool:
    """Whether the reasoned graph of `engine` will be read rather than computed (the files are
    there and listed in the manifest; their contents are checked when they are read)."""
    listed = manifest(entry(root))
    return all(name in listed for name in (ASSERTED, inferred_name(engine)))


def manifest(place: Path) -> dict:
    """What the entry's manifest lists: file name -> {"sha256", "triples"} ({} if unreadable)."""
    try:
        listed = json.loads((place / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return {}
    return listed if isinstance(listed, dict) else {}


def keep(path: Path, triples: list[ox.Triple]) -> None:
    """Keep `triples` at `path` (atomically; errors ignored: the next command recomputes)."""
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True)
            _prune(path.parent.parent)
        _write(path, triples)
    except (OSError, InputError):
        pass


def ntriples(triples) -> bytes:
    """N-Triples, one triple per line, sorted: the same triples always give the same bytes and
    reach the store in the same order (so cells that join values, GROUP_CONCAT, stay the same
    whether the cache was just computed or read)."""
    lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    return b"".join(sorted(lines))


def verified(path: Path) -> tuple[bytes, list[ox.Triple]] | None:
    """The cached file's bytes and triples if they match the manifest; else None, after removing
    the file (and saying so, when it was there but damaged)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    expected = manifest(path.parent).get(path.name)
    if not isinstance(expected, dict):
        problem = "not listed in the manifest"
    elif hashlib.sha256(data).hexdigest() != expected.get("sha256"):
        problem = "its SHA-256 does not match the manifest"
    else:
        try:
            triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError:
            triples = None
        if triples is not None and len(triples) == expected.get("triples"):
            return data, triples
        problem = "its triples do not match the manifest"
    damaged(path, problem, "computing it again")
    try:
        path.unlink()
    except OSError:
        pass
    return None


def damaged(path: Path, problem: str, remedy: str) -> None:
    """The one line that says a cached file or store was found damaged, and what happens now."""
    print(f"perovskite-kg: the cached {paths.display(path)} is damaged ({problem}); {remedy}",
          file=sys.stderr)


def _write(path: Path, triples: list[ox.Triple]) -> None:
    """Write the file, then list it in the manifest (so a file is trusted only once whole)."""
    data = ntriples(triples)
    with files.atomic(path) as out:
        out.write(data)
    listed = manifest(path.parent)
    listed[path.name] = {"sha256": hashlib.sha256(data).hexdigest(), "triples": len(triples)}
    with files.atomic(path.parent / MANIFEST) as out:
        out.write(json.dumps(listed, indent=1, sort_keys=True).encode())


def _prune(parent: Path) -> None:
    """Remove all but the newest `KEEP_ENTRIES` entries."""
    def age(place: Path) -> float:
        try:
            return place.stat().st_mtime
        except OSError:
            return 0.0

    entries = sorted((p for p in parent.iterdir() if p.is_dir() and len(p.name) == 32),
                     key=age, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        shutil.rmtree(old, ignore_errors=True)
