"""How a term is written for people: a resource by its label, a quantity by its value and unit.

Tables, cards and plots all name things through `Labels`, so a heterostructure reads the same
everywhere ("CsPbBr3/ZnS core/shell NCs (ref. 31)") and no reader ever sees a blank-node id. A
label is the resource's `rdfs:label` (English or untagged); a heterostructure whose label does not
name its reference gets " (ref. N)" added; a resource without a label is shown by its prefixed
name, or by its words (`pk:asWritten`, else `pk:quote`) when it has them. A quantity (an unlabelled
node with `pk:numericValue` or `pk:minValue`/`pk:maxValue`, most of them named by `names` from
their owner) is shown as the review wrote it (`pk:asWritten`), with the unit added when the
written form has none.
"""

import re
from collections.abc import Mapping

import pyoxigraph as ox

from perovskite_kg import namespaces
from perovskite_kg.namespaces import PREFIX_IRIS

UNIT_SYMBOLS = {PREFIX_IRIS["unit"] + local: symbol for local, symbol in {
    "NanoM": "nm", "PERCENT": "%", "HR": "h", "DAY": "d", "MIN": "min", "DEG_C": "°C", "EV": "eV",
    "MilliA": "mA", "UNITLESS": "",
}.items()}
"""Symbols for the units the ontology declares (ontology/perovskite-kg.ttl); any other unit is
written by its rdfs:label."""

_BARE_NUMBER = re.compile(r"[\d.,\s~≈<>≥≤–-]*")

_PK, _RDFS, _RDF = PREFIX_IRIS["pk"], PREFIX_IRIS["rdfs"], PREFIX_IRIS["rdf"]
_LABEL, _TYPE = ox.NamedNode(_RDFS + "label"), ox.NamedNode(_RDF + "type")
_HETEROSTRUCTURE = ox.NamedNode(_PK + "Heterostructure")
_CITES, _NUMBER = ox.NamedNode(_PK + "citesReference"), ox.NamedNode(_PK + "referenceNumber")
_VALUE, _MIN, _MAX = (ox.NamedNode(_PK + name) for name in ("numericValue", "minValue", "maxValue"))
_UNIT = ox.NamedNode(PREFIX_IRIS["qudt"] + "unit")
_WORDS = tuple(ox.NamedNode(_PK + name) for name in ("asWritten", "quote", "description"))
"""What a node without a label reads by, best first."""
_AS_WRITTEN = _WORDS[0]


class Labels:
    """The words for the resources and quantities of one store, each looked up when first asked
    for and then remembered: a table of ten rows reads ten labels, not every label of a graph of
    millions of triples. `names` (IRI -> label) and `quantities` (node -> text) are read-only
    mappings."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self.names = _Lookup(self._name, lambda: self._subjects(_LABEL, ox.NamedNode))
        self.quantities = _Lookup(
            self._quantity, lambda: {*self._subjects(_VALUE), *self._subjects(_MIN)})
        self._descriptions: dict[ox.NamedNode | ox.BlankNode, str | None] = {}

    def text(self, term) -> str:
        """`term` for people: label, quantity with unit, literal value; '' when unbound."""
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            return (self.names.get(term.value) or self.quantities.get(term)
                    or self._description(term) or namespaces.curie(term.value))
        if isinstance(term, ox.BlankNode):
            return (self.quantities.get(term) or self._description(term)
                    or "(unnamed node)")
        return " ".join(term.value.split())

    def unit(self, iri: str) -> str:
        """The symbol of a unit, else its label."""
        return UNIT_SYMBOLS.get(iri, self.names.get(iri, namespaces.curie(iri)))

    def _objects(self, subject, predicate) -> list:
        return [q.object for q in self._store.quads_for_pattern(subject, predicate, None)]

    def _subjects(self, predicate, kind=None) -> set:
        """The subjects of `predicate`: IRIs as strings when `kind` is given, else the terms."""
        if kind is None:
            return {q.subject for q in self._store.quads_for_pattern(None, predicate, None)}
        return {q.subject.value for q in self._store.quads_for_pattern(None, predicate, None)
                if isinstance(q.subject, kind)}

    def _name(self, iri: str) -> str | None:
        """The rdfs:label (English or untagged; the first in sorted order, so a resource with two
        reads the same every time), with " (ref. N)" for a heterostructure whose label has none."""
        node = ox.NamedNode(iri)
        labels = [" ".join(o.value.split()) for o in self._objects(node, _LABEL)
                  if isinstance(o, ox.Literal) and _english_or_untagged(o)]
        if not labels:
            return None
        references = []
        if any(True for _ in self._store.quads_for_pattern(node, _TYPE, _HETEROSTRUCTURE)):
            references = [n.value for r in self._objects(node, _CITES)
                          for n in self._objects(r, _NUMBER)]
        if not references:
            return min(labels)
        return min(label if "ref." in label else f"{label} (ref. {n})"
                   for label in labels for n in references)

    def _quantity(self, node: ox.NamedNode | ox.BlankNode) -> str | None:
        """An unlabelled node with pk:numericValue, or pk:minValue and pk:maxValue, as the
        review wrote it, with its unit (a labelled one reads by its label)."""
        if isinstance(node, ox.NamedNode) and self._objects(node, _LABEL):
            return None
        numbers = [n.value for n in self._objects(node, _VALUE)]
        numbers += [f"{low.value}-{high.value}" for low in self._objects(node, _MIN)
                    for high in self._objects(node, _MAX)]
        if not numbers:
            return None
        units = [self.unit(u.value) for u in self._objects(node, _UNIT)] or [""]
        written = [w.value for w in self._objects(node, _AS_WRITTEN)] or [None]
        return min(_quantity_text(number, text, unit)
                   for number in numbers for text in written for unit in units)

    def _description(self, node) -> str | None:
        """The words of a node without a label: pk:asWritten, else pk:quote, else
        pk:description (for an IRI, only when it has no rdfs:label at all)."""
        if node not in self._descriptions:
            found = None
            if isinstance(node, ox.BlankNode) or not self._objects(node, _LABEL):
                found = next((min(" ".join(o.value.split()) for o in words)
                              for words in (self._objects(node, p) for p in _WORDS) if words), None)
            self._descriptions[node] = found
        return self._descriptions[node]


class _Lookup(Mapping):
    """A read-only mapping whose values are computed on first use and remembered; iterating
    lists every key there is (which reads the whole store)."""

    def __init__(self, compute, keys) -> None:
        self._compute, self._keys, self._known = compute, keys, {}

    def __getitem__(self, key: str) -> str:
        if key not in self._known:
            self._known[key] = self._compute(key)
        if self._known[key] is None:
            raise KeyError(key)
        return self._known[key]

    def __iter__(self):
        return iter(sorted((k for k in self._keys() if k in self), key=str))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, key) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True


def _english_or_untagged(literal: ox.Literal) -> bool:
    language = (literal.language or "").lower()
    return language in ("", "en") or language.startswith("en-")


def _quantity_text(number: str, written: str | None, unit: str) -> str:
    if written is not None and not _BARE_NUMBER.fullmatch(written):
        return " ".join(written.split())
    if written is not None:
        number = written.strip()
    return f"{number}{unit}" if unit in ("%", "°C", "") else f"{number} {unit}"
