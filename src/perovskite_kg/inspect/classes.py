"""`perovskite-kg classes`: the ontology's class hierarchy, with labels, members and definitions.

Members are counted over the asserted and the inferred triples of the chosen reasoner, so a
defined class (marked `defined`) shows the members reasoning gives it.
"""

import pyoxigraph as ox

from perovskite_kg import namespaces
from perovskite_kg.namespaces import ASSERTED_GRAPH, PREFIX_IRIS
from perovskite_kg.project.labels import Labels

_CLASSES = """
SELECT DISTINCT ?class ?parent ?defined WHERE {
  ?class a owl:Class FILTER isIRI(?class)
  OPTIONAL { ?class rdfs:subClassOf ?parent FILTER isIRI(?parent) ?parent a owl:Class }
  OPTIONAL { ?class owl:equivalentClass ?definition BIND (true AS ?defined) }
}"""
_MEMBERS = """
SELECT ?class (COUNT(DISTINCT ?member) AS ?count) WHERE { ?member a ?class FILTER isIRI(?member) }
GROUP BY ?class"""


def render(store: ox.Store, labels: Labels, undecided: frozenset[str] = frozenset()) -> str:
    """The hierarchy as an indented tree: `label  prefixed-name  members  [defined]`; the
    defined classes in `undecided` are marked as needing the DL reasoner."""
    parents: dict[str, set[str]] = {}
    defined: set[str] = set()
    run = {"prefixes": PREFIX_IRIS, "use_default_graph_as_union": True}
    asserted = {"prefixes": PREFIX_IRIS, "default_graph": ox.NamedNode(str(ASSERTED_GRAPH))}
    for row in store.query(_CLASSES, **asserted):
        cls = row["class"].value
        parents.setdefault(cls, set())
        if row["parent"] is not None and row["parent"].value != cls:
            parents[cls].add(row["parent"].value)
        if row["defined"] is not None:
            defined.add(cls)
    counts = {row["class"].value: int(row["count"].value) for row in store.query(_MEMBERS, **run)}
    children: dict[str | None, list[str]] = {}
    for cls, above in parents.items():
        for parent in (sorted(p for p in above if p in parents) or [None]):
            children.setdefault(parent, []).append(cls)
    lines = ["class (prefixed name)  members  [defined: members decided by reasoning]"]

    def walk(parent: str | None, depth: int) -> None:
        for cls in sorted(children.get(parent, []), key=lambda c: labels.text(ox.NamedNode(c)).lower()):
            mark = "  [defined]" if cls in defined else ""
            if cls in undecided:
                mark = "  [defined; decided only by --reasoner dl]"
            lines.append(f"{'  ' * depth}{labels.text(ox.NamedNode(cls))}  "
                         f"({namespaces.curie(cls)})  {counts.get(cls, 0)}{mark}")
            walk(cls, depth + 1)

    walk(None, 0)
    lines.append(f"({len(parents)} classes, {len(defined)} defined)")
    return "\n".join(lines) + "\n"
