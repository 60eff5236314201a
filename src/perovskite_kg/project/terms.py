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
_CHUNK = 100_000


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
    return list(canonical_lines(((None, graph) for graph in graphs), quads=False))


def canonical_quads(named: Iterable[tuple[str | None, Graph]]) -> list[ox.Quad]:
    """The quads of (graph name, graph) pairs (None: the default graph), canonical as in
    `canonical` and sorted by graph (the default graph first), subject, predicate and object."""
    return list(canonical_lines(named, quads=True))


class Canonical:
    """Canonical triples or quads held as their sorted N-Triples (or N-Quads) lines (by graph,
    the default graph first, then subject, predicate and object): a tenth of the memory of the
    terms, parsed again on each iteration (at five million triples the term objects alone took
    several gigabytes).

    The lines sort as the terms do: each term's text ends with `>`, `"`, a language tag or a
    datatype IRI, and the space after it sorts before any character a longer term could hold at
    that place (N-Triples escapes the control characters), so comparing lines compares subject,
    then predicate, then object; per graph, the default graph first."""

    def __init__(self, data: bytes, quads: bool) -> None:
        self.data, self.quads = data, quads

    def __len__(self) -> int:
        return self.data.count(b"\n")

    def __iter__(self) -> Iterator:
        if self.quads:
            return iter(ox.parse(self.data, format=ox.RdfFormat.N_QUADS))
        return (q.triple for q in ox.parse(self.data, format=ox.RdfFormat.N_TRIPLES))


def canonical_lines(named: Iterable[tuple[str | None, Graph]], quads: bool) -> Canonical:
    """The statements of (graph name, graph) pairs (None: the default graph), canonical, as
    `Canonical` lines: quads, or (with `quads` False, every graph read as the default graph)
    triples."""
    return canonical_stream((ox.Quad(t.subject, t.predicate, t.object,
                                     ox.NamedNode(str(name)) if quads and name is not None
                                     else ox.DefaultGraph())
                             for name, graph in named for t in to_oxigraph(graph)), quads)


def canonical_stream(stream: Iterable[ox.Quad], quads: bool) -> Canonical:
    """pyoxigraph quads (their graph names dropped unless `quads`) as `Canonical` lines.

    Only the quads that mention a blank node are canonicalised: RDFC-1.0 labels a blank node
    from those quads alone, so the labels are the whole dataset's, and the other quads (most of
    them) are written as they are, without the canonicaliser's memory."""
    blank = ox.Dataset()
    lines: dict[str, set[bytes]] = {}
    plain: dict[str, list] = {}
    for count, quad in enumerate(stream, 1):
        if not quads:
            quad = ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            blank.add(quad)
        else:
            plain.setdefault(_graph_key(quad), []).append(quad)
        if count % _CHUNK == 0:  # written as lines a chunk at a time: terms take ten times more
            _written(plain, lines, quads)
    _written(plain, lines, quads)
    blank.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    labelled: dict[str, list] = {}
    for quad in blank:
        labelled.setdefault(_graph_key(quad), []).append(quad)
    for key, chosen in labelled.items():
        lines.setdefault(key, set()).update(_lines(chosen, quads))
    return Canonical(b"".join(line for key in sorted(lines) for line in sorted(lines[key])),
                     quads)


def _written(plain: dict[str, list], lines: dict[str, set[bytes]], quads: bool) -> None:
    for key, chosen in plain.items():
        lines.setdefault(key, set()).update(_lines(chosen, quads))
    plain.clear()


def _graph_key(quad: ox.Quad) -> str:
    return "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)


def _lines(quads: list, with_graph: bool) -> list[bytes]:
    items = quads if with_graph else [q.triple for q in quads]
    return ox.serialize(items, format=ox.RdfFormat.N_QUADS if with_graph
                        else ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)


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
