"""The ontology as people read it: each class and property with its label and definition, defined
classes' axioms written in words (Manchester-syntax style: `has shell some oxide`), and members."""

from dataclasses import dataclass

import pyoxigraph as ox

from perovskite_kg.namespaces import ASSERTED_GRAPH, OWL, PK, RDF, RDFS, SKOS
from perovskite_kg.serve import resources
from perovskite_kg.serve.resources import Value

_IRI = {name: ox.NamedNode(str(term)) for name, term in {
    "type": RDF.type, "first": RDF.first, "rest": RDF.rest, "nil": RDF.nil,
    "subClassOf": RDFS.subClassOf, "subPropertyOf": RDFS.subPropertyOf, "domain": RDFS.domain, "range": RDFS.range,
    "comment": RDFS.comment, "definition": SKOS.definition,
    "equivalentClass": OWL.equivalentClass, "intersectionOf": OWL.intersectionOf,
    "unionOf": OWL.unionOf, "complementOf": OWL.complementOf, "oneOf": OWL.oneOf,
    "onProperty": OWL.onProperty, "someValuesFrom": OWL.someValuesFrom,
    "allValuesFrom": OWL.allValuesFrom, "hasValue": OWL.hasValue, "onClass": OWL.onClass,
    "onDatatype": OWL.onDatatype, "withRestrictions": OWL.withRestrictions,
    "Class": OWL.Class, "ObjectProperty": OWL.ObjectProperty,
    "DatatypeProperty": OWL.DatatypeProperty, "AnnotationProperty": OWL.AnnotationProperty,
}.items()}
_RESTRICTIONS = {"someValuesFrom": "some", "allValuesFrom": "only", "hasValue": "value"}
_CARDINALITIES = {"minCardinality": "min", "maxCardinality": "max", "cardinality": "exactly",
                  "minQualifiedCardinality": "min", "maxQualifiedCardinality": "max",
                  "qualifiedCardinality": "exactly"}
_FACETS = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}
_ASSERTED = ox.NamedNode(str(ASSERTED_GRAPH))
PROPERTY_KINDS = ("ObjectProperty", "DatatypeProperty", "AnnotationProperty")


@dataclass(frozen=True)
class Term:
    """A class or property of the ontology, as its entry on the ontology page."""

    value: Value
    name: str
    kind: str
    definition: str
    parents: tuple[Value, ...] = ()
    axioms: tuple[str, ...] = ()
    """Defined classes: each owl:equivalentClass in words."""
    members: tuple[Value, ...] = ()
    domain: tuple[Value, ...] = ()
    range: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """The ontology page's three parts, each sorted by label."""

    classes: tuple[Term, ...]
    properties: tuple[Term, ...]
    individuals: tuple[Term, ...]
    """The ontology's own named values (pk:Janus, pk:EQE, ...): what IRI parameters take."""


def terms(store: ox.Store) -> Vocabulary:
    """The ontology's classes, properties and individuals."""
    classes = _declared(store, "Class")
    properties = {kind: _declared(store, kind) for kind in PROPERTY_KINDS}
    declared = set(classes).union(*properties.values())
    others = sorted({q.subject for q in store.quads_for_pattern(None, _IRI["type"], None)
                     if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(str(PK))
                     and q.subject not in declared}, key=lambda n: n.value)
    return Vocabulary(
        tuple(sorted((_class(store, iri) for iri in classes), key=_by_label)),
        tuple(sorted((_property(store, iri, kind) for kind, iris in properties.items()
                      for iri in iris), key=_by_label)),
        tuple(sorted((_individual(store, iri) for iri in others), key=_by_label)))


def expression(store: ox.Store, node) -> str:
    """A class expression in words: named classes by label, restrictions as `property some X`."""
    if isinstance(node, ox.Literal):
        return node.value
    if isinstance(node, ox.NamedNode):
        return resources.label(store, node)
    facts = {}
    for quad in store.quads_for_pattern(node, None, None):
        facts.setdefault(quad.predicate, quad.object)
    get = {name: facts.get(_IRI[name]) for name in _IRI if _IRI[name] in facts}
    for key, joiner in (("intersectionOf", " and "), ("unionOf", " or ")):
        if key in get:
            return joiner.join(_wrapped(store, item) for item in _items(store, get[key]))
    if "complementOf" in get:
        return f"not {_wrapped(store, get['complementOf'])}"
    if "oneOf" in get:
        return "{" + ", ".join(expression(store, i) for i in _items(store, get["oneOf"])) + "}"
    if "onDatatype" in get:
        facets = [_facet(store, item) for item in _items(store, get.get("withRestrictions"))]
        return f"{expression(store, get['onDatatype'])}[{', '.join(facets)}]"
    if "onProperty" in get:
        prop = expression(store, get["onProperty"])
        for key, word in _RESTRICTIONS.items():
            if key in get:
                return f"{prop} {word} {_wrapped(store, get[key])}"
        for predicate, objects in _by_local(store, node).items():
            if predicate in _CARDINALITIES:
                filler = f" {_wrapped(store, get['onClass'])}" if "onClass" in get else ""
                return f"{prop} {_CARDINALITIES[predicate]} {objects.value}{filler}"
    return "(an anonymous class)"


def _wrapped(store: ox.Store, node) -> str:
    text = expression(store, node)
    return f"({text})" if isinstance(node, ox.BlankNode) and " " in text else text


def _facet(store: ox.Store, node) -> str:
    for predicate, obj in _by_local(store, node).items():
        if predicate in _FACETS:
            return f"{_FACETS[predicate]} {obj.value}"
    return "?"


def _by_local(store: ox.Store, node) -> dict:
    return {q.predicate.value.rsplit("#", 1)[-1]: q.object
            for q in store.quads_for_pattern(node, None, None)}


def _items(store: ox.Store, head):
    node = head
    while node is not None and node != _IRI["nil"]:
        cell = {q.predicate: q.object for q in store.quads_for_pattern(node, None, None)}
        if _IRI["first"] not in cell:
            return
        yield cell[_IRI["first"]]
        node = cell.get(_IRI["rest"])


def _declared(store: ox.Store, kind: str) -> list[ox.NamedNode]:
    return sorted({q.subject for q in store.quads_for_pattern(None, _IRI["type"], _IRI[kind])
                   if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(str(PK))},
                  key=lambda n: n.value)


def _class(store: ox.Store, iri: ox.NamedNode) -> Term:
    parents = _named(store, iri, "subClassOf")
    axioms = tuple(sorted(expression(store, q.object) for q in
                          store.quads_for_pattern(iri, _IRI["equivalentClass"], None)))
    members = sorted({resources.value(store, q.subject) for q in
                      store.quads_for_pattern(None, _IRI["type"], iri)
                      if isinstance(q.subject, ox.NamedNode)}, key=lambda v: v.text)
    return Term(resources.value(store, iri), _local(iri), "class", _definition(store, iri),
                parents, axioms, tuple(members))


def _property(store: ox.Store, iri: ox.NamedNode, kind: str) -> Term:
    return Term(resources.value(store, iri), _local(iri), kind, _definition(store, iri),
                _named(store, iri, "subPropertyOf"),
                domain=_anything(store, iri, "domain"), range=_anything(store, iri, "range"))


def _individual(store: ox.Store, iri: ox.NamedNode) -> Term:
    return Term(resources.value(store, iri), _local(iri), "individual", _definition(store, iri),
                _named(store, iri, "type"))


def _named(store: ox.Store, iri, predicate: str) -> tuple[Value, ...]:
    """The named objects of `predicate` as stated (not the reasoner's closure of superclasses)."""
    return tuple(sorted({resources.value(store, q.object) for q in
                         store.quads_for_pattern(iri, _IRI[predicate], None, _ASSERTED)
                         if isinstance(q.object, ox.NamedNode) and q.object != iri},
                        key=lambda v: v.text))


def _anything(store: ox.Store, iri, predicate: str) -> tuple[Value, ...]:
    values = {Value(expression(store, q.object)) if isinstance(q.object, ox.BlankNode)
              else resources.value(store, q.object)
              for q in store.quads_for_pattern(iri, _IRI[predicate], None)}
    return tuple(sorted(values, key=lambda v: v.text))


def _definition(store: ox.Store, iri) -> str:
    for key in ("definition", "comment"):
        texts = sorted(q.object.value for q in store.quads_for_pattern(iri, _IRI[key], None))
        if texts:
            return " ".join(texts)
    return ""


def _local(iri: ox.NamedNode) -> str:
    return iri.value[len(str(PK)):]


def _by_label(term: Term) -> tuple[str, str]:
    return term.value.text.lower(), term.name
