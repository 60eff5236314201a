"""The reasoned graph, computed once and kept on disk until an input file changes.

An entry is keyed by a SHA-256 over every input file (`ontology/*.ttl` and `graph/*.ttl`: names
and bytes), the reasoner, and the code that reasons (this package's version and `reason.py`), so a
changed, added or removed file, or a changed reasoner, is always a miss. An entry is a folder with
`asserted.nt` and `inferred.nt`, written under a temporary name and renamed, so a reader sees a
whole entry or none. It lives in `<root>/.cache/` when the root is a writable checkout (the folder
is git-ignored), else in `$XDG_CACHE_HOME/perovskite-kg` (by default `~/.cache/perovskite-kg`).
Failing to write the cache is not an error: the next command reasons again.
"""

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from perovskite_kg import __version__, load, namespaces, oxterms, paths, reason

ASSERTED = "asserted.nt"
INFERRED = "inferred.nt"
KEEP_ENTRIES = 8
"""Older entries beyond this many are removed when a new one is written."""

_remembered: dict[str, tuple[Graph, Graph]] = {}


def reasoned(root: Path, engine: str = "rl") -> tuple[Graph, Graph]:
    """The project's asserted graph and the triples reasoning infers from it, as a pair.

    `asserted` holds every triple of `ontology/*.ttl` and `graph/*.ttl` under `root`, read with
    `load` (so a bad file raises its located `InputError`); `inferred` holds only what the reasoner
    `engine` ("rl", the default, or "dl") adds: never a triple of `asserted`, and without the
    tautologies of a closure (see `reason.infer`). Their union is the reasoned graph.

    Computed at most once per process and once per set of input files: later calls return the
    same two Graph objects (copy them before changing them), later processes read the cache.
    Raises `reason.Inconsistent` (exit code 1) when the `dl` engine finds the graph inconsistent.
    To load the pair into pyoxigraph without going through rdflib, use `reasoned_files`.
    """
    entry, computed = _entry(root, engine)
    if entry.name not in _remembered:
        _remembered[entry.name] = computed or (_read(entry / ASSERTED), _read(entry / INFERRED))
    return _remembered[entry.name]


def reasoned_files(root: Path, engine: str = "rl") -> tuple[Path, Path]:
    """The N-Triples files of `reasoned(root, engine)`: (asserted, inferred), computed if needed.

    They are for bulk loaders (`pyoxigraph.Store.bulk_load`), which read them in milliseconds;
    treat them as read-only.
    """
    entry, _ = _entry(root, engine)
    return entry / ASSERTED, entry / INFERRED


def input_files(root: Path) -> list[Path]:
    """The files reasoning reads: the ontology and the facts, in load order."""
    return [*paths.ontology_files(root), *paths.graph_files(root)]


def key(root: Path, engine: str) -> str:
    """The cache key: a digest of every input file, the engine and the reasoning code."""
    digest = hashlib.sha256()
    reasoning_code = Path(reason.__file__).read_bytes()
    for part in (engine.encode(), __version__.encode(), reasoning_code):
        digest.update(hashlib.sha256(part).digest())
    for path in input_files(root):
        digest.update(hashlib.sha256(path.relative_to(root).as_posix().encode()).digest())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return f"{engine}-{digest.hexdigest()[:32]}"


def folder(root: Path) -> Path:
    """Where entries are kept: `<root>/.cache` in a writable checkout, else the user cache."""
    if (root / "pyproject.toml").is_file() and os.access(root, os.W_OK):
        return root / ".cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "perovskite-kg"


def _entry(root: Path, engine: str) -> tuple[Path, tuple[Graph, Graph] | None]:
    """The entry for the current inputs, and the graphs if they had to be computed now."""
    entry = folder(root) / key(root, engine)
    if entry.name in _remembered or (entry / INFERRED).is_file():
        return entry, None
    asserted = load.union(load.load_files(input_files(root)))
    inferred = reason.infer(asserted, engine)
    try:
        _write(entry, asserted, inferred)
    except OSError:
        pass
    return entry, (asserted, inferred)


def _write(entry: Path, asserted: Graph, inferred: Graph) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{entry.name}-", dir=entry.parent))
    try:
        for name, graph in ((ASSERTED, asserted), (INFERRED, inferred)):
            ox.serialize(oxterms.to_oxigraph(graph), staging / name, format=ox.RdfFormat.N_TRIPLES)
        staging.rename(entry)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if not (entry / INFERRED).is_file():  # another process may have won the race
            raise
    _prune(entry.parent)


def _prune(parent: Path) -> None:
    entries = sorted((p for p in parent.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        shutil.rmtree(old, ignore_errors=True)


def _read(path: Path) -> Graph:
    graph = namespaces.bind(Graph())
    for triple in oxterms.from_oxigraph(ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES)):
        graph.add(triple)
    return graph
