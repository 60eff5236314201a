"""`terms.canonical_lines` (what the exports and the cache are written from) holds the triples
and quads that canonicalising the whole dataset and sorting its terms gives (`_reference`, the
way the project did it before), in the same order and with the same blank-node labels, though it
canonicalises only the quads that mention a blank node and sorts lines instead of terms."""

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from support import REPO

from perovskite_kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, XSD
from perovskite_kg.project import graphs, terms

EX = "http://example.org/"


def _reference(named, quads: bool) -> list:
    """Every quad canonicalised together, sorted by graph (default first), then by the text of
    subject, predicate and object."""
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object,
                                 ox.NamedNode(str(name)) if quads and name is not None
                                 else ox.DefaultGraph())
                         for name, graph in named for t in terms.to_oxigraph(graph))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)

    def order(quad):
        graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
        return graph, str(quad.subject), str(quad.predicate), str(quad.object)

    ordered = sorted(dataset, key=order)
    return ordered if quads else [q.triple for q in ordered]


def _awkward() -> tuple[Graph, Graph]:
    """Terms whose text is a prefix of another's, literals alike but for a tag or a datatype,
    characters outside ASCII, and blank nodes (a list, and two nodes that only a neighbour tells
    apart), spread over two graphs that share one triple."""
    first, second = Graph(), Graph()
    a, ab = URIRef(EX + "a"), URIRef(EX + "a-b")
    p, q = URIRef(EX + "p"), URIRef(EX + "p2")
    for graph in (first, second):
        graph.add((a, p, Literal("shared")))
    first.add((a, p, Literal("abc")))
    first.add((a, p, Literal("abc", lang="en")))
    first.add((a, p, Literal("abc", datatype=XSD.token)))
    first.add((a, q, Literal("ab")))
    first.add((ab, p, Literal("é")))
    first.add((ab, p, Literal("z")))
    first.add((a, p, Literal("7", datatype=XSD.integer)))
    head, tail = BNode(), BNode()
    first.add((a, URIRef(EX + "list"), head))
    first.add((head, URIRef(EX + "first"), Literal("x")))
    first.add((head, URIRef(EX + "rest"), tail))
    first.add((tail, URIRef(EX + "first"), Literal("y")))
    for name in ("left", "right"):
        node = BNode()
        second.add((URIRef(EX + name), p, node))
        second.add((node, q, Literal("same")))
    return first, second


@pytest.mark.parametrize("quads", [False, True], ids=["triples", "quads"])
def test_the_lines_are_the_canonical_terms_in_their_order(quads):
    first, second = _awkward()
    named = [(ASSERTED_GRAPH, first), (INFERRED_GRAPH, second), (None, first)]
    expected = _reference(named, quads)
    lines = terms.canonical_lines(named, quads)
    assert list(lines) == expected
    assert len(lines) == len(expected)


def test_the_shipped_graph_gives_the_same_statements(tmp_path):
    asserted, inferred = graphs.reasoned(REPO)
    named = [(ASSERTED_GRAPH, asserted), (INFERRED_GRAPH, inferred)]
    assert terms.canonical_quads(named) == _reference(named, quads=True)
    assert terms.canonical([asserted, inferred]) == _reference(named, quads=False)
    assert isinstance(terms.canonical([asserted])[0], ox.Triple)


@pytest.mark.parametrize("quads", [False, True], ids=["triples", "quads"])
def test_lines_written_a_chunk_at_a_time_are_the_same(monkeypatch, quads):
    first, second = _awkward()
    named = [(ASSERTED_GRAPH, first), (INFERRED_GRAPH, second)]
    whole = terms.canonical_lines(named, quads).data
    monkeypatch.setattr(terms, "_CHUNK", 3)
    assert terms.canonical_lines(named, quads).data == whole
