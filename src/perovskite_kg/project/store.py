"""The reasoned graph as a pyoxigraph store: what every query, card and plot reads.

The asserted and the inferred triples each sit in their named graph (`namespaces.PROJECT_GRAPHS`)
and are queried together as one default graph unless a query names one with FROM.

The store is kept on disk in the cache's entry (`store-<engine>/`, beside the N-Triples it is made
from) and opened read-only, so a command pays for opening it, not for reading the graph again.
Its `record.json` lists the manifest lines of the N-Triples files it was made from and the size,
times, inode and SHA-256 of each of its own files. Opening checks both: the sources against the
entry's manifest (so a store never outlives the files it was made from), the files by their
stat (a write changes the change time, which no program can set back) or, when the stat differs,
by their SHA-256 (a copied cache is still good). A store that fails either check, or that
pyoxigraph cannot open, is made again from the cached N-Triples, with one line on stderr. A store
is made in a temporary folder beside its place and renamed there whole, so a reader sees a whole
store or none, and two processes making it at once both end up reading one whole store. Where the
cache cannot be written, the store is made in memory, as before.

This module imports no rdflib unless the store must be made: `query` with the store ready reads
the graph through it alone.
"""

import hashlib
import json
import os
import time
from pathlib import Path

import pyoxigraph as ox

from perovskite_kg import reason
from perovskite_kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH
from perovskite_kg.project import cache

RECORD = "record.json"
DATABASE = "db"
STALE_SECONDS = 3600
"""A temporary store folder this old was left by a killed command (making a store of 5 million
triples takes minutes, not an hour)."""


def open_store(root: Path, engine: str = reason.DEFAULT) -> ox.Store:
    """The store with the asserted triples and those `engine` infers, each in its graph: the
    on-disk store opened read-only when it is whole and made from the current cache, else made
    first (in memory if the cache cannot be written).

    For `dl` the inferred graph holds HermiT's inferences together with the OWL 2 RL ones: HermiT,
    as called here, reports class members but not the datatype-property values the rules derive
    (`pk:leastValue` of a range), which the stored queries rank by; every RL inference is also an
    OWL 2 DL entailment, so the union adds no claim DL would not make. The files come from the
    reasoning cache, so a query after `build` (or after an earlier query) does not reason again.
    """
    place = _place(root, engine)
    opened = _opened(place, cache.manifest(place.parent), engine)
    if opened is None:
        opened = write(root, engine)
    return opened


def opened_entry(place: Path, engine: str = reason.DEFAULT) -> ox.Store | None:
    """The store of the cache entry at `place` opened read-only, if it is whole; else None."""
    return _opened(_folder(place, engine), cache.manifest(place), engine)


def undecided(root: Path) -> frozenset[str]:
    """The defined classes (IRIs) whose members OWL 2 RL cannot decide (their definition compares
    numbers), as kept in the record of the rl store when it was made."""
    place = _place(root, reason.DEFAULT)
    found = _record(place)
    if found is None or _sources(found, cache.manifest(place.parent), reason.DEFAULT) is None:
        open_store(root, reason.DEFAULT)
        found = _record(place)
    if found is None:  # the cache cannot be written: compute it
        return _undecided(root)
    return frozenset(found["undecided"])


def write(root: Path, engine: str = reason.DEFAULT) -> ox.Store:
    """Make the on-disk store of `engine` from the cached N-Triples (computing them if needed)
    and return it opened read-only; in memory when the cache cannot be written."""
    from perovskite_kg.project import graphs  # only here: it needs rdflib

    place = _place(root, engine)
    sources = [cache.ASSERTED, cache.inferred_name(reason.DEFAULT)]
    data = [*graphs.reasoned_ntriples(root, reason.DEFAULT)]
    if engine != reason.DEFAULT:
        sources.append(cache.inferred_name(engine))
        data.append(graphs.reasoned_ntriples(root, engine)[1])
    listed = cache.manifest(place.parent)
    ready = _opened(place, listed, engine)
    if ready is not None:  # computing the N-Triples just made it (`graphs.reasoned` does)
        return ready
    quads = [in_graph(nt, ASSERTED_GRAPH if name == cache.ASSERTED else INFERRED_GRAPH)
             for name, nt in zip(sources, data)]
    try:
        made = _make(place, lambda path: _filled(path, quads), {
            "sources": {name: listed[name] for name in sources},
            "undecided": sorted(_undecided(root)),
        })
    except (OSError, KeyError):  # no cache here (not writable, or the manifest went missing)
        made = None
    if made is None:
        store = ox.Store()
        for part in quads:
            store.extend(part)
        return store
    return made


def _place(root: Path, engine: str) -> Path:
    reason.check_engine(engine)
    return _folder(cache.entry(root), engine)


def _folder(entry: Path, engine: str) -> Path:
    return entry / f"store-{engine}"


def in_graph(data: bytes, graph: str) -> list[ox.Quad]:
    """The triples of N-Triples `data` as quads in the named graph `graph`."""
    name = ox.NamedNode(graph)
    # ox.parse keeps blank-node labels, which the two graphs share; Store.load would rename them.
    return [ox.Quad(t.subject, t.predicate, t.object, name)
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def extended(entry: Path, before: Path, changes: tuple[list, list]) -> ox.Store | None:
    """The rl store of the cache entry at `entry`, made from the earlier entry's at `before`: a
    checkpoint of it (`Store.backup`: hard links where both are on one file system) with
    `changes` applied, (quads to remove, quads to add); None if it could not be written."""
    earlier = opened_entry(before)
    record = _record(_folder(before, reason.DEFAULT))
    if earlier is None or record is None:
        return None
    removed, added = changes

    def fill(path: Path) -> ox.Store:
        earlier.backup(str(path))
        store = ox.Store(str(path))
        for quad in removed:
            store.remove(quad)
        store.bulk_extend(added)
        return store

    listed = cache.manifest(entry)
    sources = [cache.ASSERTED, cache.inferred_name(reason.DEFAULT)]
    try:
        return _make(_folder(entry, reason.DEFAULT), fill, {
            "sources": {name: listed[name] for name in sources},
            "undecided": record["undecided"]})
    except (OSError, KeyError):
        return None


def _filled(path: Path, quads: list) -> ox.Store:
    store = ox.Store(str(path))
    for part in quads:
        store.bulk_extend(part)
    return store


def _make(place: Path, fill, record: dict) -> ox.Store | None:
    """Make a store in a temporary folder beside `place` (`fill(path)` returns it, filled),
    record it, rename it to `place`; the opened store, or None if it could not be written."""
    import tempfile  # only when a store is made: not on `query`'s path

    _remove_stale(place)
    building = Path(tempfile.mkdtemp(prefix=f".{place.name}.", suffix=".tmp", dir=place.parent))
    try:
        store = fill(building / DATABASE)
        store.flush()
        store.optimize()
        del store  # closes the database: its files are final from here on
        record["files"] = {name: _fingerprint(building / DATABASE / name, digest=True)
                           for name in sorted(os.listdir(building / DATABASE))}
        _sync(building / DATABASE)
        with open(building / RECORD, "w", encoding="utf-8") as out:
            json.dump(record, out, indent=1, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        _sync(building)
        try:
            os.rename(building, place)
        except OSError:  # another process renamed its store there first: read that one
            pass
        _sync(place.parent)
    finally:
        _rmtree(building)
    return _opened(place, cache.manifest(place.parent), None)


def _opened(place: Path, listed: dict, engine: str | None) -> ox.Store | None:
    """The store at `place` opened read-only if its record matches the manifest and its files;
    None when there is none, or (after one line on stderr and removing it) when it is damaged."""
    record = _record(place)
    if record is None and not place.exists():
        return None
    problem = "its record is unreadable" if record is None else _problem(place, record, listed,
                                                                         engine)
    if problem is None:
        try:
            return ox.Store.read_only(str(place / DATABASE))
        except OSError as err:
            problem = f"pyoxigraph cannot open it: {' '.join(str(err).split())[:200]}"
    cache.damaged(place, problem, "making it again from the cached N-Triples")
    _remove(place)
    return None


def _problem(place: Path, record: dict, listed: dict, engine: str | None) -> str | None:
    """What is wrong with the store at `place`, or None when it is whole and current."""
    if _sources(record, listed, engine) is None:
        return "it was not made from the files the cache's manifest lists"
    kept = record.get("files")
    try:
        present = sorted(os.listdir(place / DATABASE))
    except OSError:
        return "its database folder is missing"
    if not isinstance(kept, dict) or sorted(kept) != present:
        return "its files are not those it recorded"
    for name in present:
        now = _fingerprint(place / DATABASE / name, digest=False)
        expected = kept[name]
        if not isinstance(expected, dict):
            return "its record is unreadable"
        if all(now[k] == expected.get(k) for k in now):
            continue
        if (now["size"] != expected.get("size")
                or _fingerprint(place / DATABASE / name, digest=True)["sha256"]
                != expected.get("sha256")):
            return f"its file {name} changed since it was made"
    return None


def _sources(record: dict, listed: dict, engine: str | None) -> dict | None:
    """The record's sources when every one is listed the same in the manifest (and, for a known
    `engine`, they are the files that engine's store is made from); else None."""
    sources = record.get("sources")
    if not isinstance(sources, dict) or not sources:
        return None
    if engine is not None:
        wanted = {cache.ASSERTED, cache.inferred_name(reason.DEFAULT), cache.inferred_name(engine)}
        if set(sources) != wanted:
            return None
    if any(listed.get(name) != line for name, line in sources.items()):
        return None
    return sources


def _record(place: Path) -> dict | None:
    try:
        record = json.loads((place / RECORD).read_bytes())
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _fingerprint(path: Path, digest: bool) -> dict:
    """A file's size, times and inode (which any write changes), and its SHA-256 if asked."""
    found = os.stat(path)
    stamp = {"size": found.st_size, "mtime_ns": found.st_mtime_ns,
              "ctime_ns": found.st_ctime_ns, "inode": found.st_ino}
    if digest:
        sha = hashlib.sha256()
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                sha.update(block)
        stamp["sha256"] = sha.hexdigest()
    return stamp


def _undecided(root: Path) -> frozenset[str]:
    """Read from the ontology files, where classes are defined (a few thousand triples, where the
    asserted graph may hold millions)."""
    from perovskite_kg.project import load, paths  # only when a store is made: rdflib
    from perovskite_kg.reason import analysis

    ontology = load.union(load.load_files(paths.ontology_files(root)))
    return frozenset(str(c) for c in analysis.defined_classes(ontology)
                     if not analysis.rl_decidable(ontology, c))


def _sync(folder: Path) -> None:
    """Flush a folder's files (and the folder itself) to disk, so a rename never publishes a
    store whose data a crash could lose."""
    for name in os.listdir(folder):
        path = folder / name
        if path.is_file():
            handle = os.open(path, os.O_RDONLY)
            try:
                os.fsync(handle)
            finally:
                os.close(handle)
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _remove(place: Path) -> None:
    """Move a damaged store aside and delete it (a reader that has it open keeps its files)."""
    aside = place.with_name(f".{place.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        os.rename(place, aside)
    except OSError:
        return
    _rmtree(aside)


def _remove_stale(place: Path) -> None:
    now = time.time()
    for left in place.parent.glob(f".{place.name}.*.tmp"):
        try:
            if now - left.lstat().st_mtime > STALE_SECONDS:
                _rmtree(left)
        except OSError:
            pass


def _rmtree(path: Path) -> None:
    import shutil  # only when a store is made or removed: not on `query`'s path

    shutil.rmtree(path, ignore_errors=True)
