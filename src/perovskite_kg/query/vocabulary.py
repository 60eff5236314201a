"""pk: terms an ad-hoc query names that the ontology does not declare, found before it runs.

`pk:Heat` instead of `pk:Heating` is valid SPARQL that matches nothing; a user who wrote it should
hear so, with the closest declared term, rather than read an empty answer.
"""

import difflib

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from perovskite_kg import namespaces
from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import ASSERTED_GRAPH, PK, PREFIX_IRIS
from perovskite_kg.query.guard import Prepared

_DECLARED = "SELECT DISTINCT ?term WHERE { ?term a ?kind FILTER STRSTARTS(STR(?term), STR(pk:)) }"


def used(prepared: Prepared) -> list[str]:
    """The pk: IRIs a query names, sorted."""
    return sorted(_pk_terms(translateQuery(parseQuery(prepared.query.text),
                                           initNs=PREFIX_IRIS).algebra))


def check(store: ox.Store, prepared: Prepared) -> None:
    """Refuse (exit 2) a query naming a pk: term that no triple of the ontology declares."""
    named = used(prepared)
    if not named:
        return
    declared = {row["term"].value for row in store.query(
        _DECLARED, prefixes=PREFIX_IRIS, default_graph=ox.NamedNode(str(ASSERTED_GRAPH)))}
    for term in named:
        if term not in declared:
            local = {iri[len(PK):]: iri for iri in declared}
            close = difflib.get_close_matches(term[len(PK):], list(local), n=3, cutoff=0.6)
            hint = (f"; did you mean {' or '.join(namespaces.curie(local[c]) for c in close)}?"
                    if close else "")
            raise InputError(f"{namespaces.curie(term)} is not declared by the ontology{hint} "
                             "(list the terms: perovskite-kg classes, perovskite-kg properties)",
                             prepared.query.source)


def _pk_terms(node) -> set[str]:
    """Every pk: IRI in an rdflib algebra tree."""
    found, stack = set(), [node]
    while stack:
        item = stack.pop()
        if isinstance(item, URIRef):
            if str(item).startswith(str(PK)) and len(item) > len(PK):
                found.add(str(item))
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
    return found
