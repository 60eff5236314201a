"""`perovskite-kg properties`: every property the ontology declares, what it links and how often.

Use counts are over the asserted triples: how many facts use each property.
"""

import pyoxigraph as ox

from perovskite_kg import namespaces
from perovskite_kg.namespaces import ASSERTED_GRAPH, PREFIX_IRIS
from perovskite_kg.project.labels import Labels

_PROPERTIES = """
SELECT ?property ?kind (SAMPLE(?d) AS ?domain) (SAMPLE(?r) AS ?range) (SAMPLE(?def) AS ?definition)
WHERE {
  ?property a ?kind VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty }
  OPTIONAL { ?property rdfs:domain ?d FILTER isIRI(?d) }
  OPTIONAL { ?property rdfs:range ?r FILTER isIRI(?r) }
  OPTIONAL { ?property skos:definition ?def }
} GROUP BY ?property ?kind"""
_USES = "SELECT ?p (COUNT(*) AS ?uses) WHERE { ?s ?p ?o } GROUP BY ?p"
KINDS = {"ObjectProperty": "links", "DatatypeProperty": "value"}


def render(store: ox.Store, labels: Labels) -> str:
    """One block per property, sorted by prefixed name: label, kind, domain -> range, uses,
    definition."""
    graph = {"prefixes": PREFIX_IRIS, "default_graph": ox.NamedNode(str(ASSERTED_GRAPH))}
    uses = {row["p"].value: int(row["uses"].value) for row in store.query(_USES, **graph)}
    blocks = []
    rows = sorted(store.query(_PROPERTIES, **graph), key=lambda r: r["property"].value)
    for row in rows:
        iri = row["property"].value
        domain = labels.text(row["domain"]) if row["domain"] is not None else "anything"
        target = labels.text(row["range"]) if row["range"] is not None else "anything"
        kind = KINDS[namespaces.curie(row["kind"].value).split(":")[1]]
        block = [f"{namespaces.curie(iri)}  \"{labels.text(row['property'])}\"  ({kind}; "
                 f"{domain} -> {target}; used {uses.get(iri, 0)} times)"]
        if row["definition"] is not None:
            block.append(f"    {' '.join(row['definition'].value.split())}")
        blocks.append("\n".join(block))
    return "\n".join(blocks) + f"\n({len(rows)} properties)\n"
