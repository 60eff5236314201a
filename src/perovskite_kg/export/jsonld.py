"""JSON-LD: the context generated from the ontology, and the compaction of a graph with it.

The context maps every pk: class and property to its local name ("hasCore", "Heterostructure"),
object properties taking IRIs as plain strings; a resource's parts used once (blank nodes, and
the facts `project/names.py` named from their owner, with their "@id") are written where they
are used. rdflib's JSON-LD writer drops the triples of such blank nodes, so the compaction is done here
and the tests parse it back with two parsers.
"""

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from perovskite_kg.namespaces import OWL, PK, PREFIX_IRIS, RDF, XSD, compact
from perovskite_kg.project import names as facts

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")


def context(ontology: Graph) -> dict:
    """The JSON-LD context: the project prefixes, and every pk: class and property by local name."""
    terms: dict = dict(PREFIX_IRIS)
    terms["label"] = "rdfs:label"
    kinds = ((OWL.Class, False), (OWL.DatatypeProperty, False), (OWL.AnnotationProperty, False),
             (OWL.ObjectProperty, True))
    for kind, takes_iris in kinds:
        for iri in ontology.subjects(RDF.type, kind):
            name = str(iri)[len(PK):] if isinstance(iri, URIRef) and iri.startswith(PK) else ""
            if name and name not in terms:
                terms[name] = {"@id": f"pk:{name}", "@type": "@id"} if takes_iris else f"pk:{name}"
    return dict(sorted(terms.items()))


def jsonld(triples: Iterable[tuple[Node, Node, Node]], ctx: dict) -> dict:
    """A compacted JSON-LD document of `triples` under the context `ctx` (see the module doc)."""
    coerced = {term for term, definition in ctx.items()
               if isinstance(definition, dict) and definition.get("@type") == "@id"}
    names = {_expand(definition, ctx): term for term, definition in ctx.items()
             if not _is_prefix(term, definition)}
    outgoing: dict[Node, list] = defaultdict(list)
    references: Counter = Counter()
    owners: dict[Node, tuple[Node, Node]] = {}
    for s, p, o in triples:
        outgoing[s].append((p, o))
        if not isinstance(o, Literal):
            references[o] += 1
            owners[o] = (s, p)
    lists = _list_cells(outgoing, references)
    inline = {n for n in outgoing if references[n] == 1 and facts.is_part(*owners[n], n)} - lists
    placed: set[Node] = set()

    def name(iri: Node) -> str:
        return f"_:{iri}" if isinstance(iri, BNode) else compact(str(iri)) or str(iri)

    def value(term: Node, key: str) -> object:
        if isinstance(term, Literal):
            return _literal(term, name, bare_strings=key not in coerced)
        if term in lists:
            return {"@list": [value(item, key) for item in _items(term, outgoing)]}
        if term == RDF.nil:
            return {"@list": []}
        if term in inline and term not in placed:
            placed.add(term)
            return node(term, with_id=isinstance(term, URIRef))
        return name(term) if key in coerced else {"@id": name(term)}

    def node(subject: Node, with_id: bool = True) -> dict:
        body: dict = {"@id": name(subject)} if with_id else {}
        values: dict[str, list] = defaultdict(list)
        for p, o in outgoing[subject]:
            if p == RDF.type and not isinstance(o, Literal):
                values["@type"].append(names.get(o) or name(o))
            else:
                key = names.get(p) or name(p)
                values[key].append(value(o, key))
        for key, items in values.items():
            items = sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
            body[key] = items[0] if len(items) == 1 else items
        return body

    top = [node(s) for s in outgoing if s not in inline and s not in lists]
    top += [node(s) for s in outgoing if s in inline and s not in placed]  # cycles of blank nodes
    top.sort(key=lambda n: n["@id"])
    return {"@context": ctx, "@graph": top}


def _literal(term: Literal, name, bare_strings: bool) -> object:
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is None or term.datatype == XSD.string:
        return str(term) if bare_strings else {"@value": str(term)}
    if bare_strings and term.datatype == XSD.integer and _INTEGER.fullmatch(term):
        return int(term)
    if bare_strings and term.datatype == XSD.boolean and str(term) in ("true", "false"):
        return str(term) == "true"
    return {"@value": str(term), "@type": name(term.datatype)}


def _list_cells(outgoing: dict, references: Counter) -> set[Node]:
    """The blank nodes of well-formed rdf:Lists (each cell used once, ending in rdf:nil): a list is
    written as JSON-LD @list where its head is used, and its cells are never written as nodes."""
    def cell(n: Node) -> bool:
        return (isinstance(n, BNode) and references[n] == 1
                and sorted(p for p, _ in outgoing.get(n, ())) == [RDF.first, RDF.rest])

    cells: set[Node] = set()
    for start in outgoing:
        chain, node = [], start
        while cell(node) and node not in chain:
            chain.append(node)
            node = dict(outgoing[node])[RDF.rest]
        if node == RDF.nil:
            cells.update(chain)
    return cells


def _items(head: Node, outgoing: dict) -> Iterator[Node]:
    node = head
    while node != RDF.nil:
        cell = dict(outgoing[node])
        yield cell[RDF.first]
        node = cell[RDF.rest]


def _expand(definition: object, ctx: dict) -> URIRef:
    curie = definition["@id"] if isinstance(definition, dict) else definition
    prefix, _, local = curie.partition(":")
    return URIRef(ctx[prefix] + local)


def _is_prefix(term: str, definition: object) -> bool:
    return isinstance(definition, str) and definition.endswith(("#", "/"))
