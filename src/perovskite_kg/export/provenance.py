"""The node that describes an export: what it holds, the ontology version, the source review."""

from datetime import date

from rdflib import Graph, Literal, URIRef

from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import (
    ASSERTED_GRAPH,
    DCTERMS,
    INFERRED_GRAPH,
    OWL,
    PKR,
    RDF,
    RDFS,
    XSD,
)
from perovskite_kg.reason import ENGINES

KINDS = {
    "asserted": "The perovskite-kg ontology and facts, as stated by the curators.",
    "reasoned": "The perovskite-kg ontology and facts as stated, plus the triples the {engine} "
    "reasoner infers from them.",
    "inferred": "Only the triples the {engine} reasoner infers from the perovskite-kg ontology "
    "and facts; none of them is stated in the sources.",
}
"""What an export can hold, as its provenance describes it."""


def parse_date(text: str | None) -> date | None:
    """A `--date YYYY-MM-DD` value; a malformed one is a usage error (exit code 2)."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise InputError(f"--date {text!r}: expected a date as YYYY-MM-DD") from err


def compose(asserted: Graph, inferred: Graph | None, kind: str, engine: str,
            built: date | None = None) -> list[Graph]:
    """The graphs one export is made of: `kind` "asserted", "reasoned" (asserted plus inferred)
    or "inferred", and its provenance node (pass the list to `terms.canonical`)."""
    return [graph for _, graph in named(asserted, inferred, kind, engine, built)]


def named(asserted: Graph, inferred: Graph | None, kind: str, engine: str,
          built: date | None = None) -> list[tuple[URIRef | None, Graph]]:
    """The same graphs with the names the dataset formats keep them under (pass the list to
    `terms.canonical_quads`): the asserted and the inferred triples in their named graphs
    (`namespaces.ASSERTED_GRAPH`, `INFERRED_GRAPH`), the provenance node in the default graph."""
    parts = {"asserted": [(ASSERTED_GRAPH, asserted)],
             "reasoned": [(ASSERTED_GRAPH, asserted), (INFERRED_GRAPH, inferred)],
             "inferred": [(INFERRED_GRAPH, inferred)]}
    return [*parts[kind], (None, provenance(asserted, kind, engine, built))]


def provenance(ontology: Graph, kind: str, engine: str, built: date | None = None) -> Graph:
    """The node `pkr:export-<kind>[-<engine>]` describing an export, from the ontology header."""
    header = next(ontology.subjects(RDF.type, OWL.Ontology), None)
    node = PKR[f"export-{kind}" if kind == "asserted" else f"export-{kind}-{engine}"]
    graph = Graph()
    graph.add((node, RDFS.label, Literal(f"perovskite-kg export, {kind}")))
    description = KINDS[kind].format(engine=ENGINES[engine].profile if engine in ENGINES
                                     else engine)
    graph.add((node, DCTERMS.description, Literal(description)))
    graph.add((DCTERMS.conformsTo, RDF.type, OWL.AnnotationProperty))
    if header is not None:
        for version in ontology.objects(header, OWL.versionIRI):
            graph.add((node, DCTERMS.conformsTo, version))
        for source in ontology.objects(header, DCTERMS.source):
            graph.add((node, DCTERMS.source, source))
    if built is not None:
        graph.add((node, DCTERMS.created, Literal(built.isoformat(), datatype=XSD.date)))
    return graph
