"""`terms.canonical_lines` (what the exports are written from) holds the triples and quads
`terms.canonical_quads` gives, in the same order, with the same blank-node labels, though it
canonicalises only the quads that mention a blank node and sorts lines instead of terms."""

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from support import REPO

from perovskite_kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, XSD
from perovskite_kg.project import graphs, terms

EX = "http://example.org/"


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
    expected = terms.canonical_quads(named if quads else [(None, g) for _, g in named])
    lines = terms.canonical_lines(named, quads)
    assert list(lines) == (expected if quads else [q.triple for q in expected])
    assert len(lines) == len(expected)


def test_the_shipped_graph_gives_the_same_statements(tmp_path):
    asserted, inferred = graphs.reasoned(REPO)
    named = [(ASSERTED_GRAPH, asserted), (INFERRED_GRAPH, inferred)]
    assert list(terms.canonical_lines(named, quads=True)) == terms.canonical_quads(named)
    triples = terms.canonical_lines(named, quads=False)
    assert list(triples) == terms.canonical([asserted, inferred])
    assert isinstance(next(iter(triples)), ox.Triple)


@pytest.mark.parametrize("quads", [False, True], ids=["triples", "quads"])
def test_lines_written_a_chunk_at_a_time_are_the_same(monkeypatch, quads):
    first, second = _awkward()
    named = [(ASSERTED_GRAPH, first), (INFERRED_GRAPH, second)]
    whole = terms.canonical_lines(named, quads).data
    monkeypatch.setattr(terms, "_CHUNK", 3)
    assert terms.canonical_lines(named, quads).data == whole
