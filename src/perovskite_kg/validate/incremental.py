"""Validating the shipped graph one file unit at a time, each unit's report cached by content.

One new paper should cost the validation of that paper, not of the whole literature. The fact
files are split into units and each unit is given to pySHACL with the ontology and the companions
(`shapes.COMPANIONS`); the per-unit reports are merged into the one report `shapes.check` gives
for the whole graph (tests/validate/test_incremental.py proves it, byte for byte in every format).

Why a unit sees everything its shapes read:
- files are one unit when one names a resource the other describes (as a subject), or both
  describe it: a stability test and the heterostructure that has it, a route and its owner, are
  validated together, so inverse paths (`^pk:hasStabilityTest`) and SPARQL joins stay inside;
- the companions are a unit of their own, given also every triple of another file that names a
  companion resource, so a shape that reaches a companion node from elsewhere (`sh:targetObjectsOf
  bibo:cites`, an inverse path of length one) sees what it sees in the whole graph;
- each result is kept by the one unit that owns its focus node: the unit whose files describe it;
  the companions' unit for companion and ontology nodes; for a node no file describes (a literal,
  an IRI only pointed at), the first unit that names it.

A unit's report is kept in `<cache folder>/validation/<key>.nt`, the key a SHA-256 over the
validation code, the shapes, the ontology, the companions and the unit's own files (paths and
bytes; for the companions' unit, the triples naming them): changing one fact file re-validates
its unit and the companions' unit only. Blank nodes are labelled per file from a digest of the
file, so a cached report names the same nodes when the files are read again. Units that miss the
cache run in parallel (two processes), except inside a worker process (in `build`).
"""

import hashlib
import multiprocessing
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.term import Node

from perovskite_kg import __version__, namespaces
from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import RDF, SH
from perovskite_kg.project import files, graphs, load, terms
from perovskite_kg.project.load import LoadedFile
from perovskite_kg.validate import shapes

FOLDER = "validation"
WORKERS = 2

_todo: list = []
"""The units a worker process validates, inherited through fork."""


def validate(root: Path, workers: int = WORKERS) -> shapes.Validation:
    """The validation of the shipped graph under `root`, equal to `shapes.validate(root)`."""
    inputs = labelled(shapes.read(root))
    units = plan(inputs)
    reports = _reports(root, inputs, units, workers)
    merged = shapes.bound(Graph())
    node = BNode()
    merged.add((node, RDF.type, SH.ValidationReport))
    for unit, report in zip(units, reports):
        for result in report.objects(None, SH.result):
            if report.value(result, SH.focusNode) in unit.owned:
                merged.add((node, SH.result, result))
                shapes.copy_description(report, result, merged)
    data = load.union([*inputs.ontology, *inputs.shipped])
    return shapes.finish(merged, inputs, data)


def labelled(inputs: shapes.Inputs) -> shapes.Inputs:
    """`inputs` with the blank nodes of every file labelled from the file's bytes, so the same
    files always give the same labels (and a cached report names the nodes read again)."""
    def relabel(loaded: LoadedFile) -> LoadedFile:
        tag = hashlib.sha256(loaded.path.read_bytes()).hexdigest()[:12]
        graph = namespaces.bind(Graph())
        for triple in terms.from_oxigraph(terms.canonical([loaded.graph])):
            graph.add(tuple(BNode(f"{tag}{t}") if isinstance(t, BNode) else t for t in triple))
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

    extra = Graph()
    for index, loaded in enumerate(others):
        for triple in loaded.graph:
            for term in (triple[0], triple[2]):
                for other in describers.get(term, ()):
                    group[find(other)] = find(index)
                if term in described:
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


def key(inputs: shapes.Inputs, unit: Unit) -> str:
    """The cache key of `unit`: what its report depends on, as the module says."""
    digest = hashlib.sha256(__version__.encode())
    code = sorted(Path(shapes.__file__).parent.glob("*.py"))
    given = [inputs.shapes, *inputs.ontology, *unit.members]
    if unit.extra is None:
        given += [f for f in inputs.shipped if f.path.name in shapes.COMPANIONS]
    for part in [*(p.read_bytes() for p in code), *(_named(f.path) for f in given)]:
        digest.update(hashlib.sha256(part).digest())
    if unit.extra is not None:
        for line in sorted(str(t) for t in terms.to_oxigraph(unit.extra)):
            digest.update(line.encode())
    return digest.hexdigest()[:32]


def _named(path: Path) -> bytes:
    return path.name.encode() + b"\0" + path.read_bytes()


def _reports(root: Path, inputs: shapes.Inputs, units: list[Unit], workers: int) -> list[Graph]:
    """Each unit's report: from the cache, else computed (in parallel) and kept."""
    folder = graphs.folder(root) / FOLDER
    keys = [key(inputs, unit) for unit in units]
    reports = [_read(folder / f"{k}.nt") for k in keys]
    missing = [i for i, report in enumerate(reports) if report is None]
    global _todo
    _todo = [(inputs, units[i]) for i in missing]
    if workers > 1 and len(missing) > 1 and not multiprocessing.current_process().daemon:
        with multiprocessing.get_context("fork").Pool(min(workers, len(missing))) as pool:
            computed = pool.map(_run, range(len(missing)))
    else:
        computed = [_run(i) for i in range(len(missing))]
    _todo = []
    for i, triples in zip(missing, computed):
        _keep(folder / f"{keys[i]}.nt", triples)
        reports[i] = _graph(triples)
    return reports


def _run(index: int) -> list[ox.Triple]:
    """pySHACL over one unit (with the ontology and the companions), as pyoxigraph triples."""
    inputs, unit = _todo[index]
    companions = [] if unit.extra is not None else [
        f for f in inputs.shipped if f.path.name in shapes.COMPANIONS]
    data = load.union([*inputs.ontology, *companions, *unit.members])
    if unit.extra is not None:
        data += unit.extra
    return list(terms.to_oxigraph(shapes.run_pyshacl(data, inputs.shapes)))


def _read(path: Path) -> Graph | None:
    try:
        return _graph(ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES))
    except (OSError, SyntaxError, ValueError):
        return None


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
