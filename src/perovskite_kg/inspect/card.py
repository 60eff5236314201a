"""`perovskite-kg describe NAME`: one resource and everything the graph says of it.

A card for people: the resource's label and classes, then each statement about it, the parts it
is made of (stability tests, routes, interfaces, applications, findings, quantities) opened in
place, each line ending with the reference the review cites for it and the place in the review
that states it, `[ref. 31; Table 1, row 8]`. Last come the general statements and editorial notes
that concern it: those linked to it, and those that name it. `--format ttl` gives instead its
bounded description (the resource's triples, and those of every part they reach: the blank nodes
and the facts `project/names.py` named from them) as sorted Turtle.
"""

import textwrap

import pyoxigraph as ox

from perovskite_kg import namespaces
from perovskite_kg.namespaces import ASSERTED_GRAPH, PK, PREFIX_IRIS, RDF, RDFS, SKOS
from perovskite_kg.project import names
from perovskite_kg.project.labels import Labels

ORDER = [str(p) for p in (
    PK.nameAsWritten, PK.hasCore, PK.hasShell, PK.hasInnerShell, PK.hasOuterShell,
    PK.hasArchitecture, PK.hasCoverage, PK.hasEncapsulationLevel, PK.hasInterface, PK.plPeak,
    PK.plqy, PK.hasStabilityTest, PK.hasSynthesisRoute, PK.hasApplication, PK.hasFigureOfMerit,
    PK.hasFinding)]
"""The order of a heterostructure's card, as a chemist reads it; other properties follow."""
LAST = [str(p) for p in (PK.quote, PK.description, SKOS.editorialNote)]
SOURCE = (str(PK.citesReference), str(PK.statedIn))
"""Shown at the end of each line, not as lines of their own."""
OPENED = {str(c) for c in (PK.StabilityTest, PK.SynthesisRoute, PK.SynthesisStep, PK.Interface,
                           PK.Application, PK.FigureOfMerit, PK.Finding)}
"""Named parts opened in place on the card of what they belong to."""
WIDTH = 100
RDF_TYPE = ox.NamedNode(str(RDF.type))
DEPTH = 4

_CONCERNING = """
SELECT DISTINCT ?node ?name ?other WHERE {
  { ?node ?link ?other . ?other a pk:GeneralStatement }
  UNION { ?other a pk:GeneralStatement ; skos:editorialNote ?note
          FILTER CONTAINS(?note, ?name) }
  UNION { ?node skos:editorialNote ?note . ?other a pk:GeneralStatement
          FILTER CONTAINS(?note, CONCAT("pkr:", STRAFTER(STR(?other), STR(pkr:)))) }
}"""


def card(store: ox.Store, labels: Labels, node: ox.NamedNode) -> str:
    """The card of `node`."""
    lines = [f"{labels.text(node)}  ({namespaces.curie(node.value)})"
             + _source(store, labels, node)]
    types = sorted({labels.text(q.object) for q in store.quads_for_pattern(node, RDF_TYPE, None)
                    if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(str(PK))})
    if types:
        lines.append(_wrap("is a: " + ", ".join(types), 1))
    lines += _statements(store, labels, node, 1, {node.value})
    concerning = _concerning(store, node)
    if concerning:
        lines += ["", "general statements that concern it:"]
        for other in concerning:
            lines.append(_wrap(labels.text(other) + _source(store, labels, other), 1))
            lines += _statements(store, labels, other, 2, {other.value}, only=LAST)
    return "\n".join(lines) + "\n"


def bounded(store: ox.Store, node: ox.NamedNode) -> str:
    """The bounded description of `node` in the asserted graph (its triples and its parts'), as
    sorted Turtle."""
    asserted = ox.NamedNode(str(ASSERTED_GRAPH))
    triples, todo, seen = set(), [node], set()
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for quad in store.quads_for_pattern(subject, None, None, asserted):
            triples.add(ox.Triple(quad.subject, quad.predicate, quad.object))
            if names.is_part(quad.subject, quad.predicate, quad.object):
                todo.append(quad.object)
    ordered = sorted(triples, key=lambda t: (not isinstance(t.subject, ox.NamedNode),
                                             str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS).decode()



def _statements(store, labels, node, depth, seen, only=None) -> list[str]:
    """The lines for every statement about `node` (its sources excepted), parts opened."""
    by_predicate: dict[str, set] = {}
    for quad in store.quads_for_pattern(node, None, None, ox.NamedNode(str(ASSERTED_GRAPH))):
        predicate = quad.predicate.value
        if predicate in (*SOURCE, str(RDF.type), str(RDFS.label)):
            continue
        if only is not None and predicate not in only:
            continue
        by_predicate.setdefault(predicate, set()).add(quad.object)
    lines = []
    for predicate in sorted(by_predicate, key=lambda p: _rank(p, labels)):
        name = _name(predicate, labels)
        for value in sorted(by_predicate[predicate], key=labels.text):
            part = names.is_part(node, predicate, value)
            opened = depth < DEPTH and value.value not in seen and (part or _opens(store, value))
            text = labels.text(value)
            if opened and part and labels.quantities.get(value):
                opened = False  # a quantity reads whole on one line
            lines.append(_wrap(f"{name}: {text if not opened or not part else ''}"
                               .rstrip() + _source(store, labels, value), depth))
            if opened:
                lines += _statements(store, labels, value, depth + 1, seen | {value.value})
    return lines


def _name(predicate: str, labels: Labels) -> str:
    """A property's label; for one without (skos:editorialNote), its local name in words."""
    if predicate in labels.names:
        return labels.names[predicate]
    local = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return "".join(f" {c.lower()}" if c.isupper() else c for c in local).strip()


def _opens(store, value) -> bool:
    """Whether a value that is not a part of the resource is still opened: a named test, route,
    finding, ... of the kinds in OPENED."""
    if not isinstance(value, ox.NamedNode):
        return False
    return any(q.object.value in OPENED for q in store.quads_for_pattern(value, RDF_TYPE, None))


def _source(store, labels, value) -> str:
    """`  [ref. N; place; place]` for a node that cites a work or is stated somewhere."""
    if isinstance(value, ox.Literal):
        return ""
    references, places = set(), set()
    for quad in store.quads_for_pattern(value, ox.NamedNode(SOURCE[0]), None):
        number = next(iter(store.quads_for_pattern(quad.object, ox.NamedNode(str(PK.referenceNumber)),
                                                   None)), None)
        references.add(f"ref. {number.object.value}" if number else labels.text(quad.object))
    for quad in store.quads_for_pattern(value, ox.NamedNode(SOURCE[1]), None):
        places.add(labels.text(quad.object))
    parts = sorted(references, key=_numeric) + sorted(places)
    return f"  [{'; '.join(parts)}]" if parts else ""


def _concerning(store, node) -> list[ox.NamedNode]:
    found = store.query(_CONCERNING, prefixes=PREFIX_IRIS, use_default_graph_as_union=True,
                        substitutions={ox.Variable("node"): node,
                                       ox.Variable("name"): ox.Literal(namespaces.curie(node.value))})
    return sorted({row["other"] for row in found if isinstance(row["other"], ox.NamedNode)},
                  key=lambda n: n.value)


def _rank(predicate: str, labels: Labels) -> tuple:
    if predicate in ORDER:
        return (0, ORDER.index(predicate), "")
    if predicate in LAST:
        return (2, LAST.index(predicate), "")
    return (1, 0, labels.text(ox.NamedNode(predicate)))


def _numeric(reference: str) -> tuple:
    number = reference.removeprefix("ref. ")
    return (0, int(number), "") if number.isdigit() else (1, 0, reference)


def _wrap(text: str, depth: int) -> str:
    indent = "  " * depth
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "    ")
