"""Reasoning after papers were added: only the part of the graph the new facts can reach.

When today's input files are an earlier cache entry's (same ontology, same code, every fact file
unchanged) plus new fact files, the earlier closure is kept and only a neighbourhood of the new
facts is reasoned again, with the ontology: the new files' triples, and every triple of the
earlier closure (asserted or inferred, read from its on-disk store) that describes a node the new
or newly inferred triples mention, or that points at a node they describe. The neighbourhood grows
by the nodes each round's new inferences mention until a round finds nothing new.

Why that is the whole answer: the earlier closure is closed, so every new inference uses at least
one new triple; the OWL 2 RL rules our reasoner applies join their data premises on a shared node
(cls-svf1 on the filler, cls-int1 and the domain rules on the subject, ...), and for each such
join the other premise either describes that node or, for a node that is the subject of a new
triple, points at it. The only rules that join two triples through a shared object (prp-ifp,
prp-key) are never applied: inverse-functional properties are not given to the reasoner
(`reason.rl`), and an ontology with owl:hasKey, or a graph stating owl:sameAs, is reasoned whole.
Tests compare the result with whole-graph reasoning, triple for triple.
"""

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from perovskite_kg import reason
from perovskite_kg.namespaces import OWL, RDF, RDFS, XSD
from perovskite_kg.project import cache, load, paths, store, terms

_VOCABULARIES = (str(OWL), str(RDF), str(RDFS), str(XSD))


class Extension:
    """What the new fact files add to the entry they extend: its folder and store, the names and
    triples of the new files, the ontology, and the new inferences with the context they were
    reasoned in (the earlier description of every node the new triples reach)."""

    def __init__(self, place: Path, before: ox.Store, added: list[str], new: Graph,
                 ontology: Graph, fresh: set, context: Graph) -> None:
        self.place, self.before, self.added, self.new = place, before, added, new
        self.ontology, self.fresh, self.context = ontology, fresh, context


def extension(root: Path) -> Extension | None:
    """The new facts' inferences over the entry today's extends (`cache.previous`); None when
    there is none, or when this method does not apply (the whole graph is then reasoned)."""
    found = cache.previous(root, reason.DEFAULT)
    if found is None:
        return None
    place, added = found
    before = store.opened_entry(place)
    if before is None:
        return None
    ontology = load.union(load.load_files(paths.ontology_files(root)))
    new = load.union(load.load_files(root / name for name in added))
    if ((None, OWL.hasKey, None) in ontology or (None, OWL.sameAs, None) in new
            or next(before.quads_for_pattern(None, ox.NamedNode(str(OWL.sameAs)), None),
                    None) is not None):
        return None
    schema = set(ontology.subjects()) | set(ontology.objects())
    closed = _closure(before, ontology, new, schema)
    if closed is None:
        return None
    return Extension(place, before, added, new, ontology, *closed)


def inferred(root: Path, stated: Graph) -> Graph | None:
    """What OWL 2 RL infers from `stated` (today's asserted graph), computed from the entry
    today's extends (`extension`); None when that does not apply."""
    found = extension(root)
    kept = None if found is None else cache.verified(
        found.place / cache.inferred_name(reason.DEFAULT))
    if kept is None:
        return None
    result = Graph()
    for triple in terms.from_oxigraph(kept[1]):
        if triple not in stated:
            result.add(triple)
    for triple in found.fresh:
        if triple not in stated:
            result.add(triple)
    return result


def _closure(before: ox.Store, ontology: Graph, new: Graph,
             schema: set) -> tuple[set, Graph] | None:
    """The triples the reasoner derives from the new facts' neighbourhood that the earlier
    closure does not hold, and that neighbourhood; None if one of them has a blank node (it
    would not keep its label in the whole graph) or is an owl:sameAs (whose rules join every
    triple of both nodes)."""
    context = Graph()
    for triple in (*ontology, *new):
        context.add(triple)
    described: set[Node] = set()   # nodes whose earlier description is in the context
    pointed: set[Node] = set()     # nodes whose earlier incoming triples are in the context
    fresh: set = set()
    changed, rounds = list(new), 0
    while changed:
        size = len(context)
        for s, _, o in changed:
            for node in (s, o):
                if _resource(node) and node not in schema and node not in described:
                    described.add(node)
                    _add(context, before.quads_for_pattern(terms.oxigraph_term(node), None, None))
            # The subject's incoming triples even for a named individual of the ontology: facts
            # point at it, and a new inference about it can join them.
            if _resource(s) and s not in pointed:
                pointed.add(s)
                _add(context, before.quads_for_pattern(None, None, terms.oxigraph_term(s)))
        if rounds and len(context) == size:
            break  # the last round closed this very context: nothing more can follow
        derived = reason.infer(context, reason.DEFAULT)
        changed = [t for t in derived if t not in fresh and not _held(before, t)]
        if any(isinstance(term, BNode) for t in changed for term in t) or any(
                p == OWL.sameAs for _, p, _ in changed):
            return None
        fresh.update(changed)
        rounds += 1
    return fresh, context

def _resource(node: Node) -> bool:
    """Not a literal and not a term of RDF, RDFS, OWL or XSD: a node whose earlier triples may
    matter (a node the ontology describes has its description in the context already)."""
    return not isinstance(node, Literal) and not str(node).startswith(_VOCABULARIES)


def _add(context: Graph, quads) -> None:
    for triple in terms.from_oxigraph(quads):
        context.add(triple)


def _held(before: ox.Store, triple) -> bool:
    s, p, o = (terms.oxigraph_term(term) for term in triple)
    return next(before.quads_for_pattern(s, p, o), None) is not None
