"""`describe(store, iri)`: everything the graph says of one resource, as rows a page can show.

A row is a fact: the property's label, the value's label (and where it links), its unit, the
references the review cites for it and the places in the review (`pk:statedIn`) it comes from.
Parts are followed (blank nodes, and the facts `project/names.py` named from their owner: a
quantity becomes its value as written and its unit, linking to its own page; a finding or a step
becomes nested rows), so a card holds the whole closure. Facts the reasoner added are marked.
This is the one function resource pages are built on, so it can be swapped for a richer card.
"""

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from perovskite_kg import namespaces
from perovskite_kg.namespaces import INFERRED_GRAPH, PK, PKR, QUDT, RDF, RDFS
from perovskite_kg.project import names

_LABEL = ox.NamedNode(str(RDFS.label))
_TYPE = ox.NamedNode(str(RDF.type))
_UNIT = ox.NamedNode(str(QUDT.unit))
_AS_WRITTEN = ox.NamedNode(str(PK.asWritten))
_NUMBER = ox.NamedNode(str(PK.numericValue))
_STATED_IN = ox.NamedNode(str(PK.statedIn))
_CITES = ox.NamedNode(str(PK.citesReference))
_FIRST, _REST, _NIL = (ox.NamedNode(str(t)) for t in (RDF.first, RDF.rest, RDF.nil))
_QUANTITY = {_UNIT, _AS_WRITTEN, _NUMBER}
_PROVENANCE = {_STATED_IN, _CITES}
_INFERRED = ox.NamedNode(str(INFERRED_GRAPH))
MAX_INCOMING = 500
_NUMBERS = re.compile(r"([0-9]+)")


@dataclass(frozen=True)
class Value:
    """A term as people read it: its text, its prefixed name, and the page it links to."""

    text: str
    curie: str = ""
    target: tuple[str, str] | None = None
    """("resource", local name) or ("ontology", local name); None: no page here."""


@dataclass(frozen=True)
class Row:
    """One fact about the resource."""

    property: Value
    value: Value
    unit: str = ""
    references: tuple[Value, ...] = ()
    places: tuple[Value, ...] = ()
    inferred: bool = False
    details: tuple["Row", ...] = ()


@dataclass(frozen=True)
class Card:
    """Everything the graph says of one resource."""

    iri: str
    label: Value
    types: tuple[Value, ...]
    rows: tuple[Row, ...]
    references: tuple[Value, ...] = ()
    places: tuple[Value, ...] = ()
    incoming: tuple[tuple[Value, Value], ...] = field(default=())
    """(subject, property) of the facts pointing here."""


def describe(store: ox.Store, iri: str) -> Card | None:
    """The card of `iri`, or None when the graph says nothing of it."""
    subject = ox.NamedNode(iri)
    quads = list(store.quads_for_pattern(subject, None, None))
    incoming = [q for q in store.quads_for_pattern(None, None, subject)
                if isinstance(q.subject, ox.NamedNode)]
    if not quads and not incoming:
        return None
    types = sorted({value(store, q.object) for q in quads if q.predicate == _TYPE},
                   key=_order)
    rows = _rows(store, quads, skip={_TYPE, _LABEL} | _PROVENANCE)
    pointing = sorted({(value(store, q.subject), value(store, q.predicate)) for q in incoming},
                      key=lambda pair: (_order(pair[1]), _order(pair[0])))
    return Card(iri, _heading(store, subject, incoming), tuple(types), rows,
                _objects(store, quads, _CITES), _objects(store, quads, _STATED_IN),
                tuple(pointing[:MAX_INCOMING]))


def _heading(store: ox.Store, subject: ox.NamedNode, incoming: list[ox.Quad]) -> Value:
    """The resource's label; a part without one (a fact named after its owner, `names`) reads
    by its property and its owner, e.g. "finding of CsPbBr3/SiO2 Janus NCs"."""
    own = value(store, subject)
    if any(True for _ in store.quads_for_pattern(subject, _LABEL, None)):
        return own
    for q in sorted(incoming, key=lambda q: (q.subject.value, q.predicate.value)):
        if names.is_part(q.subject, q.predicate, subject):
            role = label(store, q.predicate).removeprefix("has ")
            return Value(f"{role} of {label(store, q.subject)}", own.curie, own.target)
    return own


def label(store: ox.Store, term) -> str:
    """The rdfs:label of a term (English or untagged first), else its prefixed name."""
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split())
    if isinstance(term, ox.BlankNode):
        return "(unnamed node)"
    labels = [q.object for q in store.quads_for_pattern(term, _LABEL, None)
              if isinstance(q.object, ox.Literal)]
    labels.sort(key=lambda lit: (lit.language not in ("en", None, ""), lit.value))
    return labels[0].value if labels else namespaces.curie(term.value)


def value(store: ox.Store, term) -> Value:
    """A term as a `Value`: labelled, with the page it links to when it has one."""
    if not isinstance(term, ox.NamedNode):
        return Value(label(store, term))
    return Value(label(store, term), namespaces.curie(term.value), target(term.value))


def target(iri: str) -> tuple[str, str] | None:
    """The page of an IRI of the project: its resource page or its entry on the ontology page."""
    for kind, namespace in (("resource", str(PKR)), ("ontology", str(PK))):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return kind, iri[len(namespace):]
    return None


def _rows(store: ox.Store, quads, skip: set) -> tuple[Row, ...]:
    rows = [_row(store, q) for q in quads if q.predicate not in skip]
    return tuple(sorted(set(rows), key=lambda r: (_order(r.property), _order(r.value), repr(r))))


def _row(store: ox.Store, quad: ox.Quad) -> Row:
    inferred = quad.graph_name == _INFERRED
    prop = value(store, quad.predicate)
    term = quad.object
    if not names.is_part(quad.subject, quad.predicate, term):
        return Row(prop, value(store, term), inferred=inferred)
    inner = list(store.quads_for_pattern(term, None, None))
    predicates = {q.predicate for q in inner}
    provenance = {"references": _objects(store, inner, _CITES),
                  "places": _objects(store, inner, _STATED_IN)}
    if predicates <= {_FIRST, _REST}:
        items = ", ".join(label(store, item) for item in _list(store, term))
        return Row(prop, Value(items), inferred=inferred)
    if predicates & _QUANTITY:
        written = _objects(store, inner, _AS_WRITTEN) or _objects(store, inner, _NUMBER)
        unit = " ".join(u.text for u in _objects(store, inner, _UNIT))
        details = _rows(store, inner, skip={_TYPE} | _QUANTITY | _PROVENANCE)
        shown = _linked(written[0] if written else Value("(see details)"), term)
        return Row(prop, shown, unit, inferred=inferred, details=details, **provenance)
    kinds = _objects(store, inner, _TYPE)
    shown = _linked(Value(", ".join(k.text for k in kinds) or "(details)"), term)
    details = _rows(store, inner, skip={_TYPE} | _PROVENANCE)
    return Row(prop, shown, inferred=inferred, details=details, **provenance)


def _linked(shown: Value, term) -> Value:
    """A part's value, linking to the part's own page when it has a name."""
    if not isinstance(term, ox.NamedNode):
        return shown
    return Value(shown.text, namespaces.curie(term.value), target(term.value))


def _objects(store: ox.Store, quads, predicate) -> tuple[Value, ...]:
    found = {value(store, q.object) for q in quads if q.predicate == predicate}
    return tuple(sorted(found, key=_order))


def _list(store: ox.Store, head):
    node, seen = head, set()
    while node != _NIL and node not in seen:
        seen.add(node)
        cell = {q.predicate: q.object for q in store.quads_for_pattern(node, None, None)}
        if _FIRST not in cell:
            return
        yield cell[_FIRST]
        node = cell.get(_REST, _NIL)


def _order(v: Value) -> tuple:
    """Sort key: text with its numbers by value (ref. 9 before ref. 10), then the IRI."""
    parts = _NUMBERS.split(v.text.lower())
    return tuple((int(p), "") if p.isascii() and p.isdigit() else (-1, p) for p in parts), v.curie
