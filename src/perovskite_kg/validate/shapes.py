"""Checking facts against the SHACL shapes of ontology/shapes.ttl (`perovskite-kg validate`).

The data graph given to pySHACL is the ontology plus the fact files, so class targets reach
subclasses through the ontology's rdfs:subClassOf (`sh:targetClass pk:Material` finds a
`pk:Oxide`) without running inference, which takes three times as long (benchmarks/validate.py).
With curator files, they are checked together with the shipped ontology, references, review
locations and materials, and only results about nodes those files describe are kept: the rest is
not theirs to fix.

Two rules run outside pySHACL (`vocabulary`): every pk: term a fact file uses must be declared
in the ontology, and be used as declared there (a fact file never describes a pk: term). Their
results join the report as results of pksh:DeclaredTermShape and pksh:OntologyTermShape, so all
three output formats show them like the others.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from perovskite_kg import namespaces
from perovskite_kg.errors import InputError, one_line
from perovskite_kg.namespaces import PKSH, RDF, SH
from perovskite_kg.project import load, paths
from perovskite_kg.project.load import LoadedFile
from perovskite_kg.validate.locations import SourceMap
from perovskite_kg.validate.vocabulary import misused_terms, undeclared_terms

COMPANIONS = ("references.ttl", "review.ttl", "materials.ttl")
"""Shipped fact files that a curator's file points into, validated along with it."""

SEVERITY_ORDER = (SH.Violation, SH.Warning, SH.Info)


@dataclass(frozen=True)
class Result:
    """One validation result, as the SHACL report states it."""

    severity: URIRef
    focus: Node
    path: Node | None
    value: Node | None
    message: str
    shape: Node
    component: Node | None


@dataclass(frozen=True)
class Validation:
    """The report graph, its results, and what is needed to show them: the data and its sources."""

    report: Graph
    results: list[Result]
    checked: list[Path]
    data: Graph
    sources: SourceMap

    def count(self, severity: URIRef) -> int:
        return sum(result.severity == severity for result in self.results)

    def exit_code(self, strict: bool = False) -> int:
        """1 if there is a violation (or, when `strict`, a warning); else 0."""
        failing = self.count(SH.Violation) + (self.count(SH.Warning) if strict else 0)
        return 1 if failing else 0


@dataclass(frozen=True)
class Inputs:
    """What a validation reads. `curated` are a curator's files, checked with the `shipped` ones
    (the companions) and the only ones reported on; without them every shipped file is."""

    shapes: LoadedFile
    ontology: list[LoadedFile]
    shipped: list[LoadedFile]
    curated: list[LoadedFile]

    @property
    def reported(self) -> list[LoadedFile]:
        return self.curated or self.shipped


def validate(root: Path, curator_files: Sequence[Path] = ()) -> Validation:
    """Validate the shipped graph under `root`, or `curator_files` with the shipped companions."""
    return check(read(root, curator_files))


def read(root: Path, curator_files: Sequence[Path] = ()) -> Inputs:
    """Parse the shapes, the ontology and the fact files; any unusable file is an InputError."""
    shapes_path = paths.shapes_file(root)
    if not shapes_path.exists():
        raise InputError("no SHACL shapes file", paths.display(shapes_path))
    given = {Path(p).resolve() for p in curator_files}
    if curator_files:
        shipped = [root / "graph" / name for name in COMPANIONS]
    else:
        shipped = paths.graph_files(root)
    return Inputs(
        shapes=LoadedFile(shapes_path, load.load_file(shapes_path)),
        ontology=load.load_files(paths.ontology_files(root)),
        shipped=load.load_files(p for p in shipped if p.resolve() not in given),
        curated=load.load_files(curator_files),
    )


def check_curated(root: Path, shipped: list[LoadedFile], curated: LoadedFile) -> Validation:
    """Validate a curated paper's graph, not yet in graph/, together with the `shipped` files
    (the rest of the graph, already read): how `perovskite-kg curate` checks before writing."""
    shapes_path = paths.shapes_file(root)
    return check(Inputs(shapes=LoadedFile(shapes_path, load.load_file(shapes_path)),
                        ontology=load.load_files(paths.ontology_files(root)),
                        shipped=shipped, curated=[curated]))


def check(inputs: Inputs) -> Validation:
    """Run the shapes and the vocabulary check over `inputs`."""
    data = load.union([*inputs.ontology, *inputs.shipped, *inputs.curated])
    return finish(run_pyshacl(data, inputs.shapes), inputs, data)


def run_pyshacl(data: Graph, shapes: LoadedFile) -> Graph:
    """pySHACL's report on `data` (changed in place) against `shapes`."""
    try:
        _, report, _ = pyshacl.validate(
            data, shacl_graph=shapes.graph, inference="none", advanced=True, inplace=True
        )
    except (ShapeLoadError, ConstraintLoadError, ReportableRuntimeError) as err:
        raise InputError(f"cannot use the SHACL shapes: {one_line(err)}",
                         paths.display(shapes.path)) from err
    return report


def finish(report: Graph, inputs: Inputs, data: Graph) -> Validation:
    """The Validation of pySHACL's `report` on `inputs` (read as `data`): the vocabulary check
    added, the results kept to the curated files' nodes (when there are any), sh:conforms set."""
    facts = [*inputs.shipped, *inputs.curated]
    bound(report)
    sources = SourceMap(facts)
    reported = inputs.reported
    _add_vocabulary_results(report, inputs.shapes.graph, [f.graph for f in reported],
                          [f.graph for f in inputs.ontology], sources)
    if inputs.curated:
        report = _about(report, {s for f in reported for s in f.graph.subjects()})
    _set_conforms(report)
    return Validation(report, _results(report), [f.path for f in reported], data, sources)


def _add_vocabulary_results(report: Graph, shapes: Graph, facts: list[Graph],
                            ontology: list[Graph], sources: SourceMap) -> None:
    """Add a pksh:DeclaredTermShape result for each undeclared pk: term in `facts`, and a
    pksh:OntologyTermShape result for each pk: term they use against the ontology."""
    for found in undeclared_terms(facts, ontology):
        message = _message(shapes, PKSH.DeclaredTermShape, sources.short(found.term))
        if found.suggestion is not None:
            message += f"; did you mean {sources.short(found.suggestion)}?"
        _add_result(report, shapes, PKSH.DeclaredTermShape, PKSH.DeclaredTermComponent,
                    (found.subject, found.predicate, found.term), message)
    for misused in misused_terms(facts, ontology):
        message = _message(shapes, PKSH.OntologyTermShape,
                           f"{sources.short(misused.term)} {misused.problem}")
        _add_result(report, shapes, PKSH.OntologyTermShape, PKSH.OntologyTermComponent,
                    (misused.subject, misused.predicate, misused.value), message)


def _message(shapes: Graph, shape: URIRef, value: str) -> str:
    return str(shapes.value(shape, SH.message)).replace("{?value}", value)


def _add_result(report: Graph, shapes: Graph, shape: URIRef, component: URIRef,
                found: tuple[Node, URIRef, Node], message: str) -> None:
    """Add to `report` a result of `shape` (with its declared severity) about the focus, path
    and value of `found`."""
    focus, path, value = found
    report_node = report.value(None, RDF.type, SH.ValidationReport)
    result = BNode()
    report.add((report_node, SH.result, result))
    for predicate, obj in (
        (RDF.type, SH.ValidationResult),
        (SH.focusNode, focus),
        (SH.resultPath, path),
        (SH.value, value),
        (SH.resultSeverity, shapes.value(shape, SH.severity) or SH.Violation),
        (SH.sourceShape, shape),
        (SH.sourceConstraintComponent, component),
        (SH.resultMessage, Literal(message)),
    ):
        report.add((result, predicate, obj))


def _about(report: Graph, subjects: set[Node]) -> Graph:
    """A copy of `report` keeping only the results whose focus node is one of `subjects`."""
    kept = bound(Graph())
    report_node = report.value(None, RDF.type, SH.ValidationReport)
    for triple in report.triples((report_node, None, None)):
        if triple[1] != SH.result:
            kept.add(triple)
    for result in report.objects(report_node, SH.result):
        if report.value(result, SH.focusNode) in subjects:
            kept.add((report_node, SH.result, result))
            copy_description(report, result, kept)
    return kept


def copy_description(source: Graph, node: Node, target: Graph) -> None:
    """Copy the triples of `node` and of the blank nodes it reaches (paths, details)."""
    todo, seen = [node], set()
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for triple in source.triples((subject, None, None)):
            target.add(triple)
            if isinstance(triple[2], BNode):
                todo.append(triple[2])


def bound(graph: Graph) -> Graph:
    """`graph` with the project prefixes and pksh: bound, for readable Turtle."""
    namespaces.bind(graph).bind("pksh", PKSH)
    return graph


def _set_conforms(report: Graph) -> None:
    """sh:conforms is true exactly when the report has no result of any severity (SHACL 3.6.1)."""
    report_node = report.value(None, RDF.type, SH.ValidationReport)
    has_results = (report_node, SH.result, None) in report
    report.set((report_node, SH.conforms, Literal(not has_results)))


def _results(report: Graph) -> list[Result]:
    report_node = report.value(None, RDF.type, SH.ValidationReport)
    return [
        Result(
            severity=report.value(node, SH.resultSeverity),
            focus=report.value(node, SH.focusNode),
            path=report.value(node, SH.resultPath),
            value=report.value(node, SH.value),
            message=" ".join(sorted(str(m) for m in report.objects(node, SH.resultMessage))),
            shape=report.value(node, SH.sourceShape),
            component=report.value(node, SH.sourceConstraintComponent),
        )
        for node in report.objects(report_node, SH.result)
    ]
