"""Reasoning: what the ontology's axioms add to the asserted graph, kept apart from it.

Two engines behind one interface, `infer` (the inferred triples only) and `reason` (what a user
asks of a reasoner: consistency, unsatisfiable classes, the members of every defined class):

- ``rl`` (the default): OWL 2 RL materialisation by `reasonable`, a Rust engine that needs no
  Java and closes the review's graph in a fraction of a second (owlrl takes seconds). It decides
  every defined class built from hasValue, someValuesFrom (nested, onto oneOf), intersectionOf,
  unionOf and sub-properties (one rule it lacks, cls-oo, is applied here first); it cannot decide
  classes that need a datatype restriction (pk:WaterResistantHeterostructure), which
  `Result.undecided` names.
- ``dl``: OWL 2 DL by HermiT (the jar shipped with owlready2), which also decides datatype
  restrictions. See `_hermit` for what it is given and why.

A defined class is a named class with owl:equivalentClass in the ontology. Inferred triples exclude
the tautologies every closure contains (owl:Thing, reflexive owl:sameAs / subClassOf, ...) and the
internals of class expressions, so what is left is what a reader would call "derived".
"""

import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from perovskite_kg.errors import CheckFailed, InputError
from perovskite_kg.namespaces import OWL, RDF, RDFS, XSD, curie

ENGINES = ("rl", "dl")

JAVA_TIMEOUT_SECONDS = 300
"""HermiT is stopped after this long; it classifies the review's graph in a few seconds."""
JAVA_HEAP = "2g"
"""The Java heap cap (-Xmx) for HermiT."""

_DATATYPE_RESTRICTION = (OWL.onDatatype, OWL.withRestrictions)
# Equality-generating axioms. Our ontology uses functional properties as constraints, never to
# identify individuals; given to an RL engine they make two clashing values owl:sameAs, and that
# equality then spreads the clash to every node sharing either value. `conflicts` checks them.
_EQUALITY_AXIOMS = (OWL.FunctionalProperty, OWL.InverseFunctionalProperty)
_TAUTOLOGICAL_TYPES = {OWL.Thing, RDFS.Resource}
_REFLEXIVE = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf,
              RDFS.subPropertyOf}
_STRUCTURAL_NAMESPACES = (str(OWL), str(RDF), str(XSD))
# The datatypes of the OWL 2 datatype map (OWL 2 Structural Specification, section 4); HermiT
# refuses literals of any other datatype, such as xsd:gYear and xsd:date.
_OWL2_DATATYPES = {RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real,
                   OWL.rational} | {XSD[name] for name in (
    "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long "
    "int short byte unsignedLong unsignedInt unsignedShort unsignedByte double float string "
    "normalizedString token language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI "
    "dateTime dateTimeStamp").split()}
_ANNOTATION_BUILTINS = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo,
                        OWL.priorVersion, OWL.backwardCompatibleWith, OWL.incompatibleWith,
                        OWL.deprecated}
_HERMIT_AXIOM = re.compile(r"^(SubClassOf|EquivalentClasses|Type)\( ((?:<[^>]+>\s*)+)\)$",
                           re.MULTILINE)


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


def infer(asserted: Graph, engine: str = "rl") -> Graph:
    """The triples `engine` derives from `asserted` that `asserted` does not state.

    Raises `Inconsistent` when the `dl` engine finds the graph inconsistent (an inconsistent graph
    entails everything, so there is nothing useful to return); `rl` never raises for that, and
    `analyse` reports its clashes.
    """
    check_engine(engine)
    return _rl(asserted) if engine == "rl" else _hermit(asserted)


def check_engine(engine: str) -> None:
    """Refuse an unknown engine name with one line (exit code 2)."""
    if engine not in ENGINES:
        raise InputError(f"unknown reasoner {engine!r} (expected one of {', '.join(ENGINES)})")


def reason(asserted: Graph, engine: str = "rl") -> Result:
    """Reason over `asserted` with `engine` and analyse the outcome (see `Result`)."""
    try:
        inferred = infer(asserted, engine)
    except Inconsistent as err:
        return Result(engine, Graph(), consistent=False, conflicts=err.conflicts)
    return analyse(asserted, inferred, engine)


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


def report(result: Result, ontology: Graph | None = None) -> str:
    """`result` as text for people: consistency and its clashes, unsatisfiable classes, the
    inferred-triple count, and each defined class (with its label from `ontology`) and members."""
    name = {"rl": "OWL 2 RL, reasonable", "dl": "OWL 2 DL, HermiT"}[result.engine]
    lines = [f"reasoner: {result.engine} ({name})"]
    if result.consistent:
        lines.append("consistent: yes")
    else:
        count = len(result.conflicts)
        lines.append(f"consistent: NO ({count} clash{'es' if count != 1 else ''})")
        lines += [f"  {short(c.individual)}: {c.detail}  [axiom: {c.axiom}]"
                  for c in result.conflicts]
        if not result.conflicts:
            lines.append("  no clash of disjoint classes, functional properties or owl:Nothing "
                         "explains it: look at the ontology's other axioms")
        return "\n".join(lines)
    lines.append("unsatisfiable classes: "
                 + (", ".join(short(c) for c in result.unsatisfiable) or "none"))
    lines.append(f"inferred triples: {len(result.inferred)} (kept apart from the asserted ones)")
    lines.append("defined classes:")
    for cls, members in result.members.items():
        label = ontology.value(cls, RDFS.label) if ontology is not None else None
        title = f"  {short(cls)}" + (f" ({label})" if label else "")
        if cls in result.undecided:
            lines.append(f"{title}: not decided by {result.engine} (datatype restriction); "
                         "use --reasoner dl")
            continue
        lines.append(f"{title}: {len(members)}")
        lines += [f"      {short(m)}" for m in members]
    return "\n".join(lines)


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
        above = _reachable(cls, supers) | {cls}
        if OWL.Nothing in above or any((a, b) in disjoint for a in above for b in above):
            yield cls


# ------------------------------------------------------------------------------------ OWL 2 RL
def _rl(asserted: Graph) -> Graph:
    """OWL 2 RL closure by `reasonable`, minus what `asserted` states and the tautologies.

    `reasonable` rewrites literals on the way out ("x" comes back as "x"^^xsd:string, a different
    rdflib term), so every literal is swapped for a placeholder IRI on the way in and back on the
    way out: the closure never invents literals, so nothing is lost.
    """
    import reasonable

    literals: dict[Literal, URIRef] = {}
    placeholders: dict[URIRef, Literal] = {}

    def encode(term: Node) -> Node:
        if not isinstance(term, Literal):
            return term
        if term not in literals:
            literals[term] = URIRef(f"urn:x-perovskite-kg:literal:{len(literals)}")
            placeholders[literals[term]] = term
        return literals[term]

    given = Graph()
    for s, p, o in _reasoning_input(asserted):
        if not (p == RDF.type and o in _EQUALITY_AXIOMS):
            given.add((s, p, encode(o)))
    for triple in _rules_reasonable_lacks(asserted):
        given.add(triple)
    reasoner = reasonable.PyReasoner()
    try:
        reasoner.from_graph(given)
        closure = reasoner.reason()
    except BaseException as err:  # a Rust panic (pyo3 PanicException) derives from BaseException
        if isinstance(err, (KeyboardInterrupt, SystemExit)):
            raise
        raise InputError(f"the OWL 2 RL reasoner failed: {' '.join(str(err).split())}") from err
    structural = _structural_nodes(asserted)
    inferred = Graph()
    for s, p, o in closure:
        if s in placeholders:
            continue
        triple = (s, p, placeholders.get(o, o))
        if triple not in asserted and not _trivial(triple, structural):
            inferred.add(triple)
    return inferred


def _rules_reasonable_lacks(asserted: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """OWL 2 RL rule cls-oo, which `reasonable` does not apply: every item of an owl:oneOf is a
    member of the enumeration. pk:TypeIIHeterojunction needs it (someValuesFrom {TypeII,
    QuasiTypeII}); the tests check every other construct our defined classes use against HermiT."""
    for enumeration, items in asserted.subject_objects(OWL.oneOf):
        for item in asserted.items(items):
            yield item, RDF.type, enumeration


def _reasoning_input(asserted: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """The asserted triples a reasoner may see: never owl:imports (nothing is fetched)."""
    return (t for t in asserted if t[1] != OWL.imports)


def _trivial(triple: tuple[Node, Node, Node], structural: set[Node]) -> bool:
    """A triple every closure contains, or one about the internals of a class expression or list."""
    s, p, o = triple
    return (
        (p == RDF.type and o in _TAUTOLOGICAL_TYPES)
        or (p in _REFLEXIVE and s == o)
        or (p == RDFS.subClassOf and (o == OWL.Thing or s == OWL.Nothing))
        or (p == RDFS.subPropertyOf and o in (OWL.topObjectProperty, OWL.topDataProperty))
        or s in structural
        or o in structural
    )


def _structural_nodes(graph: Graph) -> set[Node]:
    """Blank nodes that build class expressions, axioms and lists: subjects of OWL, RDF or XSD
    terms (owl:onProperty, owl:intersectionOf, owl:members, rdf:first, xsd:minInclusive, ...)."""
    return {
        s for s, p, _ in graph
        if isinstance(s, BNode) and p != RDF.type and str(p).startswith(_STRUCTURAL_NAMESPACES)
    }


# ------------------------------------------------------------------------------------ OWL 2 DL
def _hermit(asserted: Graph) -> Graph:
    """OWL 2 DL classification and realisation by HermiT, as inferred triples.

    HermiT is given only what reasoning needs: the logical axioms and facts, without annotations
    (labels, quotes in annotation properties, bibo:authorList and its rdf:Lists), without literals
    whose datatype is outside the OWL 2 datatype map (xsd:gYear, xsd:date: HermiT refuses them) and
    without owl:imports. IRIs containing "genid" are renamed on the way in and back on the way
    out: the OWL API inside HermiT takes them for blank nodes (pk:ChalcogenCompoundSemiconductor).

    It is run through its command line, as owlready2's `sync_reasoner_hermit` does, but directly,
    so that it gets a timeout and a heap cap and its Java errors become one-line messages.
    """
    java = shutil.which("java")
    if java is None:
        raise InputError("the dl reasoner needs Java, and `java` is not on PATH: install a JRE "
                         "(e.g. apt-get install default-jre-headless) or use --reasoner rl")
    from owlready2.reasoning import _HERMIT_CLASSPATH

    aliases: dict[URIRef, URIRef] = {}
    given = Graph()
    for triple in _dl_input(asserted):
        given.add(tuple(_alias(term, aliases) for term in triple))
    originals = {alias: iri for iri, alias in aliases.items()}
    with tempfile.TemporaryDirectory(prefix="perovskite-kg-hermit-") as folder:
        source = Path(folder) / "input.nt"
        given.serialize(source, format="nt", encoding="utf-8")
        command = [java, f"-Xmx{JAVA_HEAP}", "-cp", _HERMIT_CLASSPATH,
                   "org.semanticweb.HermiT.cli.CommandLine", "-c", "-I", source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=JAVA_TIMEOUT_SECONDS, env=_java_environment())
        except subprocess.TimeoutExpired as err:
            raise InputError(f"HermiT did not finish within {JAVA_TIMEOUT_SECONDS} s") from err
    if done.returncode != 0:
        if "InconsistentOntologyException" in done.stderr + done.stdout:
            raise Inconsistent("dl", tuple(conflicts((asserted, _rl(asserted)))))
        raise InputError(f"HermiT failed: {_java_error(done.stderr + done.stdout)}")
    return _hermit_triples(done.stdout, originals, asserted)


def _dl_input(asserted: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """The triples HermiT is given (see `_hermit`)."""
    annotation = _ANNOTATION_BUILTINS | set(asserted.subjects(RDF.type, OWL.AnnotationProperty))
    kept = [
        (s, p, o) for s, p, o in _reasoning_input(asserted)
        if p not in annotation and p not in (RDF.first, RDF.rest)
        and not (isinstance(o, Literal) and o.datatype and o.datatype not in _OWL2_DATATYPES)
    ]
    # rdf:Lists survive only where a kept triple still points at them (owl:intersectionOf, ...).
    lists = {o for _, p, o in kept if isinstance(o, BNode)}
    for head in lists:
        node = head
        while (node, RDF.first, None) in asserted:
            kept += [(node, p, o) for p in (RDF.first, RDF.rest) for o in asserted.objects(node, p)]
            node = asserted.value(node, RDF.rest)
    return iter(kept)


def _alias(term: Node, aliases: dict[URIRef, URIRef]) -> Node:
    if isinstance(term, URIRef) and "genid" in term:
        aliases.setdefault(term, URIRef(f"urn:x-perovskite-kg:iri:{len(aliases)}"))
        return aliases[term]
    return term


def _java_environment() -> dict[str, str]:
    """The environment without JAVA_TOOL_OPTIONS-style variables that could change the heap cap."""
    return {k: v for k, v in os.environ.items() if k not in ("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
                                                            "JDK_JAVA_OPTIONS")}


def _java_error(output: str) -> str:
    """The first line that names a Java exception, without the stack trace."""
    for line in output.splitlines():
        if "Exception" in line or "Error" in line:
            return line.removeprefix('Exception in thread "main" ').strip()
    return output.strip().splitlines()[0] if output.strip() else "no output"


def _hermit_triples(output: str, originals: dict[URIRef, URIRef], asserted: Graph) -> Graph:
    """HermiT's class hierarchy and direct types, closed upwards, as triples not yet asserted."""
    supers: dict[URIRef, set[URIRef]] = defaultdict(set)
    types: dict[URIRef, set[URIRef]] = defaultdict(set)
    for relation, terms in _HERMIT_AXIOM.findall(output):
        iris = [originals.get(URIRef(t), URIRef(t)) for t in re.findall(r"<([^>]+)>", terms)]
        if relation == "SubClassOf":
            supers[iris[0]].add(iris[1])
        elif relation == "EquivalentClasses":
            for a in iris:
                supers[a] |= set(iris) - {a}
        else:
            types[iris[0]].add(iris[1])
    inferred = Graph()
    for cls in list(supers):
        for above in _reachable(cls, supers):
            if above == OWL.Nothing:
                inferred.add((cls, OWL.equivalentClass, OWL.Nothing))
            elif above != cls:
                inferred.add((cls, RDFS.subClassOf, above))
    for individual, direct in types.items():
        for cls in direct:
            for above in {cls} | _reachable(cls, supers):
                inferred.add((individual, RDF.type, above))
    return _without_trivial(inferred, asserted)


def _without_trivial(inferred: Graph, asserted: Graph) -> Graph:
    kept = Graph()
    for triple in inferred:
        if triple not in asserted and not _trivial(triple, set()):
            kept.add(triple)
    return kept


# ------------------------------------------------------------------------------------- helpers
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


def _reachable(start: Node, edges: dict) -> set:
    """Everything reachable from `start` along `edges` (a node -> successors map), not `start`
    itself unless it lies on a cycle."""
    seen, todo = set(), list(edges.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    return seen


def _key(term: Node) -> str:
    """A total order over mixed terms (rdflib cannot compare some literals), for stable output."""
    return term.n3()


def _keys(pair: tuple[Node, Node]) -> tuple[str, str]:
    return _key(pair[0]), _key(pair[1])


def _mark(asserted: Graph, s: Node, p: Node, o: Node) -> str:
    return short(o) + ("" if (s, p, o) in asserted else " (inferred)")


def short(term: Node) -> str:
    """A term as a reader writes it: prefixed name, literal, or _:blank."""
    return curie(str(term)) if isinstance(term, URIRef) else term.n3()
