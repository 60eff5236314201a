"""The RDF documents the server and the site hand out: one resource (its triples and its parts'
triples), the ontology, the SPARQL Service Description (the VoID description is
`export.void`'s).

Each is written by `export.formats.render` from canonical triples, so the same graph always gives
the same bytes, in any of `protocol.GRAPH_TYPES`.
"""

import io
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from perovskite_kg.export import formats, jsonld
from perovskite_kg.namespaces import (
    OWL,
    PROJECT_GRAPHS,
    RDF,
    SD,
    bind,
)
from perovskite_kg.project import names, paths, terms


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
    """What the graph says of `iri`: its triples and, through its parts (blank nodes, facts
    named from it by `project/names.py`), theirs."""
    graph, todo, seen = Graph(), [ox.NamedNode(iri)], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for quad in store.quads_for_pattern(node, None, None):
            graph.add(next(terms.from_oxigraph([quad])))
            if names.is_part(quad.subject, quad.predicate, quad.object):
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


def serialize(graph: Graph, fmt: str, context: dict) -> bytes:
    """`graph` in one of the export formats, blank nodes canonical, triples sorted."""
    out = io.BytesIO()
    formats.render(terms.canonical([bind(graph)]), fmt, context, out)
    return out.getvalue()
