"""The SHACL shapes (ontology/shapes.ttl) against fixtures and against the shipped graph.

Each file of tests/validate/shapes/invalid/ breaks one rule and opens by naming it:
    # pksh:PlqyRange: <the rule, as the shape's rdfs:comment states it>
    # path: <the sh:resultPath it must report, as a SPARQL property path; "none" for a node>
and must produce results of that shape and path only. Each file of tests/validate/shapes/valid/ must
produce no result at all. Fixtures are checked as a curator's file is: with the shipped ontology,
references, review locations and materials, parsed once for the whole session.
"""

import dataclasses
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from perovskite_kg.namespaces import PKSH
from perovskite_kg.project import load
from perovskite_kg.validate import report
from perovskite_kg.validate import shapes as validate

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "shapes"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
PKSH = PKSH
SHAPES = Graph().parse(REPO / "ontology" / "shapes.ttl")

# Parameters that make a shape a rule (one that can report a result of its own).
CONSTRAINTS = [SH["class"], SH.datatype, SH.minCount, SH.maxCount, SH.minInclusive,
               SH.maxInclusive, SH.minExclusive, SH.minLength, SH.pattern, SH["in"], SH.node,
               SH["or"], SH.sparql, SH.disjoint, SH.lessThanOrEquals, SH.qualifiedValueShape]

@pytest.fixture(scope="session")
def shipped() -> validate.Inputs:
    """The shapes, the ontology and the shipped companions of a curator's file, parsed once."""
    return validate.read(REPO, [VALID[0]])


def check_fixture(shipped: validate.Inputs, path: Path) -> validate.Validation:
    return validate.check(dataclasses.replace(shipped, curated=load.load_files([path])))


def expectation(path: Path) -> tuple[str, str]:
    """(shape, path) from the fixture's first two lines."""
    first, second = path.read_text(encoding="utf-8").splitlines()[:2]
    shape = re.match(r"# (pksh:\w+): \S", first)
    result_path = re.match(r"# path: (\S+)$", second)
    assert shape and result_path, f"{path.name}: first lines must be '# pksh:Shape: ...', '# path: ...'"
    return shape.group(1), result_path.group(1)


def short(node) -> str:
    return SHAPES.namespace_manager.curie(str(node), generate=False)


def path_text(graph: Graph, path) -> str:
    """The result path as the report prints it (`validate.report.path_text`); "none" for none."""
    return "none" if path is None else report.path_text(graph, path, short)


def declared_severity(shape: URIRef) -> URIRef:
    return SHAPES.value(shape, SH.severity) or SH.Violation


def rules() -> set[URIRef]:
    """Every named shape that can report a result, and the vocabulary rules run outside SHACL."""
    named = {s for s in SHAPES.subjects() if isinstance(s, URIRef)}
    return {s for s in named if any((s, c, None) in SHAPES for c in CONSTRAINTS)} | {
        PKSH.DeclaredTermShape, PKSH.OntologyTermShape
    }


@pytest.mark.parametrize("folder", ["valid", "invalid"])
def test_fixture_folder_is_not_empty(folder):
    assert list((FIXTURES / folder).glob("*.ttl")), f"tests/validate/shapes/{folder}/ has no fixtures"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_breaks_exactly_its_rule(shipped, path):
    shape, result_path = expectation(path)
    checked = check_fixture(shipped, path)
    fired = {(short(r.shape), path_text(checked.report, r.path)) for r in checked.results}
    assert fired == {(shape, result_path)}
    severities = {r.severity for r in checked.results}
    assert severities == {declared_severity(PKSH[shape.removeprefix("pksh:")])}


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_has_no_result(shipped, path):
    checked = check_fixture(shipped, path)
    assert [(r.focus, r.message) for r in checked.results] == []


def test_every_rule_has_an_invalid_fixture():
    covered = {PKSH[expectation(p)[0].removeprefix("pksh:")] for p in INVALID}
    assert sorted(map(short, rules() - covered)) == []
    assert sorted(map(short, covered - rules())) == []


def test_every_rule_names_itself_and_the_fix():
    named_shapes = {s for s in SHAPES.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    for shape in rules() | named_shapes:
        assert SHAPES.value(shape, RDFS.comment), f"{short(shape)} has no rdfs:comment"
    for shape in rules():
        assert SHAPES.value(shape, SH.message), f"{short(shape)} has no sh:message"


def test_shipped_graph_conforms():
    """No result of any severity: a warning on the shipped graph is looked at, not left."""
    checked = validate.validate(REPO)
    found = [(r.severity.split("#")[1], checked.sources.name(r.focus), short(r.shape), r.message)
             for r in checked.results]
    assert found == []


def test_a_misspelt_term_is_named_with_the_closest_declared_term(shipped):
    checked = check_fixture(shipped, FIXTURES / "invalid" / "heterostructure-misspelt-property.ttl")
    [result] = checked.results
    assert result.value == URIRef("https://w3id.org/perovskite-kg/ontology#hasShel")
    assert "did you mean pk:hasShell?" in result.message


def test_a_term_proposed_in_a_fact_file_is_still_undeclared(shipped, tmp_path):
    """A PROPOSED TERMS block declares a term in a fact file; only the ontology can, so the term
    stays undeclared and the declaration is itself reported."""
    fixture = FIXTURES / "invalid" / "heterostructure-misspelt-property.ttl"
    proposed = tmp_path / "proposed.ttl"
    proposed.write_text(
        fixture.read_text(encoding="utf-8")
        + "\n# PROPOSED TERMS (lead to move into ontology/materials)\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "pk:hasShel a owl:ObjectProperty .\n",
        encoding="utf-8",
    )
    checked = check_fixture(shipped, proposed)
    assert {short(r.shape) for r in checked.results} == {"pksh:DeclaredTermShape",
                                                         "pksh:OntologyTermShape"}
