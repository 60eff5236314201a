"""The project's namespaces: the one prefix table, and the one way to shorten an IRI.

Every module that needs an IRI takes it from here, and every graph that is written out gets these
bindings from `bind`, so exports read with the same prefixes as the Turtle sources. Reports,
tables, the JSON-LD compaction and error messages all shorten IRIs with `compact` / `curie`.

`PREFIX_IRIS` (plain strings) is the table itself; the rdflib `Namespace`s (`PK`, `RDF`, ...,
`PREFIXES`) are made from it on first use, so a command that only needs pyoxigraph (`query` with
its store ready) never imports rdflib.
"""

PREFIX_IRIS: dict[str, str] = {
    "pk": "https://w3id.org/perovskite-kg/ontology#",
    "pkr": "https://w3id.org/perovskite-kg/resource/",
    "bibo": "http://purl.org/ontology/bibo/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "qudt": "http://qudt.org/schema/qudt/",
    "unit": "http://qudt.org/vocab/unit/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""The prefixes of the data: bound on every graph and export, and known to every query (the W3C
namespaces as rdflib spells them; tests/test_namespaces.py compares)."""

PKSH_IRI = "https://w3id.org/perovskite-kg/shapes#"
"""The SHACL shapes (ontology/shapes.ttl)."""
SD_IRI = "http://www.w3.org/ns/sparql-service-description#"
"""SPARQL 1.1 Service Description: what the endpoint says of itself (not bound on exports)."""

ASSERTED_GRAPH = PREFIX_IRIS["pkr"] + "graph/asserted"
"""The named graph holding the ontology and the facts as written."""
INFERRED_GRAPH = PREFIX_IRIS["pkr"] + "graph/inferred"
"""The named graph holding only what reasoning added."""
PROJECT_GRAPHS = (ASSERTED_GRAPH, INFERRED_GRAPH)
"""The dataset's two named graphs, the only ones a query may name with FROM."""

DESCRIPTION_PREFIXES: dict[str, str] = PREFIX_IRIS | {
    "void": "http://rdfs.org/ns/void#", "dcat": "http://www.w3.org/ns/dcat#", "sd": SD_IRI,
    "foaf": "http://xmlns.com/foaf/0.1/"}
"""The data's prefixes and those of the VoID and DCAT description of the dataset (the W3C and
VoID namespaces as rdflib spells them; tests/test_namespaces.py compares)."""

_W3C = {"DCTERMS": "dcterms", "OWL": "owl", "PROV": "prov", "RDF": "rdf", "RDFS": "rdfs",
        "SH": "sh", "SKOS": "skos", "XSD": "xsd", "DCAT": "dcat", "FOAF": "foaf", "VOID": "void"}
"""rdflib's closed namespaces (a misspelt term raises) and their prefixes; DCAT, FOAF and VOID
are the vocabularies of the dataset's description (`export.void`), bound there only."""
_OPEN = {"PK": PREFIX_IRIS["pk"], "PKR": PREFIX_IRIS["pkr"], "BIBO": PREFIX_IRIS["bibo"],
         "QUDT": PREFIX_IRIS["qudt"], "UNIT": PREFIX_IRIS["unit"], "PKSH": PKSH_IRI,
         "SD": SD_IRI}
"""The other namespaces, as rdflib `Namespace`s: PK (the ontology), PKR (the data), ..."""


def __getattr__(name: str):
    """The rdflib views of the table (`PK`, `RDF`, `PREFIXES`, `SHAPES_PREFIXES`), made once,
    on first use."""
    if name not in (*_W3C, *_OPEN, "PREFIXES", "SHAPES_PREFIXES"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from rdflib import Namespace, namespace

    made = {key: getattr(namespace, key) for key in _W3C}
    made |= {key: Namespace(iri) for key, iri in _OPEN.items()}
    by_iri = {str(ns): ns for ns in made.values()}
    made["PREFIXES"] = {prefix: by_iri[iri] for prefix, iri in PREFIX_IRIS.items()}
    made["SHAPES_PREFIXES"] = made["PREFIXES"] | {"pksh": made["PKSH"]}
    globals().update(made)
    return made[name]


def bind(graph):
    """Bind the project prefixes on `graph` (replacing any other use of them) and return it."""
    for prefix, namespace in __getattr__("PREFIXES").items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def compact(iri: str, prefixes: dict[str, str] = PREFIX_IRIS) -> str | None:
    """`iri` as a prefixed name with `prefixes` (the longest namespace that fits and leaves a
    local name not starting with "//"), or None when none fits."""
    fits = [(prefix, str(ns)) for prefix, ns in prefixes.items()
            if iri.startswith(str(ns)) and len(iri) > len(str(ns))
            and not iri[len(str(ns)):].startswith("//")]
    if not fits:
        return None
    prefix, namespace = max(fits, key=lambda fit: len(fit[1]))
    return f"{prefix}:{iri[len(namespace):]}"


def curie(iri: str, prefixes: dict[str, str] = PREFIX_IRIS) -> str:
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


def short(term, prefixes: dict[str, str] = PREFIX_IRIS) -> str:
    """An rdflib term as a reader writes it: prefixed name, literal in N-Triples, or _:blank."""
    from rdflib import URIRef

    return curie(str(term), prefixes) if isinstance(term, URIRef) else term.n3()
