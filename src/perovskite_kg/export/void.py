"""The VoID and DCAT description of the dataset: what it holds, counted from its quads; where it
is downloaded and queried; its licence, makers, dates and source, read from the ontology header.

The dataset (`pkr:dataset`) is the asserted and the inferred named graphs together, as the default
graph of `serve` is; each named graph is a subset (`pkr:dataset/asserted`, `.../inferred`), named
by an sd:NamedGraph. The default graph of the quads given (an export's own provenance node) is not
part of it. Every number is counted here, from the quads:

- void:triples; void:distinctSubjects and void:distinctObjects (blank nodes and, for objects,
  literals included); void:properties (distinct predicates); void:classes (distinct objects of
  rdf:type); void:entities (distinct subject IRIs in the dataset's void:uriSpace);
- per class (void:classPartition) void:entities as above and void:distinctSubjects (its
  instances, blank nodes too); per property (void:propertyPartition) void:triples.

Nothing here reads a clock: dcterms:issued and dcterms:modified are the ontology's.
"""

import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from perovskite_kg.errors import InputError
from perovskite_kg.export import DEFAULT_BASE, DESCRIPTION, bundle, formats
from perovskite_kg.namespaces import (
    DCAT,
    DCTERMS,
    DESCRIPTION_PREFIXES,
    FOAF,
    OWL,
    PK,
    PKR,
    PREFIX_IRIS,
    PROJECT_GRAPHS,
    RDF,
    SD,
    VOID,
    XSD,
)
from perovskite_kg.project import terms

URI_SPACE = str(PKR).removesuffix("resource/")
"""The common start of every IRI the dataset mints: its ontology terms and its resources."""
DATASET = PKR["dataset"]
SUBSETS = {PROJECT_GRAPHS[0]: PKR["dataset-asserted"], PROJECT_GRAPHS[1]: PKR["dataset-inferred"]}
"""The subset that describes each named graph (asserted, inferred)."""
EXAMPLES = 3
"""How many heterostructures are named as void:exampleResource."""
IANA = "https://www.iana.org/assignments/media-types/"
TITLE = "perovskite-kg: single-particle encapsulation of lead halide perovskite nanocrystals"
SUMMARY = ("Facts about the single-particle encapsulation of lead halide perovskite nanocrystals "
           "from the review by Zhong, Cao and Zhang (Nanoscale, 2021, 13, 19341) and from curated "
           "papers, each with the place it is stated in; the ontology they use; and, apart, the "
           "triples a reasoner infers from them.")
_SUBSET_TEXT = {
    "asserted": "The ontology and the facts as the curators state them (named graph {name}).",
    "inferred": "Only the triples the {engine} reasoner infers from the ontology and the facts "
                "(named graph {name}).",
}
_VOCABULARIES = {**{ns: ns for prefix, ns in PREFIX_IRIS.items() if prefix not in ("pk", "pkr")},
                 str(FOAF): str(FOAF), "http://purl.org/vocab/vann/": "http://purl.org/vocab/vann/"}
"""Namespace -> vocabulary IRI for void:vocabulary (pk: is the ontology's own IRI)."""


def describe(quads: Iterable[ox.Quad], document: str, engine_profile: str,
             exports: Sequence[bundle.Export] = (), downloads: str | None = None,
             endpoint: str | None = None) -> Graph:
    """The description (at `document`) of the dataset the quads hold, with a dcat:Distribution
    for each export (at `downloads` + its name) and the SPARQL `endpoint`, when given."""
    named: dict[str, set[ox.Triple]] = {str(name): set() for name in PROJECT_GRAPHS}
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value in named:
            named[quad.graph_name.value].add(quad.triple)
    union = set().union(*named.values())
    graph = Graph()
    add = graph.add
    add((URIRef(document), RDF.type, VOID.DatasetDescription))
    add((URIRef(document), DCTERMS.title, Literal(f"VoID and DCAT description of {TITLE}")))
    add((URIRef(document), FOAF.primaryTopic, DATASET))
    for kind in (VOID.Dataset, DCAT.Dataset, SD.Dataset):
        add((DATASET, RDF.type, kind))
    add((DATASET, DCTERMS.title, Literal(TITLE)))
    add((DATASET, DCTERMS.description, Literal(SUMMARY)))
    add((DATASET, VOID.uriSpace, Literal(URI_SPACE)))
    _header(graph, union)
    _statistics(graph, DATASET, union)
    _partitions(graph, union)
    for name, triples in named.items():
        subset = SUBSETS[name]
        kind = "asserted" if subset == SUBSETS[PROJECT_GRAPHS[0]] else "inferred"
        text = _SUBSET_TEXT[kind].format(name=f"<{name}>", engine=engine_profile)
        for type_ in (VOID.Dataset, DCAT.Dataset, SD.Graph):
            add((subset, RDF.type, type_))
        add((subset, DCTERMS.title, Literal(f"perovskite-kg, {kind}")))
        add((subset, DCTERMS.description, Literal(text)))
        add((DATASET, VOID.subset, subset))
        holder = BNode()
        add((DATASET, SD.namedGraph, holder))
        add((holder, RDF.type, SD.NamedGraph))
        add((holder, SD.name, URIRef(name)))
        add((holder, SD.graph, subset))
        _statistics(graph, subset, triples)
    for export in exports:
        if export.kind is not None and downloads is not None:
            _distribution(graph, export, downloads, engine_profile)
    if endpoint:
        service = URIRef(endpoint)
        add((DATASET, VOID.sparqlEndpoint, service))
        add((service, RDF.type, DCAT.DataService))
        add((service, DCAT.endpointURL, service))
        add((service, DCAT.servesDataset, DATASET))
    return graph


def base_url(text: str) -> str:
    """A `--base-url` value as an absolute http(s) URL ending in "/"; else a usage error."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise InputError(f"--base-url {text!r}: expected an absolute http(s) URL such as "
                         f"{DEFAULT_BASE}")
    return text if text.endswith("/") else text + "/"


def quads(asserted: Graph, inferred: Graph) -> Iterator[ox.Quad]:
    """The asserted and the inferred triples in their named graphs, as `describe` takes them."""
    for name, graph in zip(PROJECT_GRAPHS, (asserted, inferred), strict=True):
        for t in terms.to_oxigraph(graph):
            yield ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(name)))


def render(description: Graph) -> bytes:
    """The description as Turtle, blank nodes canonical and triples sorted, read back."""
    triples = terms.canonical([description])
    buffer = io.BytesIO()
    formats.render(triples, "turtle", {}, buffer, DESCRIPTION_PREFIXES)
    formats.check_readable(buffer.getvalue(), "turtle", DESCRIPTION, triples)
    return buffer.getvalue()


def _header(graph: Graph, union: set[ox.Triple]) -> None:
    """What the ontology header says of the whole: licence, makers, dates, version, source."""
    about: dict[ox.NamedNode | ox.BlankNode, list[ox.Triple]] = defaultdict(list)
    for t in union:
        about[t.subject].append(t)
    header = next((t.subject for t in union if t.predicate.value == str(RDF.type)
                   and t.object == ox.NamedNode(str(OWL.Ontology))), None)
    if header is None:
        return
    copied = {DCTERMS.license, DCTERMS.creator, DCTERMS.publisher, DCTERMS.issued,
              DCTERMS.modified, DCTERMS.source, OWL.versionInfo}
    for t in about[header]:
        predicate, value = URIRef(t.predicate.value), terms.rdflib_term(t.object)
        if predicate in copied:
            graph.add((DATASET, predicate, value))
        if predicate in (DCTERMS.creator, DCTERMS.publisher):  # the agent, so it reads alone
            for said in about.get(t.object, ()):
                graph.add(tuple(terms.rdflib_term(term) for term in said))
        if predicate == OWL.versionIRI:
            graph.add((DATASET, DCTERMS.conformsTo, value))
    for paper in sorted(t.subject.value for t in union if t.predicate.value == str(RDF.type)
                        and t.object == ox.NamedNode(str(PK.CuratedPaper))):
        graph.add((DATASET, DCTERMS.source, URIRef(paper)))
    used = {t.predicate.value for t in union} | _instances(union).keys()
    for used_namespace in sorted(_vocabularies(used, header.value)):
        graph.add((DATASET, VOID.vocabulary, URIRef(used_namespace)))
    heterostructures = sorted(s.value for s in _instances(union).get(str(PK.Heterostructure), ())
                              if isinstance(s, ox.NamedNode))
    for example in heterostructures[:EXAMPLES]:
        graph.add((DATASET, VOID.exampleResource, URIRef(example)))


def _vocabularies(used: set[str], ontology: str) -> set[str]:
    found = set()
    for iri in used:
        if iri.startswith(str(PK)):
            found.add(ontology)
        found.update(vocabulary for namespace, vocabulary in _VOCABULARIES.items()
                     if iri.startswith(namespace))
    return found


def _instances(triples: set[ox.Triple]) -> dict[str, set]:
    """Class IRI -> its instances (IRIs and blank nodes)."""
    members: dict[str, set] = defaultdict(set)
    for t in triples:
        if t.predicate.value == str(RDF.type) and isinstance(t.object, ox.NamedNode):
            members[t.object.value].add(t.subject)
    return members


def _entities(subjects: Iterable) -> int:
    return sum(1 for s in subjects if isinstance(s, ox.NamedNode) and s.value.startswith(URI_SPACE))


def _count(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def _statistics(graph: Graph, node: URIRef, triples: set[ox.Triple]) -> None:
    subjects = {t.subject for t in triples}
    counts = {VOID.triples: len(triples), VOID.entities: _entities(subjects),
              VOID.distinctSubjects: len(subjects),
              VOID.distinctObjects: len({t.object for t in triples}),
              VOID.properties: len({t.predicate for t in triples}),
              VOID.classes: len({t.object for t in triples
                                 if t.predicate.value == str(RDF.type)})}
    for predicate, value in counts.items():
        graph.add((node, predicate, _count(value)))


def _partitions(graph: Graph, triples: set[ox.Triple]) -> None:
    for cls, members in sorted(_instances(triples).items()):
        part = BNode()
        graph.add((DATASET, VOID.classPartition, part))
        graph.add((part, VOID["class"], URIRef(cls)))
        graph.add((part, VOID.entities, _count(_entities(members))))
        graph.add((part, VOID.distinctSubjects, _count(len(members))))
    for predicate, used in sorted(Counter(t.predicate.value for t in triples).items()):
        part = BNode()
        graph.add((DATASET, VOID.propertyPartition, part))
        graph.add((part, VOID.property, URIRef(predicate)))
        graph.add((part, VOID.triples, _count(used)))


def _distribution(graph: Graph, export: bundle.Export, downloads: str, profile: str) -> None:
    """A dcat:Distribution (and void:dataDump) of the dataset, or subset, the export holds."""
    iri = URIRef(downloads + export.name)
    holder = {"reasoned": DATASET, "asserted": SUBSETS[PROJECT_GRAPHS[0]],
              "inferred": SUBSETS[PROJECT_GRAPHS[1]]}[export.kind]
    graph.add((holder, DCAT.distribution, iri))
    graph.add((holder, VOID.dataDump, iri))
    graph.add((iri, RDF.type, DCAT.Distribution))
    graph.add((iri, DCTERMS.title, Literal(export.name)))
    graph.add((iri, DCTERMS.description, Literal(bundle.describe(export, profile))))
    graph.add((iri, DCAT.downloadURL, iri))
    graph.add((iri, DCAT.accessURL, iri))
    media = formats.OX_FORMATS[export.fmt].media_type
    graph.add((iri, DCAT.mediaType, URIRef(IANA + media)))
    graph.add((iri, DCAT.byteSize, Literal(export.size, datatype=XSD.nonNegativeInteger)))
