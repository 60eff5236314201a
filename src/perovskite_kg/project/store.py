"""The reasoned graph as a pyoxigraph store: what every query, card and plot reads.

The asserted and the inferred triples each sit in their named graph (`namespaces.PROJECT_GRAPHS`)
and are queried together as one default graph unless a query names one with FROM.
"""

from pathlib import Path

import pyoxigraph as ox

from perovskite_kg import reason
from perovskite_kg.namespaces import PROJECT_GRAPHS
from perovskite_kg.project import graphs


def open_store(root: Path, engine: str = reason.DEFAULT) -> ox.Store:
    """An in-memory store with the asserted triples and those `engine` infers, each in its graph.

    The pair comes from the reasoning cache, so a query after `build` (or after an earlier query)
    does not parse or reason again.
    """
    store = ox.Store()
    for path, graph_name in zip(graphs.reasoned_files(root, engine), PROJECT_GRAPHS):
        name = ox.NamedNode(str(graph_name))
        # ox.parse keeps blank-node labels, which the two files share; Store.load would rename them.
        triples = ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    return store
