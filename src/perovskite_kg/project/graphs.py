"""The asserted and the reasoned graph, computed once and kept on disk until an input file changes.

Every command gets its graph here. An entry is keyed by a SHA-256 over every input file
(`ontology/*.ttl` and `graph/*.ttl`: paths and bytes) and the code that reads and reasons (this
package's version, `load`, `names`, which gives the facts written as blank nodes their IRIs,
and the `reason` package's files), so a changed,
added or removed file is always a miss. An entry is a folder holding `asserted.nt` and, per
reasoner, `inferred-<engine>.nt`; each file is written under a temporary name, flushed and renamed,
so a reader sees a whole file or none. `manifest.json`, written after each file, holds the
SHA-256 and the triple count of every file of the entry; every read checks both, so a file cut
short, emptied or overwritten is noticed, removed and computed again (one line on stderr says
so). Entries live in `<root>/.cache/` when the root is a writable
checkout (the folder is git-ignored), else in `$XDG_CACHE_HOME/perovskite-kg` (by default
`~/.cache/perovskite-kg`). Failing to write the cache is not an error: the next command recomputes.
"""

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from perovskite_kg import __version__, namespaces, reason
from perovskite_kg.errors import InputError
from perovskite_kg.project import files, load, names, paths, terms
from perovskite_kg.reason import analysis

ASSERTED = "asserted.nt"
MANIFEST = "manifest.json"
KEEP_ENTRIES = 8
"""Older entries beyond this many are removed when a new one is made."""

_remembered: dict[Path, Graph] = {}


def reasoned(root: Path, engine: str = "rl") -> tuple[Graph, Graph]:
    """The project's asserted graph and the triples reasoning infers from it, as a pair.

    `asserted` holds every triple of `ontology/*.ttl` and `graph/*.ttl` under `root` (see
    `asserted`); `inferred` holds only what the reasoner `engine` ("rl", the default, or "dl")
    adds: never a triple of `asserted`, and without the tautologies of a closure (see
    `reason.triples.trivial`). Their union is the reasoned graph; blank nodes are shared between
    the two.

    Computed at most once per process and once per set of input files: later calls return the
    same Graph objects (copy them before changing them), later processes read the cache.
    Raises `reason.analysis.Inconsistent` (exit code 1) when the `dl` engine finds the graph
    inconsistent.
    To load the pair into pyoxigraph without going through rdflib, use `reasoned_ntriples`.
    """
    stated = asserted(root)
    path = _inferred_path(root, engine)
    if path not in _remembered:
        kept = _verified(path)
        if kept is not None:
            _remembered[path] = _graph(kept[1])
        else:
            _remembered[path] = inferred = reason.infer(stated, engine)
            _keep(path, list(terms.to_oxigraph(inferred)))
    return stated, _remembered[path]


def analysed(root: Path, engine: str = "rl") -> tuple[Graph, analysis.Result]:
    """The asserted graph and what `engine` makes of it, for `reason` and `build` alike: an
    inconsistent graph gives a Result that says so, with its conflicts, not an exception."""
    stated = asserted(root)
    try:
        _, inferred = reasoned(root, engine)
    except analysis.Inconsistent as err:
        return stated, analysis.Result(engine, Graph(), consistent=False, conflicts=err.conflicts)
    return stated, analysis.analyse(stated, inferred, engine)


def reasoned_ntriples(root: Path, engine: str = "rl") -> tuple[bytes, bytes]:
    """`reasoned(root, engine)` as N-Triples: (asserted, inferred), from the cache when it holds
    them (verified), else computed.

    An inferred triple about a stated blank node uses that node's label in both, so read them
    with labels kept (`pyoxigraph.parse`), not with a loader that renames blank nodes per
    document (`Store.load`, `Store.bulk_load`).
    """
    cached = _entry(root) / ASSERTED, _inferred_path(root, engine)
    kept = [_verified(path) for path in cached]
    if all(found is not None for found in kept):
        return kept[0][0], kept[1][0]
    return tuple(_ntriples(terms.to_oxigraph(g)) for g in reasoned(root, engine))


def asserted(root: Path) -> Graph:
    """Every triple of the input files, read with `load` on a miss (so a bad file raises its
    located `InputError`) and from the cache on a hit. The same Graph object on every call."""
    path = _entry(root) / ASSERTED
    if path not in _remembered:
        kept = _verified(path)
        if kept is not None:
            _remembered[path] = _graph(kept[1])
        else:
            # Blank nodes labelled by RDFC-1.0: two processes that miss the cache at the same time
            # then write the same `asserted.nt`, so an `inferred-<engine>.nt` written by one never
            # meets blank-node labels written by the other.
            triples = terms.canonical([load.union(load.load_files(input_files(root)))])
            _keep(path, triples)
            _remembered[path] = _graph(triples)
    return _remembered[path]


def is_fresh(root: Path, engine: str) -> bool:
    """Whether `reasoned(root, engine)` will be read rather than computed (the files are there
    and listed in the manifest; their contents are checked when they are read)."""
    listed = _manifest(_entry(root))
    return all(name in listed for name in (ASSERTED, _inferred_path(root, engine).name))


def input_files(root: Path) -> list[Path]:
    """The files the graph is made of: the ontology and the facts, in load order."""
    return [*paths.ontology_files(root), *paths.graph_files(root)]


def key(root: Path) -> str:
    """The cache key: a digest of every input file and of the reading and reasoning code."""
    digest = hashlib.sha256()
    code = [*sorted(Path(reason.__file__).parent.glob("*.py")), Path(load.__file__),
            Path(names.__file__)]
    for part in (__version__.encode(), *(f.read_bytes() for f in code)):
        digest.update(hashlib.sha256(part).digest())
    for path in input_files(root):
        digest.update(hashlib.sha256(path.relative_to(root).as_posix().encode()).digest())
        digest.update(hashlib.sha256(load.read_bytes(path, paths.display(path))).digest())
    return digest.hexdigest()[:32]


def folder(root: Path) -> Path:
    """Where entries are kept: `<root>/.cache` in a writable checkout, else the user cache."""
    if paths.is_checkout(root) and os.access(root, os.W_OK):
        return root / ".cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "perovskite-kg"


def _entry(root: Path) -> Path:
    return folder(root) / key(root)


def _inferred_path(root: Path, engine: str) -> Path:
    reason.check_engine(engine)
    return _entry(root) / f"inferred-{engine}.nt"


def _keep(path: Path, triples: list[ox.Triple]) -> None:
    """Keep `triples` at `path` (atomically; errors ignored: the next command recomputes)."""
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True)
            _prune(path.parent.parent)
        _write(path, triples)
    except (OSError, InputError):
        pass


def _write(path: Path, triples: list[ox.Triple]) -> None:
    """Write the file, then list it in the manifest (so a file is trusted only once whole)."""
    data = _ntriples(triples)
    with files.atomic(path) as out:
        out.write(data)
    listed = _manifest(path.parent)
    listed[path.name] = {"sha256": hashlib.sha256(data).hexdigest(), "triples": len(triples)}
    with files.atomic(path.parent / MANIFEST) as out:
        out.write(json.dumps(listed, indent=1, sort_keys=True).encode())


def _ntriples(triples) -> bytes:
    """N-Triples, one triple per line, sorted: the same triples always give the same bytes and
    reach the store in the same order (so cells that join values, GROUP_CONCAT, stay the same
    whether the cache was just computed or read)."""
    lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    return b"".join(sorted(lines))


def _manifest(entry: Path) -> dict:
    """What the entry's manifest lists: file name -> {"sha256", "triples"} ({} if unreadable)."""
    try:
        listed = json.loads((entry / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return {}
    return listed if isinstance(listed, dict) else {}


def _verified(path: Path) -> tuple[bytes, list[ox.Triple]] | None:
    """The cached file's bytes and triples if they match the manifest; else None, after removing
    the file (and saying so, when it was there but damaged)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    expected = _manifest(path.parent).get(path.name)
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
    print(f"perovskite-kg: the cached {paths.display(path)} is damaged ({problem}); "
          "computing it again", file=sys.stderr)
    try:
        path.unlink()
    except OSError:
        pass
    return None


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


def _graph(triples) -> Graph:
    """pyoxigraph triples as an rdflib Graph bound to the project prefixes."""
    graph = namespaces.bind(Graph())
    for triple in terms.from_oxigraph(triples):
        graph.add(triple)
    return graph
