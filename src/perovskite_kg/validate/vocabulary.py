"""pk: terms that fact files use but the ontology does not declare (with the closest declared
term), and pk: terms that fact files use against the ontology's declarations.

A misspelt property (`pk:hasShel`) parses into a valid but meaningless triple that no shape looks
at, so the typo would pass silently. A SHACL engine cannot catch it reliably: it sees one data
graph, so a term "declared" in a curator's PROPOSED TERMS block would count as declared. This
check compares the fact files against the ontology's own declarations instead. For the same
reason a fact file may not describe a pk: term at all (`pk:CoreShellHeterostructure a
owl:ObjectProperty .` re-types a class; any new pk: declaration would pass as the ontology's), use
a pk: class or individual as a predicate, or a pk: property as a class (`misused_terms`).
"""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from perovskite_kg.namespaces import OWL, PK, RDFS

PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
CLASS_TYPES = (OWL.Class, RDFS.Class)


@dataclass(frozen=True)
class UndeclaredTerm:
    """A pk: IRI in a triple of `subject`, as its `predicate` or as the value of `predicate`."""

    subject: Node
    predicate: URIRef
    term: URIRef
    suggestion: URIRef | None


@dataclass(frozen=True)
class MisusedTerm:
    """A triple of a fact file, (`subject`, `predicate`, `value`), that uses the pk: `term`
    against the ontology: `problem` says how, in words that follow the term's name."""

    subject: Node
    predicate: URIRef
    value: Node
    term: URIRef
    problem: str


@dataclass(frozen=True)
class _Declared:
    """The pk: terms the ontology declares: all of them, its properties and its classes."""

    terms: set[Node]
    properties: set[Node]
    classes: set[Node]

    @classmethod
    def read(cls, ontology: Iterable[Graph]) -> "_Declared":
        types = [(s, kind) for graph in ontology for s, kind in graph.subject_objects(RDF.type)]
        return cls({s for s, _ in types if _in_pk(s)},
                   {s for s, kind in types if kind in PROPERTY_TYPES},
                   {s for s, kind in types if kind in CLASS_TYPES})


def undeclared_terms(facts: Iterable[Graph], ontology: Iterable[Graph]) -> list[UndeclaredTerm]:
    """Every use of an undeclared pk: IRI in `facts`, once per subject, predicate and term.

    A predicate is matched against the ontology's properties, the object of rdf:type against its
    classes, and any other value against its individuals and classes.
    """
    declared = _Declared.read(ontology)
    others = declared.terms - declared.properties
    found: dict[tuple[Node, URIRef, URIRef], UndeclaredTerm] = {}
    for graph in facts:
        for subject, predicate, value in graph:
            uses = [(predicate, declared.properties)]
            if isinstance(value, URIRef):
                uses.append((value, declared.classes if predicate == RDF.type else others))
            for term, candidates in uses:
                key = (subject, predicate, term)
                if _in_pk(term) and term not in declared.terms and key not in found:
                    found[key] = UndeclaredTerm(subject, predicate, term, closest(term, candidates))
    return list(found.values())


def misused_terms(facts: Iterable[Graph], ontology: Iterable[Graph]) -> list[MisusedTerm]:
    """Every triple of `facts` that describes a pk: term (its subject is one), uses a declared pk:
    term that is not a property as its predicate, or gives a pk: property as an rdf:type."""
    declared = _Declared.read(ontology)
    found = []
    for graph in facts:
        for subject, predicate, value in graph:
            if _in_pk(subject):
                found.append(MisusedTerm(subject, predicate, value, subject,
                                         "is described here, and only the ontology may "
                                         "describe a pk: term"))
            elif predicate in declared.terms and predicate not in declared.properties:
                kind = "a class" if predicate in declared.classes else "an individual"
                found.append(MisusedTerm(subject, predicate, value, predicate,
                                         f"is {kind} in the ontology, not a property"))
            elif predicate == RDF.type and value in declared.properties:
                found.append(MisusedTerm(subject, predicate, value, value,
                                         "is a property in the ontology, not a class"))
    return found


def closest(term: URIRef, candidates: Iterable[Node]) -> URIRef | None:
    """The pk: term whose local name is most like `term`'s, ignoring case; None if none is close."""
    by_name = {_local(c).lower(): c for c in sorted(candidates) if _in_pk(c)}
    match = difflib.get_close_matches(_local(term).lower(), by_name, n=1, cutoff=0.6)
    return by_name[match[0]] if match else None


def _in_pk(node: Node) -> bool:
    return isinstance(node, URIRef) and node.startswith(PK)


def _local(iri: Node) -> str:
    return str(iri)[len(PK):]
