"""Terms between rdflib and pyoxigraph, and the canonical (RDFC-1.0) form of a set of graphs.

rdflib is the project's graph type; pyoxigraph parses N-Triples about ten times faster and
canonicalises blank nodes, so the cache and the exports hand triples across with these functions.
A plain literal and an xsd:string literal are the same RDF 1.1 term; rdflib keeps them apart, so
both directions use the plain form.
"""

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from perovskite_kg.namespaces import XSD

Triple = tuple[Node, Node, Node]

_XSD_STRING = str(XSD.string)


def to_oxigraph(triples: Iterable[Triple]) -> Iterator[ox.Triple]:
    """rdflib triples as pyoxigraph triples."""
    for s, p, o in triples:
        yield ox.Triple(oxigraph_term(s), oxigraph_term(p), oxigraph_term(o))


def from_oxigraph(triples: Iterable[ox.Triple]) -> Iterator[Triple]:
    """pyoxigraph triples (or quads, whose graph is ignored) as rdflib triples."""
    for t in triples:
        yield rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)


def canonical(graphs: Iterable[Graph]) -> list[ox.Triple]:
    """The triples of all `graphs`, blank nodes labelled by RDFC-1.0, sorted by subject, predicate
    and object in their N-Triples spelling: the same graphs always give the same list. The graphs
    may share blank nodes (an inferred triple about a stated one uses the same node)."""
    return [q.triple for q in canonical_quads((None, graph) for graph in graphs)]


def canonical_quads(named: Iterable[tuple[str | None, Graph]]) -> list[ox.Quad]:
    """The quads of (graph name, graph) pairs (None: the default graph), canonical as in
    `canonical` and sorted by graph (the default graph first), subject, predicate and object."""
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object,
                                 ox.DefaultGraph() if name is None else ox.NamedNode(str(name)))
                         for name, graph in named for t in to_oxigraph(graph))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(dataset, key=_quad_order)


def _quad_order(quad: ox.Quad) -> tuple[str, ...]:
    graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
    return graph, str(quad.subject), str(quad.predicate), str(quad.object)


def oxigraph_term(term: Node):
    """One rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if term.language:
        return ox.Literal(term, language=term.language)
    if term.datatype is not None and str(term.datatype) != _XSD_STRING:
        return ox.Literal(term, datatype=ox.NamedNode(term.datatype))
    return ox.Literal(term)


def rdflib_term(term) -> Node:
    """One pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=datatype)
