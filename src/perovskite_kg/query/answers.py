"""What `query` needs around the run itself: the store of the chosen reasoner (with a progress
line while HermiT works), the allowed values of a query's parameters, and the one-line note when
the chosen reasoner cannot decide a class the query relies on.

Nothing here imports rdflib: with the store made, `query NAME` reads everything from it and from
its record (`project.store`)."""

import sys
from pathlib import Path

import pyoxigraph as ox

from perovskite_kg import namespaces, reason
from perovskite_kg.project import cache
from perovskite_kg.project import store as stores
from perovskite_kg.project.labels import Labels
from perovskite_kg.query import values
from perovskite_kg.query.stored import QueryFile


def store(root: Path, engine: str) -> ox.Store:
    """The store with `engine`'s inferences; says on stderr when it must reason first."""
    if not cache.is_fresh(root, engine):
        implementation = reason.ENGINES[engine].implementation if engine in reason.ENGINES else ""
        print(f"reasoning with {implementation} ({engine}) before the first query; the result "
              "is kept for the next ones...", file=sys.stderr, flush=True)
    return stores.open_store(root, engine)


def allowed(store: ox.Store, labels: Labels, query: QueryFile) -> dict[str, list[values.Choice]]:
    """Each parameter's allowed values, for the parameters whose header says where they are."""
    return {name: values.choices(store, labels, source) for name, source in query.values}


def warn_undecided(root: Path, classes: list[str], engine: str) -> None:
    """One line on stderr for each of the defined `classes` (IRIs or prefixed names) that the
    query relies on and `engine` cannot decide."""
    if engine != "rl" or not classes:
        return
    undecided = stores.undecided(root)
    for term in classes:
        iri = namespaces.expand(term)
        if iri in undecided:
            print(f"note: {namespaces.curie(iri)} is decided only by the OWL 2 DL reasoner (its "
                  "definition compares numbers, which OWL 2 RL cannot); without --reasoner dl it "
                  "has no inferred members here", file=sys.stderr)
