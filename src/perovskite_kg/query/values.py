"""A parameter's allowed values, read from the graph, and a user's word for one of them.

A stored query says where a parameter's values come from (`#+ values: stressor = pk:Stressor`:
the members of a class, or the values of a property). The user may then name a value by its IRI
(`pk:Heating`), its local name (`Heating`), its label or alternative label (`heating`, `PCE`), or
the name the review writes (`CsPbBr3/ZnS`); a word that names nothing, or several things, is an
error with the close matches, never a silent empty answer.
"""

from collections import namedtuple

import pyoxigraph as ox

from perovskite_kg import namespaces
from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import PREFIX_IRIS
from perovskite_kg.project.labels import Labels
from perovskite_kg.query.stored import QueryFile

_MEMBERS = """
SELECT DISTINCT ?source ?value ?name WHERE {
  ?value a ?source .
  OPTIONAL { ?value rdfs:label|skos:altLabel|pk:nameAsWritten|pk:formula ?name }
}"""
_OBJECTS = "SELECT DISTINCT ?source ?value WHERE { ?subject ?source ?value }"
_IS_PROPERTY = """
SELECT ?source WHERE {
  ?source a ?kind VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty rdf:Property }
} LIMIT 1"""


class Choice(namedtuple("Choice", "term label names")):
    """One allowed value: the term to bind (an `ox.NamedNode` or `ox.Literal`), how it reads
    (str), and every word that names it (a frozenset of str)."""

    __slots__ = ()


def choices(store: ox.Store, labels: Labels, source: str) -> list[Choice]:
    """The allowed values of a parameter whose values come from `source` (a class or property)."""
    term = ox.NamedNode(namespaces.expand(source))
    run = {"prefixes": PREFIX_IRIS, "use_default_graph_as_union": True,
           "substitutions": {ox.Variable("source"): term}}
    if any(True for _ in store.query(_IS_PROPERTY, **run)):
        found = [row["value"] for row in store.query(_OBJECTS, **run)]
        return sorted((Choice(v, v.value, frozenset({v.value})) for v in found),
                      key=lambda c: _number_first(c.label))
    names: dict[str, set[str]] = {}
    for row in store.query(_MEMBERS, **run):
        if isinstance(row["value"], ox.NamedNode):
            iri = row["value"].value
            words = names.setdefault(iri, {iri, namespaces.curie(iri), _local(iri)})
            if row["name"] is not None:
                words.add(" ".join(row["name"].value.split()))
    return sorted((Choice(ox.NamedNode(iri), labels.text(ox.NamedNode(iri)),
                          frozenset(w.lower() for w in words)) for iri, words in names.items()),
                  key=lambda c: c.label.lower())


def resolve(query: QueryFile, name: str, value: str, allowed: list[Choice]) -> ox.NamedNode:
    """The allowed value `value` names, or an `InputError` (exit 2) with the close matches."""
    word = " ".join(value.removeprefix("<").removesuffix(">").split()).lower()
    matches = [c for c in allowed if word in c.names]
    if len(matches) == 1:
        return matches[0].term
    if matches:
        which = "; ".join(f"{c.label} = {_shown(c.term)}" for c in matches)
        raise InputError(f"--param {name}={value} names {len(matches)} values of {query.name}: "
                         f"{which} (give one by its IRI)")
    every = {w: c for c in allowed for w in c.names if not w.startswith("http")}
    import difflib  # only to suggest names: an error's path

    close = difflib.get_close_matches(word, list(every), n=4, cutoff=0.6)
    suggested = sorted({_shown(every[w].term) for w in close})
    hint = f"; did you mean {' or '.join(suggested)}?" if suggested else ""
    raise InputError(f"--param {name}={value}: not one of the {len(allowed)} allowed values"
                     f"{hint} (list them: perovskite-kg queries {query.name})")


def _shown(term) -> str:
    return namespaces.curie(term.value) if isinstance(term, ox.NamedNode) else term.value


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _number_first(text: str) -> tuple:
    return (0, int(text), "") if text.isdigit() else (1, 0, text)
