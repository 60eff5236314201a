"""IRIs for the facts written as blank nodes: one rule, applied as every file is read.

Curators write a heterostructure's quantities, findings, readings and a route's steps inside
their owner (`pk:plPeak [ a pk:Quantity ; ... ]`), where Turtle makes them blank nodes: nothing
can link to them, `describe` them, or find them again in a store that renames blank nodes on
upload. `load` names each such fact from its owner and the property that links it:

    pkr:hs-CsPbBr3-ZnS-coreshell-ref31 pk:plPeak [ ... ]  ->  pkr:hs-CsPbBr3-ZnS-coreshell-ref31-plPeak

- a nested fact is named from its owner's name (`pkr:route-X-hasStep-2-temperature`);
- when one owner has several blank values of one property, each gets its value of the first
  property of `KEYS` that sets them apart (`-hasStep-1`, `-hasReading-hasCoverage`,
  `-hasFinding-EnhancedPLQY`), and values still alike the next such key's (`-fig-5b`); a short
  hash of what a value says is the last resort;
- a file that adds facts to a resource it does not type (one another file describes, as
  graph/challenges.ttl adds readings to heterostructures) always adds that disambiguator
  (`-hasReading-addressesChallenge`): each file's names are a function of its own triples,
  not of the other files, the order of its blocks or the parser's blank-node labels, and two
  files that still give one name are refused (`check_distinct`, called by `load.union`);
- only facts are named: blank nodes that hang, through blank nodes with one owner each, from an
  IRI of the data (`pkr:`). RDF lists (the author lists; the lists of OWL axioms and SHACL shapes)
  and the axioms and shapes of ontology/, whose owners are `pk:` and `pksh:` terms, stay blank;
- what the rule cannot name is an error, not a guess: a pk:-typed blank node that nothing, or
  more than one triple, points at; two facts that would get one name; a name the file already
  uses; a name containing "genid" (the OWL API, hence Protégé and HermiT, reads those as blank
  nodes).

Why names are made here rather than written into graph/: the rule stays the one source of truth,
curators and `curate` keep writing `[ ... ]`, and a corrected value can never leave a stale
hand-written name behind. Every command reads files through `load`, so all see the same names.
"""

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from perovskite_kg import namespaces
from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import PK, PKR, QUDT, RDF

KEYS = (PK.stepIndex, PK.orderInCell, PK.aboutProperty, PK.metric, PK.stressor, PK.testedForm,
        PK.effect, RDF.type, QUDT.unit, PK.numericValue, PK.asWritten, PK.statedIn)
"""The properties whose values tell several facts of one owner apart, tried in this order."""
HASH_LENGTH = 8
"""Hex digits of the content hash, the last resort (a clash would be refused as one name given
to two facts, never merged)."""
FORBIDDEN = "genid"
"""No IRI may contain it: the OWL API turns such IRIs into blank nodes."""

_UNSAFE = re.compile(r"[^A-Za-z0-9.]+")
_TAG_LENGTH = 40


def name_facts(graph: Graph, shown: str = "", text: str = "") -> dict[BNode, URIRef]:
    """Give every fact of `graph` (one file's triples, changed in place) its IRI; return the
    renaming. `shown` and `text` (the file's name and text) locate the errors."""
    triples = list(graph)
    owners: dict[BNode, list[tuple[Node, Node]]] = defaultdict(list)
    values: dict[Node, list[tuple[Node, BNode]]] = defaultdict(list)
    blanks, cells, described = set(), set(), set()
    for s, p, o in triples:
        if isinstance(o, BNode):
            owners[o].append((s, p))
            values[s].append((p, o))
            blanks.add(o)
        if isinstance(s, BNode):
            blanks.add(s)
            if p in (RDF.first, RDF.rest):
                cells.add(s)
        if p == RDF.type:
            described.add(s)
    for node in sorted(blanks - cells):
        if len(owners[node]) != 1 and (
                _typed_as_fact(graph, node) or any(_is_data(s) for s, _ in owners[node])):
            raise _error(graph, node, owners[node], shown, text)
    names: dict[BNode, URIRef] = {}
    todo = sorted(s for s in values if _is_data(s))
    while todo:
        owner = todo.pop()
        by_property: dict[Node, list[BNode]] = defaultdict(list)
        for p, o in values.get(owner, ()):
            if len(owners[o]) == 1 and o not in cells:
                by_property[p].append(o)
        foreign = not isinstance(owner, BNode) and owner not in described
        for predicate, found in by_property.items():
            for node, tag in _tags(graph, found, foreign).items():
                names[node] = URIRef(f"{names.get(owner, owner)}-{local_name(predicate)}"
                                     + (f"-{tag}" if tag else ""))
                todo.append(node)
    if names:
        _check(graph, triples, names, shown, text)
        _rename(graph, triples, names)
    return names


def is_part(owner, predicate, node) -> bool:
    """Whether `node`, the value of `predicate` on `owner`, is one of its parts: a blank node, or
    a fact this rule named from them. Cards and pages open parts in place. Terms of rdflib or of
    pyoxigraph."""
    if isinstance(node, (BNode, ox.BlankNode)):
        return True
    if not isinstance(node, (URIRef, ox.NamedNode)):
        return False
    stem, iri = f"{_iri(owner)}-{local_name(_iri(predicate))}", _iri(node)
    return iri == stem or iri.startswith(stem + "-")


def _iri(term) -> str:
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode)) else str(term)


def minted(graph: Graph) -> set[URIRef]:
    """The IRIs of `graph` that name facts by this rule (the parts it describes)."""
    return {o for s, p, o in graph
            if isinstance(o, URIRef) and is_part(s, p, o) and (o, None, None) in graph}


def check_distinct(files: Iterable[tuple[str, Graph]]) -> None:
    """Refuse two files that name a fact alike: their triples would merge two facts into one
    (each file is named on its own, so one owner's blank values in two files can meet)."""
    seen: dict[URIRef, str] = {}
    for shown, graph in files:
        for iri in sorted(minted(graph)):
            if iri in seen and seen[iri] != shown:
                raise InputError(
                    f"{namespaces.curie(iri)} is the name of a fact written as a blank node both "
                    f"here and in {seen[iri]}: they would be read as one; give the one here an "
                    "IRI of its own", shown)
            seen.setdefault(iri, shown)


def local_name(iri: Node) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return re.split(r"[#/]", str(iri))[-1]


def _tags(graph: Graph, values: list[BNode], always: bool) -> dict[BNode, str]:
    """The disambiguator of each of one owner's blank values of one property: '' for a value
    alone (unless `always`: then its value of the first key it has); else the values of the
    first key that they all have and that sets some apart, and again within each group still
    alike, with the keys left; a hash of the content, last."""
    if len(values) == 1 and not always:
        return {values[0]: ""}
    tags = {v: "" for v in values}
    groups = [(values, KEYS)]
    while groups:
        group, keys = groups.pop()
        found = {k: [_value_tag(graph, v, k) for v in group] for k in keys}
        key = next((k for k, tags_of in found.items() if all(tags_of)
                    and (len(group) == 1 or len(set(tags_of)) > 1)), None)
        if key is None:
            for v in group:
                tags[v] = "-".join(filter(None, [tags[v], _digest(graph, v, set())[:HASH_LENGTH]]))
            continue
        alike: dict[str, list[BNode]] = defaultdict(list)
        for v, tag in zip(group, found[key]):
            tags[v] = "-".join(filter(None, [tags[v], tag]))
            alike[tags[v]].append(v)
        rest = tuple(k for k in keys if k != key)
        groups += [(same, rest) for same in alike.values() if len(same) > 1]
    return tags


def _value_tag(graph: Graph, node: BNode, key: URIRef) -> str:
    """The values of `key` on `node`, readable and safe in an IRI, sorted and joined."""
    found = sorted(_readable(v) for v in graph.objects(node, key)
                   if isinstance(v, (URIRef, Literal)))
    return "-".join(filter(None, found))


def _readable(term: Node) -> str:
    text = local_name(term) if isinstance(term, URIRef) else str(term)
    return _UNSAFE.sub("-", text).strip("-.")[:_TAG_LENGTH].rstrip("-.")


def _digest(graph: Graph, node: BNode, seen: set) -> str:
    """A hash of what `node` says, inner blank nodes by their own hash: labels do not count."""
    seen = seen | {node}
    lines = []
    for p, o in graph.predicate_objects(node):
        inner = isinstance(o, BNode)
        shown = f"[{_digest(graph, o, seen) if o not in seen else ''}]" if inner else o.n3()
        lines.append(f"{p.n3()} {shown}")
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


def _is_data(term: Node) -> bool:
    return isinstance(term, URIRef) and term.startswith(str(PKR)) and len(term) > len(PKR)


def _typed_as_fact(graph: Graph, node: BNode) -> bool:
    return any(str(t).startswith(str(PK)) for t in graph.objects(node, RDF.type))


def _check(graph: Graph, triples: list, names: dict[BNode, URIRef], shown: str,
           text: str) -> None:
    """Refuse a name given twice, already used in the file, or containing "genid"."""
    used = {t for triple in triples for t in triple if isinstance(t, URIRef)}
    given: dict[URIRef, BNode] = {}
    for node, iri in sorted(names.items(), key=lambda item: item[1]):
        if FORBIDDEN in iri.lower():
            problem = f'contains "{FORBIDDEN}", which the OWL API reads as a blank node'
        elif iri in given:
            problem = "would name two facts"
        elif iri in used:
            problem = "is already an IRI of the file"
        else:
            given[iri] = node
            continue
        raise InputError(f"the blank node here would be named {namespaces.curie(iri)}, which "
                         f"{problem}; give it an IRI of its own", shown, _line(graph, node, text))


def _rename(graph: Graph, triples: list, names: dict[BNode, URIRef]) -> None:
    changed = [t for t in triples if t[0] in names or t[2] in names]
    for triple in changed:
        graph.remove(triple)
    graph.addN((names.get(s, s), p, names.get(o, o), graph) for s, p, o in changed)


def _error(graph: Graph, node: BNode, owners: list, shown: str, text: str) -> InputError:
    if owners:
        which = ", ".join(sorted(f"{namespaces.short(s)} {namespaces.short(p)}" for s, p in owners))
        problem = f"is the value of {len(owners)} triples ({which}), so it has no one owner"
    else:
        problem = "is the value of no triple, so it has no owner to be named from"
    kinds = ", ".join(sorted(namespaces.short(t) for t in graph.objects(node, RDF.type)))
    return InputError(f"a blank node{f' ({kinds})' if kinds else ''} {problem}; write it inside "
                      "the one resource it belongs to, or give it an IRI", shown,
                      _line(graph, node, text))


def _line(graph: Graph, node: BNode, text: str) -> int | None:
    """The line of the first of `node`'s literals the text writes, when one is found."""
    for literal in sorted(str(o) for o in graph.objects(node, None) if isinstance(o, Literal)):
        for written in (f'"{literal}"', literal):
            at = text.find(written) if len(written) > 2 else -1
            if at >= 0:
                return text.count("\n", 0, at) + 1
    return None
