"""What a user asks of a reasoner: consistency, unsatisfiable classes, defined-class members.

A defined class is a named class with owl:equivalentClass in the ontology. `analyse` takes the
asserted graph and the triples an engine inferred, and locates every clash by individual and axiom.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from perovskite_kg.errors import CheckFailed
from perovskite_kg.namespaces import OWL, RDF, RDFS, short
from perovskite_kg.reason.triples import reachable

_DATATYPE_RESTRICTION = (OWL.onDatatype, OWL.withRestrictions)


@dataclass(frozen=True)
class Conflict:
    """One clash that makes the graph inconsistent: who clashes, and with which axiom."""

    individual: Node
    axiom: str
    detail: str


@dataclass(frozen=True)
class Result:
    """What reasoning found. `members` maps every defined class to its named members, sorted."""

    engine: str
    inferred: Graph
    consistent: bool
    conflicts: tuple[Conflict, ...] = ()
    unsatisfiable: tuple[URIRef, ...] = ()
    members: dict[URIRef, tuple[URIRef, ...]] = field(default_factory=dict)
    undecided: tuple[URIRef, ...] = ()
    """Defined classes this engine cannot decide (for `rl`: those needing datatype restrictions)."""

    @property
    def passed(self) -> bool:
        """Consistent, and every named class can have members."""
        return self.consistent and not self.unsatisfiable


class Inconsistent(CheckFailed):
    """The graph is inconsistent; `conflicts` names the individuals and axioms involved."""

    def __init__(self, engine: str, conflicts: tuple[Conflict, ...]) -> None:
        self.conflicts = conflicts
        who = ", ".join(sorted({short(c.individual) for c in conflicts})) or "not located"
        super().__init__(f"the graph is inconsistent ({engine} reasoner); individuals: {who}")


def analyse(asserted: Graph, inferred: Graph, engine: str) -> Result:
    """Consistency, unsatisfiable classes and defined-class members of `asserted` + `inferred`."""
    graphs = (asserted, inferred)
    found = tuple(conflicts(graphs))
    members = {
        cls: tuple(sorted(m for m in _subjects(graphs, RDF.type, cls) if isinstance(m, URIRef)))
        for cls in defined_classes(asserted)
    }
    undecided = tuple(c for c in defined_classes(asserted)
                      if engine == "rl" and not rl_decidable(asserted, c))
    return Result(engine, inferred, consistent=not found, conflicts=found,
                  unsatisfiable=tuple(unsatisfiable(graphs)), members=members, undecided=undecided)


def defined_classes(ontology: Graph) -> list[URIRef]:
    """Named classes with owl:equivalentClass: their members are decided by reasoning."""
    named = {c for c in ontology.subjects(OWL.equivalentClass, None) if isinstance(c, URIRef)}
    return sorted(named)


def rl_decidable(ontology: Graph, cls: URIRef) -> bool:
    """Whether OWL 2 RL decides membership of `cls`: no datatype restriction in its definition."""
    for expression in ontology.objects(cls, OWL.equivalentClass):
        for node in _expression_nodes(ontology, expression):
            if any((node, p, None) in ontology for p in _DATATYPE_RESTRICTION):
                return False
    return True


def conflicts(graphs: Iterable[Graph]) -> Iterator[Conflict]:
    """The clashes in a closed graph that make it inconsistent, each named by individual and axiom.

    Checks the axioms our ontology can break: owl:disjointWith and owl:AllDisjointClasses (an
    individual in two disjoint classes), functional properties (two values declared different, by
    owl:AllDifferent or owl:differentFrom, or two different literals), and owl:Nothing. Values are
    marked "(inferred)" when only the reasoner states them, so a reader finds the asserted cause.
    """
    graphs = tuple(graphs)
    asserted = graphs[0]
    disjoint = _disjoint_pairs(graphs)
    for first, second in sorted(disjoint, key=_keys):
        if _key(first) > _key(second):
            continue
        for individual in sorted(set(_subjects(graphs, RDF.type, first))
                                 & set(_subjects(graphs, RDF.type, second)), key=_key):
            yield Conflict(
                individual,
                disjoint[first, second],
                f"typed both {_mark(asserted, individual, RDF.type, first)} and "
                f"{_mark(asserted, individual, RDF.type, second)}",
            )
    different = _declared_different(graphs)
    for prop in sorted(set(_subjects(graphs, RDF.type, OWL.FunctionalProperty)), key=_key):
        values = defaultdict(set)
        for graph in graphs:
            for s, o in graph.subject_objects(prop):
                values[s].add(o)
        for individual in sorted(values, key=_key):
            objects = sorted(values[individual], key=_key)
            for i, a in enumerate(objects):
                for b in objects[i + 1:]:
                    if not _differ(a, b, different):
                        continue
                    yield Conflict(
                        individual,
                        f"{short(prop)} a owl:FunctionalProperty",
                        f"two values: {_mark(asserted, individual, prop, a)} and "
                        f"{_mark(asserted, individual, prop, b)}",
                    )
    for individual in sorted(set(_subjects(graphs, RDF.type, OWL.Nothing)), key=_key):
        yield Conflict(individual, "owl:Nothing has no members", "typed owl:Nothing")


def unsatisfiable(graphs: Iterable[Graph]) -> Iterator[URIRef]:
    """Named classes that can have no member: below owl:Nothing, or below two disjoint classes."""
    graphs = tuple(graphs)
    supers = defaultdict(set)
    for graph in graphs:
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            supers[sub].add(sup)
        for a, b in graph.subject_objects(OWL.equivalentClass):
            supers[a].add(b)
            supers[b].add(a)
    disjoint = _disjoint_pairs(graphs)
    for cls in sorted((c for c in supers if isinstance(c, URIRef) and c != OWL.Nothing), key=_key):
        above = reachable(cls, supers) | {cls}
        if OWL.Nothing in above or any((a, b) in disjoint for a in above for b in above):
            yield cls


def _expression_nodes(graph: Graph, start: Node) -> set[Node]:
    """Every blank node reachable from a class expression (its restrictions, lists, fillers)."""
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node in seen or not isinstance(node, BNode):
            continue
        seen.add(node)
        todo.extend(graph.objects(node, None))
    return seen


def _subjects(graphs: Iterable[Graph], predicate: Node, obj: Node) -> Iterator[Node]:
    for graph in graphs:
        yield from graph.subjects(predicate, obj)


def _disjoint_pairs(graphs: tuple[Graph, ...]) -> dict[tuple[Node, Node], str]:
    """Every ordered pair of classes declared disjoint, with the axiom that declares it."""
    pairs = {}
    for graph in graphs:
        for a, b in graph.subject_objects(OWL.disjointWith):
            pairs[a, b] = pairs[b, a] = f"{short(a)} owl:disjointWith {short(b)}"
        for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
            for members in graph.objects(axiom, OWL.members):
                classes = list(graph.items(members))
                text = f"owl:AllDisjointClasses ({' '.join(short(c) for c in classes)})"
                pairs |= {(a, b): text for a in classes for b in classes if a != b}
    return pairs


def _declared_different(graphs: tuple[Graph, ...]) -> set[tuple[Node, Node]]:
    pairs = set()
    for graph in graphs:
        for a, b in graph.subject_objects(OWL.differentFrom):
            pairs |= {(a, b), (b, a)}
        for axiom in graph.subjects(RDF.type, OWL.AllDifferent):
            for members in graph.objects(axiom, OWL.distinctMembers):
                items = list(graph.items(members))
                pairs |= {(a, b) for a in items for b in items if a != b}
    return pairs


def _differ(a: Node, b: Node, different: set[tuple[Node, Node]]) -> bool:
    """Whether two values of a functional property cannot be the same thing."""
    if isinstance(a, Literal) and isinstance(b, Literal):
        return not a.eq(b)
    return (a, b) in different


def _key(term: Node) -> str:
    """A total order over mixed terms (rdflib cannot compare some literals), for stable output."""
    return term.n3()


def _keys(pair: tuple[Node, Node]) -> tuple[str, str]:
    return _key(pair[0]), _key(pair[1])


def _mark(asserted: Graph, s: Node, p: Node, o: Node) -> str:
    return short(o) + ("" if (s, p, o) in asserted else " (inferred)")
