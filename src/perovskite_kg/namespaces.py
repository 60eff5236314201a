"""The project's namespaces: the one prefix table, and the one way to shorten an IRI.

Every module that needs an IRI takes it from here, and every graph that is written out gets these
bindings from `bind`, so exports read with the same prefixes as the Turtle sources. Reports,
tables, the JSON-LD compaction and error messages all shorten IRIs with `compact` / `curie`.
"""

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD
from rdflib.term import Node

PK = Namespace("https://w3id.org/perovskite-kg/ontology#")
"""The ontology: classes and properties."""

PKR = Namespace("https://w3id.org/perovskite-kg/resource/")
"""The data: heterostructures, materials, tests, references."""

BIBO = Namespace("http://purl.org/ontology/bibo/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
PKSH = Namespace("https://w3id.org/perovskite-kg/shapes#")
"""The SHACL shapes (ontology/shapes.ttl)."""
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
"""SPARQL 1.1 Service Description: what the endpoint says of itself (not bound on exports)."""
# VOID (http://rdfs.org/ns/void#), DCAT (http://www.w3.org/ns/dcat#) and FOAF
# (http://xmlns.com/foaf/0.1/) are rdflib's closed namespaces, so a misspelt term raises: the
# vocabularies of the dataset's description (`export.void`), bound there and not on the exports.

PREFIXES: dict[str, Namespace] = {
    "pk": PK,
    "pkr": PKR,
    "bibo": BIBO,
    "dcterms": DCTERMS,
    "prov": PROV,
    "skos": SKOS,
    "qudt": QUDT,
    "unit": UNIT,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "sh": SH,
    "xsd": XSD,
}
"""The prefixes of the data: bound on every graph and export, and known to every query."""

PREFIX_IRIS: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
"""The same table with plain-string namespaces, as pyoxigraph and JSON-LD take it."""

ASSERTED_GRAPH = PKR["graph/asserted"]
"""The named graph holding the ontology and the facts as written."""
INFERRED_GRAPH = PKR["graph/inferred"]
"""The named graph holding only what reasoning added."""
PROJECT_GRAPHS = (ASSERTED_GRAPH, INFERRED_GRAPH)
"""The dataset's two named graphs, the only ones a query may name with FROM."""

SHAPES_PREFIXES: dict[str, Namespace] = PREFIXES | {"pksh": PKSH}
"""The data's prefixes and the shapes': for validation reports, which name shapes."""
DESCRIPTION_PREFIXES: dict[str, str] = PREFIX_IRIS | {
    "void": str(VOID), "dcat": str(DCAT), "sd": str(SD), "foaf": str(FOAF)}
"""The data's prefixes and those of the VoID and DCAT description of the dataset."""


def bind(graph: Graph) -> Graph:
    """Bind the project prefixes on `graph` (replacing any other use of them) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def compact(iri: str, prefixes: dict[str, Namespace] = PREFIXES) -> str | None:
    """`iri` as a prefixed name with `prefixes` (the longest namespace that fits and leaves a
    local name not starting with "//"), or None when none fits."""
    fits = [(prefix, str(ns)) for prefix, ns in prefixes.items()
            if iri.startswith(str(ns)) and len(iri) > len(str(ns))
            and not iri[len(str(ns)):].startswith("//")]
    if not fits:
        return None
    prefix, namespace = max(fits, key=lambda fit: len(fit[1]))
    return f"{prefix}:{iri[len(namespace):]}"


def curie(iri: str, prefixes: dict[str, Namespace] = PREFIXES) -> str:
    """`iri` as a prefixed name (see `compact`), else in angle brackets: how every report and
    table writes an IRI for people."""
    return compact(iri, prefixes) or f"<{iri}>"


def expand(name: str) -> str:
    """A prefixed name (`pk:Water`) as its full IRI; anything else (`<...>` or an absolute IRI)
    as the IRI it writes. The inverse of `curie`."""
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIX_IRIS and not local.startswith("//"):
        return PREFIX_IRIS[prefix] + local
    return name.removeprefix("<").removesuffix(">")


def short(term: Node, prefixes: dict[str, Namespace] = PREFIXES) -> str:
    """An rdflib term as a reader writes it: prefixed name, literal in N-Triples, or _:blank."""
    return curie(str(term), prefixes) if isinstance(term, URIRef) else term.n3()
