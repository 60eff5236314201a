"""The asserted and the reasoned graph, computed once and kept on disk until an input file changes.

Every command that needs rdflib graphs gets them here; the files are kept in the cache's entry for
the current input files (`project.cache`: the key, the manifest, verified reads), and every time
they are computed the on-disk pyoxigraph store that `query`, `describe` and `serve` open is made
from them too (`project.store`).
"""

from pathlib import Path

from rdflib import Graph

from perovskite_kg import namespaces, reason
from perovskite_kg.project import cache, increment, load, store, terms
from perovskite_kg.project.cache import folder, input_files, is_fresh, key  # noqa: F401
from perovskite_kg.reason import analysis

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
        kept = cache.verified(path)
        if kept is not None:
            _remembered[path] = _graph(kept[1])
        else:
            inferred = increment.inferred(root, stated) if engine == reason.DEFAULT else None
            if inferred is None:
                inferred = reason.infer(stated, engine)
            _remembered[path] = inferred
            cache.keep(root, path, list(terms.to_oxigraph(inferred)))
        store.open_store(root, engine)  # made now if missing: `build` leaves it ready
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
    cached = cache.entry(root) / cache.ASSERTED, _inferred_path(root, engine)
    kept = [cache.verified(path) for path in cached]
    if all(found is not None for found in kept):
        return kept[0][0], kept[1][0]
    return tuple(cache.ntriples(terms.to_oxigraph(g)) for g in reasoned(root, engine))


def asserted(root: Path) -> Graph:
    """Every triple of the input files, read with `load` on a miss (so a bad file raises its
    located `InputError`) and from the cache on a hit. The same Graph object on every call."""
    path = cache.entry(root) / cache.ASSERTED
    if path not in _remembered:
        kept = cache.verified(path)
        if kept is not None:
            _remembered[path] = _graph(kept[1])
        else:
            # Blank nodes labelled by RDFC-1.0: two processes that miss the cache at the same time
            # then write the same `asserted.nt`, so an `inferred-<engine>.nt` written by one never
            # meets blank-node labels written by the other.
            triples = terms.canonical([load.union(load.load_files(input_files(root)))])
            cache.keep(root, path, triples)
            _remembered[path] = _graph(triples)
    return _remembered[path]


def _inferred_path(root: Path, engine: str) -> Path:
    return cache.entry(root) / cache.inferred_name(engine)


def _graph(triples) -> Graph:
    """pyoxigraph triples as an rdflib Graph bound to the project prefixes."""
    graph = namespaces.bind(Graph())
    for triple in terms.from_oxigraph(triples):
        graph.add(triple)
    return graph
