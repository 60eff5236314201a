"""The asserted and the reasoned graph, computed once and kept on disk until an input file changes.

An entry is keyed by a SHA-256 over every input file (`ontology/*.ttl` and `graph/*.ttl`: paths and
bytes) and the code that reads and reasons (this package's version and `reason.py`), so a changed,
added or removed file is always a miss. An entry is a folder holding `asserted.nt` and, per
reasoner, `inferred-<engine>.nt`; each file is written under a temporary name and renamed, so a
reader sees a whole file or none. Entries live in `<root>/.cache/` when the root is a writable
checkout (the folder is git-ignored), else in `$XDG_CACHE_HOME/perovskite-kg` (by default
`~/.cache/perovskite-kg`). Failing to write the cache is not an error: the next command recomputes.
"""

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from perovskite_kg import __version__, export, load, namespaces, oxterms, paths, reason
from perovskite_kg.errors import InputError

ASSERTED = "asserted.nt"
KEEP_ENTRIES = 8
"""Older entries beyond this many are removed when a new one is made."""

_remembered: dict[Path, Graph] = {}
_fallback: tempfile.TemporaryDirectory | None = None


def reasoned(root: Path, engine: str = "rl") -> tuple[Graph, Graph]:
    """The project's asserted graph and the triples reasoning infers from it, as a pair.

    `asserted` holds every triple of `ontology/*.ttl` and `graph/*.ttl` under `root` (see
    `asserted`); `inferred` holds only what the reasoner `engine` ("rl", the default, or "dl")
    adds: never a triple of `asserted`, and without the tautologies of a closure (see
    `reason.infer`). Their union is the reasoned graph; blank nodes are shared between the two.

    Computed at most once per process and once per set of input files: later calls return the
    same Graph objects (copy them before changing them), later processes read the cache.
    Raises `reason.Inconsistent` (exit code 1) when the `dl` engine finds the graph inconsistent.
    To load the pair into pyoxigraph without going through rdflib, use `reasoned_files`.
    """
    stated = asserted(root)
    path = _inferred_path(root, engine)
    if path not in _remembered:
        _remembered[path] = _read(path) if path.is_file() else _store(path, reason.infer(stated,
                                                                                          engine))
    return stated, _remembered[path]


def analysed(root: Path, engine: str = "rl") -> tuple[Graph, reason.Result]:
    """The asserted graph and what `engine` makes of it, for `reason` and `build` alike: an
    inconsistent graph gives a Result that says so, with its conflicts, not an exception."""
    stated = asserted(root)
    try:
        _, inferred = reasoned(root, engine)
    except reason.Inconsistent as err:
        return stated, reason.Result(engine, Graph(), consistent=False, conflicts=err.conflicts)
    return stated, reason.analyse(stated, inferred, engine)


def reasoned_files(root: Path, engine: str = "rl") -> tuple[Path, Path]:
    """The N-Triples files of `reasoned(root, engine)`: (asserted, inferred), computed if needed.

    An inferred triple about a stated blank node uses that node's label in both files, so read
    them with labels kept (`pyoxigraph.parse`), not with a loader that renames blank nodes per
    file (`Store.load`, `Store.bulk_load`). Treat them as read-only. If the cache cannot be
    written, they are written to a temporary folder removed when the process ends.
    """
    files = _entry(root) / ASSERTED, _inferred_path(root, engine)
    if all(f.is_file() for f in files):
        return files
    graphs = reasoned(root, engine)
    if all(f.is_file() for f in files):
        return files
    global _fallback
    _fallback = _fallback or tempfile.TemporaryDirectory(prefix="perovskite-kg-")
    files = tuple(Path(_fallback.name) / f.name for f in files)
    for graph, path in zip(graphs, files):
        _serialize(graph, path)
    return files


def asserted(root: Path) -> Graph:
    """Every triple of the input files, read with `load` on a miss (so a bad file raises its
    located `InputError`) and from the cache on a hit. The same Graph object on every call."""
    path = _entry(root) / ASSERTED
    if path not in _remembered:
        if path.is_file():
            _remembered[path] = _read(path)
        else:
            loaded = load.union(load.load_files(input_files(root)))
            _remembered[path] = _store(path, _canonical(loaded))
    return _remembered[path]


def _canonical(graph: Graph) -> Graph:
    """`graph` with its blank nodes labelled by RDFC-1.0. Two processes that miss the cache at the
    same time then write the same `asserted.nt`, so an `inferred-<engine>.nt` written by one never
    meets blank-node labels written by the other."""
    relabelled = namespaces.bind(Graph())
    for triple in oxterms.from_oxigraph(export.canonical([graph])):
        relabelled.add(triple)
    return relabelled


def is_fresh(root: Path, engine: str) -> bool:
    """Whether `reasoned(root, engine)` will be read rather than computed."""
    return _inferred_path(root, engine).is_file() and (_entry(root) / ASSERTED).is_file()


def input_files(root: Path) -> list[Path]:
    """The files the graph is made of: the ontology and the facts, in load order."""
    return [*paths.ontology_files(root), *paths.graph_files(root)]


def key(root: Path) -> str:
    """The cache key: a digest of every input file and of the reading and reasoning code."""
    digest = hashlib.sha256()
    for part in (__version__.encode(), Path(reason.__file__).read_bytes()):
        digest.update(hashlib.sha256(part).digest())
    for path in input_files(root):
        digest.update(hashlib.sha256(path.relative_to(root).as_posix().encode()).digest())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def folder(root: Path) -> Path:
    """Where entries are kept: `<root>/.cache` in a writable checkout, else the user cache."""
    if (root / "pyproject.toml").is_file() and os.access(root, os.W_OK):
        return root / ".cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "perovskite-kg"


def _entry(root: Path) -> Path:
    return folder(root) / key(root)


def _inferred_path(root: Path, engine: str) -> Path:
    reason.check_engine(engine)
    return _entry(root) / f"inferred-{engine}.nt"


def _store(path: Path, graph: Graph) -> Graph:
    """Keep `graph` at `path` (atomically; errors ignored) and return it."""
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True)
            _prune(path.parent.parent)
        _serialize(graph, path)
    except (OSError, InputError):
        pass
    return graph


def _serialize(graph: Graph, path: Path) -> None:
    with export.atomic(path) as out:
        ox.serialize(oxterms.to_oxigraph(graph), out, format=ox.RdfFormat.N_TRIPLES)


def _prune(parent: Path) -> None:
    """Remove all but the newest `KEEP_ENTRIES` entries."""
    def age(entry: Path) -> float:
        try:
            return entry.stat().st_mtime
        except OSError:
            return 0.0

    entries = sorted((p for p in parent.iterdir() if p.is_dir()), key=age, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        shutil.rmtree(old, ignore_errors=True)


def _read(path: Path) -> Graph:
    graph = namespaces.bind(Graph())
    for triple in oxterms.from_oxigraph(ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES)):
        graph.add(triple)
    return graph
