"""The project's namespaces: the one place in Python where prefixes are defined.

Every module that needs an IRI takes it from here, and every graph that is written out gets these
bindings from `bind`, so exports read with the same prefixes as the Turtle sources.
"""

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

PK = Namespace("https://w3id.org/perovskite-kg/ontology#")
"""The ontology: classes and properties."""

PKR = Namespace("https://w3id.org/perovskite-kg/resource/")
"""The data: heterostructures, materials, tests, references."""

BIBO = Namespace("http://purl.org/ontology/bibo/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")

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


def bind(graph: Graph) -> Graph:
    """Bind the project prefixes on `graph` (replacing any other use of them) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def curie(iri: str) -> str:
    """`iri` as a prefixed name with the project prefixes (the longest namespace that fits and
    leaves a local name), else in angle brackets: how every report writes an IRI for people."""
    fits = [(prefix, str(ns)) for prefix, ns in PREFIXES.items()
            if iri.startswith(str(ns)) and len(iri) > len(str(ns))]
    if not fits:
        return f"<{iri}>"
    prefix, namespace = max(fits, key=lambda fit: len(fit[1]))
    return f"{prefix}:{iri[len(namespace):]}"
