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

import pyoxigraph as ox

from perovskite_kg import namespaces
from perovskite_kg.namespaces import PREFIX_IRIS, UNIT

UNIT_SYMBOLS = {
    str(UNIT.NanoM): "nm", str(UNIT.PERCENT): "%", str(UNIT.HR): "h", str(UNIT.DAY): "d",
    str(UNIT.MIN): "min", str(UNIT.DEG_C): "°C", str(UNIT.EV): "eV", str(UNIT.MilliA): "mA",
    str(UNIT.UNITLESS): "",
}
"""Symbols for the units the ontology declares (ontology/perovskite-kg.ttl); any other unit is
written by its rdfs:label."""

_BARE_NUMBER = re.compile(r"[\d.,\s~≈<>≥≤–-]*")

_LABELS = """
SELECT ?s ?label ?reference WHERE {
  ?s rdfs:label ?label .
  FILTER (isIRI(?s) && (LANG(?label) = "" || LANGMATCHES(LANG(?label), "en")))
  OPTIONAL { ?s a pk:Heterostructure ; pk:citesReference/pk:referenceNumber ?reference }
}"""

_QUANTITIES = """
SELECT ?q ?value ?min ?max ?written ?unit WHERE {
  { ?q pk:numericValue ?value } UNION { ?q pk:minValue ?min ; pk:maxValue ?max }
  FILTER NOT EXISTS { ?q rdfs:label ?label }
  OPTIONAL { ?q pk:asWritten ?written }
  OPTIONAL { ?q qudt:unit ?unit }
}"""

_DESCRIBED = """
SELECT ?n ?text ?rank WHERE {
  { ?n pk:asWritten ?text BIND (1 AS ?rank) } UNION { ?n pk:quote ?text BIND (2 AS ?rank) }
  UNION { ?n pk:description ?text BIND (3 AS ?rank) }
  FILTER (isBlank(?n) || NOT EXISTS { ?n rdfs:label ?label })
}"""


class Labels:
    """The words for every labelled resource and every quantity of one store."""

    def __init__(self, store: ox.Store) -> None:
        self.names: dict[str, str] = {}
        for row in store.query(_LABELS, prefixes=PREFIX_IRIS, use_default_graph_as_union=True):
            iri, label, reference = row["s"].value, " ".join(row["label"].value.split()), row[2]
            if reference is not None and "ref." not in label:
                label = f"{label} (ref. {reference.value})"
            # the first label in sorted order, so a resource with two labels always reads the same
            self.names[iri] = min(label, self.names.get(iri, label))
        self.quantities: dict[str, str] = {}
        for row in store.query(_QUANTITIES, prefixes=PREFIX_IRIS, use_default_graph_as_union=True):
            self.quantities[row["q"].value] = self._quantity(row)
        self.descriptions: dict[str, str] = {}
        ranked: dict[str, tuple[int, str]] = {}
        for row in store.query(_DESCRIBED, prefixes=PREFIX_IRIS, use_default_graph_as_union=True):
            candidate = (int(row["rank"].value), " ".join(row["text"].value.split()))
            ranked[row["n"].value] = min(candidate, ranked.get(row["n"].value, candidate))
        self.descriptions = {key: text for key, (_, text) in ranked.items()}

    def text(self, term) -> str:
        """`term` for people: label, quantity with unit, literal value; '' when unbound."""
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            return (self.names.get(term.value) or self.quantities.get(term.value)
                    or self.descriptions.get(term.value) or namespaces.curie(term.value))
        if isinstance(term, ox.BlankNode):
            return (self.quantities.get(term.value) or self.descriptions.get(term.value)
                    or "(unnamed node)")
        return " ".join(term.value.split())

    def unit(self, iri: str) -> str:
        """The symbol of a unit, else its label."""
        return UNIT_SYMBOLS.get(iri, self.names.get(iri, namespaces.curie(iri)))

    def _quantity(self, row) -> str:
        unit = self.unit(row["unit"].value) if row["unit"] is not None else ""
        written = row["written"]
        if written is not None and not _BARE_NUMBER.fullmatch(written.value):
            return " ".join(written.value.split())
        if written is not None:
            number = written.value.strip()
        elif row["value"] is not None:
            number = row["value"].value
        else:
            number = f"{row['min'].value}-{row['max'].value}"
        return f"{number}{unit}" if unit in ("%", "°C", "") else f"{number} {unit}"
