"""Validating the shipped graph one file unit at a time, each unit's report cached by content.

One new paper should cost the validation of that paper, not of the whole literature. The fact
files are split into units and each unit is given to pySHACL with the ontology and the companions
(`shapes.COMPANIONS`); the per-unit reports are merged into the one report `shapes.check` gives
for the whole graph (tests/validate/test_incremental.py proves it, byte for byte in every format).

Why a unit sees everything its shapes read:
- files are one unit when one names a resource the other describes (as a subject), or both
  describe it: a stability test and the heterostructure that has it, a route and its owner, are
  validated together, so inverse paths (`^pk:hasStabilityTest`) and SPARQL joins stay inside;
- the companions are a unit of their own, given also the triples of other files that describe a
  companion resource, or point at one through a predicate a shape follows backwards
  (`inward_predicates`: sh:targetObjectsOf, sh:inversePath, the IRIs of SPARQL targets and
  constraints), so such a shape sees a companion node as in the whole graph (for paths that
  step backwards once; no shape steps back twice);
- each result is kept by the one unit that owns its focus node: the unit whose files describe it;
  the companions' unit for companion and ontology nodes; for a node no file describes (a literal,
  an IRI only pointed at), the first unit that names it.

A unit's report is kept in `<cache folder>/validation/<key>.nt`, the key a SHA-256 over the
validation code (and `project/names.py`, which names the facts the reports speak of), the shapes, the ontology, the companions and the unit's own files (paths and
bytes; for the companions' unit, the triples of other files it is given): changing one fact
file re-validates its own unit, and the companions' unit only when it changes what that is given. Blank nodes are labelled per file from a digest of the
file, so a cached report names the same nodes when the files are read again. Units that miss the
cache run in parallel (two processes), except inside a worker process (in `build`); when no unit
is cached and one unit holds half the facts or more (the shipped graph), the whole graph is run
once and its report split by unit, which is faster there and fills the same cache entries.
"""

import contextlib
import hashlib
import re
import multiprocessing
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.term import Node

from perovskite_kg import __version__, namespaces
from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import RDF, SH
from perovskite_kg.project import files, graphs, load, names, terms
from perovskite_kg.project.load import LoadedFile
from perovskite_kg.validate import shapes

FOLDER = "validation"
_PREFIXED = re.compile(r"\b([A-Za-z][\w-]*):([\w-]+)")
_IRI = re.compile(r"<([^<>\s]+)>")
_PARSER_LABEL = re.compile(r"n[0-9a-f]{32}b(\d+)")
WORKERS = 2

_todo: list = []
"""The units a worker process validates, inherited through fork."""


def validate(root: Path, workers: int = WORKERS,
             on_start: Callable[[], None] | None = None) -> shapes.Validation:
    """The validation of the shipped graph under `root`, equal to `shapes.validate(root)`.
    `on_start` runs in each worker process as it starts (the command passes
    `supervise.die_with_parent`, so killing it kills the workers too)."""
    inputs = labelled(shapes.read(root))
    return checked(root, inputs, plan(inputs), workers, on_start)


def checked(root: Path, inputs: shapes.Inputs, units: list["Unit"], workers: int = WORKERS,
            on_start: Callable[[], None] | None = None, whole: bool = True) -> shapes.Validation:
    """The merged validation of `units` of `inputs`, each report from the cache or computed;
    `whole` allows one run over every file of `inputs` when that is cheaper (not when a unit is
    given triples of files that `inputs` does not hold: `validate.added`)."""
    reports = _reports(root, inputs, units, workers, on_start, whole)
    merged = shapes.bound(Graph())
    for unit, report in zip(units, reports):
        merged += owned(report, unit)
    node = BNode()
    merged.add((node, RDF.type, SH.ValidationReport))
    for result in set(merged.objects(None, SH.result)):
        merged.add((node, SH.result, result))
    for old in set(merged.subjects(SH.result, None)) - {node}:
        merged.remove((old, SH.result, None))
    # The data are only looked up to show the results: a view of the files, not a copy.
    data = ReadOnlyGraphAggregate([f.graph for f in [*inputs.ontology, *inputs.shipped]])
    return shapes.finish(merged, inputs, data)


def owned(report: Graph, unit: "Unit") -> Graph:
    """The results of `report` whose focus node `unit` owns, with what describes them."""
    kept = Graph()
    for node, result in report.subject_objects(SH.result):
        if report.value(result, SH.focusNode) in unit.owned:
            kept.add((node, SH.result, result))
            shapes.copy_description(report, result, kept)
    return kept


def labelled(inputs: shapes.Inputs) -> shapes.Inputs:
    """`inputs` with the blank nodes of every file labelled from the file's bytes, so the same
    files always give the same labels (and a cached report names the nodes read again)."""
    def relabel(loaded: LoadedFile) -> LoadedFile:
        tag = hashlib.sha256(loaded.path.read_bytes()).hexdigest()[:12]
        blanks = {t for triple in loaded.graph for t in triple if isinstance(t, BNode)}
        # The Turtle parser numbers blank nodes in the order of the text, after a random prefix:
        # the number alone is then a label that the same bytes always give.
        numbered = {b: _PARSER_LABEL.fullmatch(b) for b in blanks}
        if all(numbered.values()):
            names = {b: BNode(f"{tag}b{m.group(1)}") for b, m in numbered.items()}
            triples = (tuple(names.get(t, t) for t in triple) for triple in loaded.graph)
        else:
            triples = (tuple(BNode(f"{tag}{t}") if isinstance(t, BNode) else t for t in triple)
                       for triple in terms.from_oxigraph(terms.canonical([loaded.graph])))
        graph = namespaces.bind(Graph())
        for triple in triples:
            graph.add(triple)
        return LoadedFile(loaded.path, graph)

    return shapes.Inputs(relabel(inputs.shapes), [relabel(f) for f in inputs.ontology],
                         [relabel(f) for f in inputs.shipped], [relabel(f) for f in inputs.curated])


class Unit:
    """Fact files validated together, the triples of other files they are given, and the focus
    nodes whose results they keep."""

    def __init__(self, members: list[LoadedFile], extra: Graph | None = None) -> None:
        self.members = members
        self.extra = extra
        self.owned: set[Node] = set()


def plan(inputs: shapes.Inputs) -> list[Unit]:
    """The companions' unit first, then the other files grouped as the module says."""
    companions = [f for f in inputs.shipped if f.path.name in shapes.COMPANIONS]
    others = [f for f in inputs.shipped if f.path.name not in shapes.COMPANIONS]
    described = {n for f in companions for n in f.graph.subjects()}
    kept = described | {n for f in inputs.ontology for n in f.graph.subjects()}
    describers: dict[Node, list[int]] = {}
    for index, loaded in enumerate(others):
        for subject in set(loaded.graph.subjects()) - described:
            describers.setdefault(subject, []).append(index)
    group = list(range(len(others)))

    def find(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    inward = inward_predicates(inputs.shapes.graph)
    extra = Graph()
    for index, loaded in enumerate(others):
        for triple in loaded.graph:
            for term in (triple[0], triple[2]):
                for other in describers.get(term, ()):
                    group[find(other)] = find(index)
            if triple[0] in described or (triple[2] in described and triple[1] in inward):
                extra.add(triple)
    units = [Unit(companions, extra)]
    by_root: dict[int, Unit] = {}
    for index, loaded in enumerate(others):
        by_root.setdefault(find(index), Unit([])).members.append(loaded)
    units += by_root.values()
    units[0].owned = set(kept)
    for unit in units[1:]:
        unit.owned = {s for f in unit.members for s in f.graph.subjects()} - kept
    everything = kept | {s for u in units for s in u.owned}
    for unit in units:
        for loaded in unit.members:
            for value in set(loaded.graph.objects()) - everything:
                unit.owned.add(value)
                everything.add(value)
    return units


def inward_predicates(rules: Graph) -> set[Node]:
    """The predicates through which a shape can reach a node from the triples pointing at it:
    those of sh:targetObjectsOf and sh:inversePath, and every IRI a SPARQL target or constraint
    names (read generously: any prefixed name of its sh:prefixes, any <IRI>)."""
    found = set(rules.objects(None, SH.targetObjectsOf)) | set(rules.objects(None, SH.inversePath))
    declared = {str(rules.value(d, SH.prefix)): str(rules.value(d, SH.namespace))
                for d in rules.subjects(SH.prefix, None)}
    for text in [*rules.objects(None, SH.select), *rules.objects(None, SH.ask)]:
        for prefix, local in _PREFIXED.findall(str(text)):
            if prefix in declared:
                found.add(URIRef(declared[prefix] + local))
        found |= {URIRef(iri) for iri in _IRI.findall(str(text))}
    return found


def code_files() -> list[Path]:
    """The code a unit's report depends on: the `validate` package, and `project/names.py`,
    which names the facts the reports speak of."""
    return [*sorted(Path(shapes.__file__).parent.glob("*.py")), Path(names.__file__)]


def key(inputs: shapes.Inputs, unit: Unit) -> str:
    """The cache key of `unit`: what its report depends on, as the module says."""
    digest = hashlib.sha256(__version__.encode())
    code = code_files()
    given = [inputs.shapes, *inputs.ontology, *unit.members, *_companions(inputs, unit)]
    for part in [*(p.read_bytes() for p in code), *(_named(f.path) for f in given)]:
        digest.update(hashlib.sha256(part).digest())
    if unit.extra is not None:
        # Canonical blank-node labels: the files' own labels change with their bytes (a comment
        # added to a fact file), the triples given to the unit do not.
        for triple in terms.canonical([unit.extra]):
            digest.update(str(triple).encode())
    return digest.hexdigest()[:32]


def _named(path: Path) -> bytes:
    return path.name.encode() + b"\0" + path.read_bytes()


def _reports(root: Path, inputs: shapes.Inputs, units: list[Unit], workers: int,
             on_start: Callable[[], None] | None, whole: bool) -> list[Graph]:
    """Each unit's report: from the cache, else computed (in parallel) and kept as it comes, so
    an interrupted run (a killed build of millions of triples) keeps what it computed."""
    folder = graphs.folder(root) / FOLDER
    keys = [key(inputs, unit) for unit in units]
    reports = [_read(folder / f"{k}.nt", _given(inputs, unit)) for k, unit in zip(keys, units)]
    missing = [i for i, report in enumerate(reports) if report is None]
    global _todo
    _todo = [(inputs, units[i]) for i in missing]
    with contextlib.ExitStack() as stack:
        if whole and _whole_is_cheaper(units, missing):
            report = _graph(_run_whole(inputs))
            computed = (list(terms.to_oxigraph(owned(report, units[i]))) for i in missing)
        elif workers > 1 and len(missing) > 1 and not multiprocessing.current_process().daemon:
            pool = stack.enter_context(multiprocessing.get_context("fork").Pool(
                min(workers, len(missing)), on_start))
            computed = pool.imap(_run, range(len(missing)))
        else:
            computed = map(_run, range(len(missing)))
        for i, triples in zip(missing, computed):
            _keep(folder / f"{keys[i]}.nt", triples)
            reports[i] = _graph(triples)
    _todo = []
    return reports


def _whole_is_cheaper(units: list[Unit], missing: list[int]) -> bool:
    """Whether to run every unit at once: when none is cached and one holds at least half of
    the fact triples, the unit runs would each repeat the ontology and the companions, and two
    processes could not share the work."""
    sizes = [sum(len(f.graph) for f in unit.members) for unit in units]
    return len(missing) == len(units) > 1 and max(sizes) * 2 >= sum(sizes)


def _run_whole(inputs: shapes.Inputs) -> list[ox.Triple]:
    """pySHACL over the whole graph once, as pyoxigraph triples."""
    data = load.union([*inputs.ontology, *inputs.shipped])
    return list(terms.to_oxigraph(shapes.run_pyshacl(data, inputs.shapes)))


def _run(index: int) -> list[ox.Triple]:
    """pySHACL over one unit (with the ontology and the companions), as pyoxigraph triples."""
    inputs, unit = _todo[index]
    data = load.union([*inputs.ontology, *_companions(inputs, unit), *unit.members])
    if unit.extra is not None:
        data += unit.extra
    return list(terms.to_oxigraph(shapes.run_pyshacl(data, inputs.shapes)))


def _read(path: Path, given: list[Graph]) -> Graph | None:
    """A cached report, or None when there is none or it names a blank node that is in none of
    the `given` graphs (a label the reading of the files no longer gives)."""
    try:
        report = _graph(ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES))
    except (OSError, SyntaxError, ValueError):
        return None
    named = {n for p in (SH.focusNode, SH.value) for n in report.objects(None, p)}
    for blank in (n for n in named if isinstance(n, BNode)):
        if not any((blank, None, None) in g or (None, None, blank) in g for g in given):
            return None
    return report


def _given(inputs: shapes.Inputs, unit: Unit) -> list[Graph]:
    """The graphs a unit is validated over."""
    given = [f.graph for f in [*inputs.ontology, *unit.members, *_companions(inputs, unit)]]
    return given + ([unit.extra] if unit.extra is not None else [])


def _companions(inputs: shapes.Inputs, unit: Unit) -> list[LoadedFile]:
    """The companions a unit is given besides its own files (none for the companions' unit)."""
    if unit.extra is not None:
        return []
    return [f for f in inputs.shipped if f.path.name in shapes.COMPANIONS]


def _graph(triples: Iterable) -> Graph:
    graph = Graph()
    for triple in terms.from_oxigraph(triples):
        graph.add(triple)
    return graph


def _keep(path: Path, triples: list[ox.Triple]) -> None:
    """Keep a unit's report (errors ignored: the next run recomputes it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with files.atomic(path) as out:
            ox.serialize(triples, out, format=ox.RdfFormat.N_TRIPLES)
    except (OSError, InputError):
        pass
