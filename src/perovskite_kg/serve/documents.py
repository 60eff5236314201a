"""The RDF documents the server and the site hand out: one resource (its triples and the blank
nodes they lead to), the ontology, the SPARQL Service Description and the VoID description.

Each is written by `export.formats.render` from canonical triples, so the same graph always gives
the same bytes, in any of `protocol.GRAPH_TYPES`.
"""

import io
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from perovskite_kg import __version__
from perovskite_kg.export import formats, jsonld
from perovskite_kg.namespaces import (
    DCTERMS,
    OWL,
    PK,
    PKR,
    PROJECT_GRAPHS,
    RDF,
    SD,
    VOID,
    XSD,
    bind,
)
from perovskite_kg.project import paths, terms


def jsonld_context(store: ox.Store) -> dict:
    """The JSON-LD context `perovskite-kg export` uses, read from the store's declarations."""
    declared = Graph()
    for kind in (OWL.Class, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.ObjectProperty):
        for quad in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)),
                                            ox.NamedNode(str(kind))):
            if isinstance(quad.subject, ox.NamedNode):
                declared.add((URIRef(quad.subject.value), RDF.type, kind))
    return jsonld.context(declared)


def resource(store: ox.Store, iri: str) -> Graph:
    """What the graph says of `iri`: its triples and, through blank nodes, theirs (its CBD)."""
    graph, todo, seen = Graph(), [ox.NamedNode(iri)], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for quad in store.quads_for_pattern(node, None, None):
            graph.add(next(terms.from_oxigraph([quad])))
            if isinstance(quad.object, ox.BlankNode):
                todo.append(quad.object)
    return graph


def ontology(root: Path) -> Graph:
    """The ontology as its files state it (`ontology/*.ttl` without the shapes)."""
    graph = Graph()
    for path in paths.ontology_files(root):
        graph += terms.from_oxigraph(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
    return graph


def service_description(endpoint: str) -> Graph:
    """The SPARQL 1.1 Service Description the endpoint gives on a plain GET."""
    graph, service, dataset = Graph(), URIRef(endpoint), BNode("dataset")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, BNode("union")))
    graph.add((BNode("union"), RDF.type, SD.Graph))
    for name in PROJECT_GRAPHS:
        named = BNode(f"named-{name.rsplit('/', 1)[-1]}")
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
    return graph


def void(triples: int, dumps: list[str], endpoint: str | None = None) -> Graph:
    """The VoID description of the dataset: size, IRI space, dumps (and endpoint, if served)."""
    graph, dataset = Graph(), PKR["dataset"]
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("perovskite-kg: single-particle encapsulation of "
                                               "lead halide perovskite nanocrystals")))
    graph.add((dataset, DCTERMS.source, PKR["review"]))
    graph.add((dataset, DCTERMS.hasVersion, Literal(__version__)))
    graph.add((dataset, VOID.triples, Literal(triples, datatype=XSD.integer)))
    graph.add((dataset, VOID.uriSpace, Literal(str(PKR))))
    graph.add((dataset, VOID.vocabulary, URIRef(str(PK).rstrip("#"))))
    for dump in dumps:
        graph.add((dataset, VOID.dataDump, URIRef(dump)))
    if endpoint:
        graph.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
    return graph


def serialize(graph: Graph, fmt: str, context: dict) -> bytes:
    """`graph` in one of the export formats, blank nodes canonical, triples sorted."""
    out = io.BytesIO()
    formats.render(terms.canonical([bind(graph)]), fmt, context, out)
    return out.getvalue()
