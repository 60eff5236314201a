"""`perovskite-kg info`: what the project holds, counted from the files themselves.

Triples per file, then the ontology's size (named classes and properties, over every file) and
the graph's (named individuals: IRIs given an rdf:type in the fact files that are not declared as
a class, property or ontology anywhere), and the number of stored queries.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from perovskite_kg.namespaces import OWL, RDF, RDFS
from perovskite_kg.project import load, paths

CLASS_TYPES = (OWL.Class,)
PROPERTY_TYPES = {
    "object properties": OWL.ObjectProperty,
    "datatype properties": OWL.DatatypeProperty,
    "annotation properties": OWL.AnnotationProperty,
}
# Declarations that make an IRI part of the vocabulary rather than an individual.
VOCABULARY_TYPES = {
    OWL.Class,
    RDFS.Class,
    RDFS.Datatype,
    OWL.Ontology,
    RDF.Property,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.OntologyProperty,
    OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
    OWL.AsymmetricProperty,
    OWL.ReflexiveProperty,
    OWL.IrreflexiveProperty,
}


@dataclass(frozen=True)
class Summary:
    root: Path
    triples_per_file: list[tuple[str, int]]
    distinct_triples: int
    counts: dict[str, int]


def summarise(root: Path, extra: Sequence[Path] = ()) -> Summary:
    """Load the ontology, shapes, facts and any `extra` fact files under `root`, and count."""
    schema_paths = paths.ontology_files(root)
    shapes = paths.shapes_file(root)
    if shapes.exists():
        schema_paths.append(shapes)
    fact_paths = [*paths.graph_files(root), *extra]
    schema = load.load_files(schema_paths)
    facts = load.load_files(fact_paths)
    everything = load.union([*schema, *facts])
    counts = {"named classes": len(_named(everything, *CLASS_TYPES))}
    counts |= {label: len(_named(everything, kind)) for label, kind in PROPERTY_TYPES.items()}
    vocabulary = _named(everything, *VOCABULARY_TYPES)
    typed = {s for f in facts for s in f.graph.subjects(RDF.type) if isinstance(s, URIRef)}
    counts["named individuals (graph/)"] = len(typed - vocabulary)
    counts["stored queries (queries/*.rq)"] = len(paths.query_files(root))
    return Summary(
        root=root,
        triples_per_file=[(_relative(f.path, root), len(f.graph)) for f in [*schema, *facts]],
        distinct_triples=len(everything),
        counts=counts,
    )


def render(summary: Summary) -> str:
    """The summary as aligned text: one `label  number` per line."""
    rows = [*summary.triples_per_file, ("total (distinct triples)", summary.distinct_triples)]
    width = max(len(label) for label, _ in [*rows, *summary.counts.items()]) + 2
    lines = [f"perovskite-kg data in {summary.root}", "triples per file:"]
    lines += [f"  {label:<{width}}{n:>8}" for label, n in rows]
    lines += [f"{label:<{width + 2}}{n:>8}" for label, n in summary.counts.items()]
    return "\n".join(lines)


def _named(graph: Graph, *types: URIRef) -> set[URIRef]:
    """IRIs (not blank nodes) typed with any of `types`."""
    return {s for t in types for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}


def _relative(path: Path, root: Path) -> str:
    """Project files relative to the root; other files as the user would type them."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return paths.display(path)
