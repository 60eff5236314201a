"""OWL 2 RL materialisation by `reasonable`, a Rust engine that needs no Java.

It closes the review's graph in a fraction of a second (owlrl takes seconds) and decides every
defined class built from hasValue, someValuesFrom (nested, onto oneOf), intersectionOf, unionOf and
sub-properties (one rule it lacks, cls-oo, is applied here first); it cannot decide classes that
need a datatype restriction (pk:WaterResistantHeterostructure), which `Result.undecided` names.
"""

from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from perovskite_kg.errors import InputError, one_line
from perovskite_kg.namespaces import OWL, RDF
from perovskite_kg.reason.triples import reasoning_input, structural_nodes, trivial

# Equality-generating axioms. Our ontology uses functional properties as constraints, never to
# identify individuals; given to an RL engine they make two clashing values owl:sameAs, and that
# equality then spreads the clash to every node sharing either value. `analysis.conflicts` checks
# them.
_EQUALITY_AXIOMS = (OWL.FunctionalProperty, OWL.InverseFunctionalProperty)


def infer(asserted: Graph) -> Graph:
    """OWL 2 RL closure by `reasonable`, minus what `asserted` states and the tautologies.

    `reasonable` rewrites literals on the way out ("x" comes back as "x"^^xsd:string, a different
    rdflib term), so every literal is swapped for a placeholder IRI on the way in and back on the
    way out: the closure never invents literals, so nothing is lost.
    """
    import reasonable

    literals: dict[Literal, URIRef] = {}
    placeholders: dict[URIRef, Literal] = {}

    def encode(term: Node) -> Node:
        if not isinstance(term, Literal):
            return term
        if term not in literals:
            literals[term] = URIRef(f"urn:x-perovskite-kg:literal:{len(literals)}")
            placeholders[literals[term]] = term
        return literals[term]

    given = Graph()
    for s, p, o in reasoning_input(asserted):
        if not (p == RDF.type and o in _EQUALITY_AXIOMS):
            given.add((s, p, encode(o)))
    for triple in _rules_reasonable_lacks(asserted):
        given.add(triple)
    reasoner = reasonable.PyReasoner()
    try:
        reasoner.from_graph(given)
        closure = reasoner.reason()
    except BaseException as err:  # a Rust panic (pyo3 PanicException) derives from BaseException
        if isinstance(err, (KeyboardInterrupt, SystemExit)):
            raise
        raise InputError(f"the OWL 2 RL reasoner failed: {one_line(err)}") from err
    structural = structural_nodes(asserted)
    inferred = Graph()
    for s, p, o in closure:
        if s in placeholders:
            continue
        triple = (s, p, placeholders.get(o, o))
        if triple not in asserted and not trivial(triple, structural):
            inferred.add(triple)
    return inferred


def _rules_reasonable_lacks(asserted: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """OWL 2 RL rule cls-oo, which `reasonable` does not apply: every item of an owl:oneOf is a
    member of the enumeration. pk:TypeIIHeterojunction needs it (someValuesFrom {TypeII,
    QuasiTypeII}); the tests check every other construct our defined classes use against HermiT."""
    for enumeration, items in asserted.subject_objects(OWL.oneOf):
        for item in asserted.items(items):
            yield item, RDF.type, enumeration
