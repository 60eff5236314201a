"""What `query` needs around the run itself: the store of the chosen reasoner (with a progress
line while HermiT works), the allowed values of a query's parameters, and the one-line note when
the chosen reasoner cannot decide a class the query relies on."""

import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from perovskite_kg import namespaces, reason
from perovskite_kg.project import graphs
from perovskite_kg.project.labels import Labels
from perovskite_kg.project.store import open_store
from perovskite_kg.query import values
from perovskite_kg.query.stored import QueryFile
from perovskite_kg.reason import analysis


def store(root: Path, engine: str) -> ox.Store:
    """The store with `engine`'s inferences; says on stderr when it must reason first."""
    if not graphs.is_fresh(root, engine):
        implementation = reason.ENGINES[engine].implementation if engine in reason.ENGINES else ""
        print(f"reasoning with {implementation} ({engine}) before the first query; the result "
              "is kept for the next ones...", file=sys.stderr, flush=True)
    return open_store(root, engine)


def allowed(store: ox.Store, labels: Labels, query: QueryFile) -> dict[str, list[values.Choice]]:
    """Each parameter's allowed values, for the parameters whose header says where they are."""
    return {name: values.choices(store, labels, source) for name, source in query.values}


def warn_undecided(root: Path, classes: list[str], engine: str) -> None:
    """One line on stderr for each of the defined `classes` (IRIs or prefixed names) that the
    query relies on and `engine` cannot decide."""
    if engine != "rl" or not classes:
        return
    asserted = graphs.asserted(root)
    defined = set(analysis.defined_classes(asserted))
    for term in classes:
        iri = URIRef(namespaces.expand(term))
        if iri in defined and not analysis.rl_decidable(asserted, iri):
            term = namespaces.curie(str(iri))
            print(f"note: {term} is decided only by the OWL 2 DL reasoner (its definition "
                  "compares numbers, which OWL 2 RL cannot); without --reasoner dl it has no "
                  "inferred members here", file=sys.stderr)

