"""The reasoned graph as a pyoxigraph store: what every query, card and plot reads.

The asserted and the inferred triples each sit in their named graph (`namespaces.PROJECT_GRAPHS`)
and are queried together as one default graph unless a query names one with FROM.
"""

from pathlib import Path

import pyoxigraph as ox

from perovskite_kg import reason
from perovskite_kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH
from perovskite_kg.project import graphs


def open_store(root: Path, engine: str = reason.DEFAULT) -> ox.Store:
    """An in-memory store with the asserted triples and those `engine` infers, each in its graph.

    For `dl` the inferred graph holds HermiT's inferences together with the OWL 2 RL ones: HermiT,
    as called here, reports class members but not the datatype-property values the rules derive
    (`pk:leastValue` of a range), which the stored queries rank by; every RL inference is also an
    OWL 2 DL entailment, so the union adds no claim DL would not make. The files come from the
    reasoning cache, so a query after `build` (or after an earlier query) does not reason again.
    """
    asserted, inferred = graphs.reasoned_ntriples(root, reason.DEFAULT)
    sources = [(asserted, ASSERTED_GRAPH), (inferred, INFERRED_GRAPH)]
    if engine != reason.DEFAULT:
        sources.append((graphs.reasoned_ntriples(root, engine)[1], INFERRED_GRAPH))
    store = ox.Store()
    for data, graph_name in sources:
        name = ox.NamedNode(str(graph_name))
        # ox.parse keeps blank-node labels, which the two share; Store.load would rename them.
        triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    return store
