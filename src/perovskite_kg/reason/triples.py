"""What a reasoner is given and which of its output counts as derived: shared by both engines.

Inferred triples exclude the tautologies every closure contains (owl:Thing, reflexive owl:sameAs /
subClassOf, ...) and the internals of class expressions, so what is left is what a reader would
call "derived".
"""

from collections.abc import Iterator

from rdflib import BNode, Graph
from rdflib.term import Node

from perovskite_kg.namespaces import OWL, RDF, RDFS, XSD

_TAUTOLOGICAL_TYPES = {OWL.Thing, RDFS.Resource}
_REFLEXIVE = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf,
              RDFS.subPropertyOf}
_STRUCTURAL_NAMESPACES = (str(OWL), str(RDF), str(XSD))


def reasoning_input(asserted: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """The asserted triples a reasoner may see: never owl:imports (nothing is fetched)."""
    return (t for t in asserted if t[1] != OWL.imports)


def trivial(triple: tuple[Node, Node, Node], structural: set[Node]) -> bool:
    """A triple every closure contains, or one about the internals of a class expression or list."""
    s, p, o = triple
    return (
        (p == RDF.type and o in _TAUTOLOGICAL_TYPES)
        or (p in _REFLEXIVE and s == o)
        or (p == RDFS.subClassOf and (o == OWL.Thing or s == OWL.Nothing))
        or (p == RDFS.subPropertyOf and o in (OWL.topObjectProperty, OWL.topDataProperty))
        or s in structural
        or o in structural
    )


def structural_nodes(graph: Graph) -> set[Node]:
    """Blank nodes that build class expressions, axioms and lists: subjects of OWL, RDF or XSD
    terms (owl:onProperty, owl:intersectionOf, owl:members, rdf:first, xsd:minInclusive, ...)."""
    return {
        s for s, p, _ in graph
        if isinstance(s, BNode) and p != RDF.type and str(p).startswith(_STRUCTURAL_NAMESPACES)
    }


def reachable(start: Node, edges: dict) -> set:
    """Everything reachable from `start` along `edges` (a node -> successors map), not `start`
    itself unless it lies on a cycle."""
    seen, todo = set(), list(edges.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    return seen
