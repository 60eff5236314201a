"""Execution: pyoxigraph over the asserted and the inferred triples, each in its named graph and
queried together as one default graph (or as FROM chooses)."""

from pathlib import Path

import pyoxigraph as ox

from perovskite_kg.errors import InputError, one_line
from perovskite_kg.namespaces import PREFIX_IRIS, PROJECT_GRAPHS
from perovskite_kg.project import graphs
from perovskite_kg.query.guard import Prepared


def open_store(root: Path) -> ox.Store:
    """An in-memory store with the asserted and the inferred triples, each in its named graph.

    The pair comes from the reasoning cache, so a query after `build` (or after an earlier query)
    does not parse or reason again.
    """
    store = ox.Store()
    for path, graph_name in zip(graphs.reasoned_files(root), PROJECT_GRAPHS):
        name = ox.NamedNode(str(graph_name))
        # ox.parse keeps blank-node labels, which the two files share; Store.load would rename them.
        triples = ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    return store


def execute(store: ox.Store, prepared: Prepared, bound: dict | None = None,
            default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()):
    """Run a prepared query; pyoxigraph's own errors become `InputError`s.

    `default_graphs` and `named_graphs` (the SPARQL protocol's default-graph-uri and
    named-graph-uri, already checked) replace the query's FROM and FROM NAMED when given.
    """
    dataset = {}
    if default_graphs or named_graphs:
        dataset = {"default_graph": [ox.NamedNode(g) for g in default_graphs],
                   "named_graphs": [ox.NamedNode(g) for g in named_graphs]}
    try:
        return store.query(
            prepared.query.text,
            prefixes=PREFIX_IRIS,
            # FROM chooses the default graph; without it, the default graph is both graphs.
            use_default_graph_as_union=not (prepared.has_dataset or dataset),
            substitutions=bound or None,
            **dataset,
        )
    except (SyntaxError, OSError, RuntimeError, ValueError) as err:
        raise InputError(f"query failed: {one_line(err)}", prepared.query.source) from err
