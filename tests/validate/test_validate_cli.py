"""`perovskite-kg validate` run as the installed command: its output lines, formats and exit codes.

The fixtures are those of tests/validate/shapes (see test_shapes.py); expected lines and line numbers are
read from the fixture files themselves, not from earlier output of the command.
"""

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH
from support import DATA, REPO

INVALID = Path("tests/validate/shapes/invalid")
VALID = Path("tests/validate/shapes/valid")
SUMMARY = re.compile(
    r"^(\d+) violations?, (\d+) warnings?( in \d+ nodes?)? \((\d+) files? checked\)$"
)


def line_of(path: Path, text: str) -> int:
    """The number of the first line of `path` that contains `text`."""
    lines = (REPO / path).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def summary(stdout: str) -> tuple[int, int, int]:
    """(violations, warnings, files checked) from the last line of text output."""
    match = SUMMARY.match(stdout.splitlines()[-1])
    assert match, f"no summary line in:\n{stdout}"
    return int(match.group(1)), int(match.group(2)), int(match.group(4))


@pytest.mark.slow
def test_shipped_graph_has_no_violations_and_exits_0(run_cli):
    done = run_cli("validate")
    violations, _, files = summary(done.stdout)
    assert (done.returncode, violations) == (0, 0), done.stdout
    assert files == len(list((REPO / "graph").glob("*.ttl")))


@pytest.mark.slow
def test_the_shipped_graph_has_no_warnings_so_strict_passes_it(run_cli):
    _, warnings, _ = summary(run_cli("validate").stdout)
    assert warnings == 0
    assert run_cli("validate", "--strict").returncode == 0


def test_valid_file_exits_0_with_a_clean_summary(run_cli):
    done = run_cli("validate", str(VALID / "core-shell-every-kind-of-node.ttl"))
    assert done.returncode == 0
    assert done.stdout == "0 violations, 0 warnings (1 file checked)\n"


def test_misspelt_property_is_reported_with_its_place_and_the_closest_term(run_cli):
    fixture = INVALID / "heterostructure-misspelt-property.ttl"
    done = run_cli("validate", str(fixture))
    assert done.returncode == 1
    start = line_of(fixture, "pkr:hs-CsPbBr3-Rb4PbBr6-coreshell-ref32 a pk:Heterostructure")
    assert done.stdout.splitlines() == [
        f'{fixture}:{start}: pkr:hs-CsPbBr3-Rb4PbBr6-coreshell-ref32 '
        '"CsPbBr3/Rb4PbBr6 core/shell NCs (ref. 32)"',
        "  Violation  pk:hasShel: pk:hasShel is not declared in ontology/perovskite-kg.ttl: "
        "correct its spelling, or propose it to the ontology's maintainers in a PROPOSED TERMS "
        "block; did you mean pk:hasShell?",
        "",
        "1 violation, 0 warnings in 1 node (1 file checked)",
    ]


def test_a_fact_written_as_a_blank_node_is_placed_at_the_property_that_holds_it(run_cli):
    # `load` names it from its owner (project/names.py); the message gives that name and the line
    fixture = INVALID / "pl-peak-out-of-range.ttl"
    done = run_cli("validate", str(fixture))
    assert done.returncode == 1
    where = line_of(fixture, "pk:plPeak [")
    assert done.stdout.splitlines()[:2] == [
        f"{fixture}:{where}: pkr:hs-CsPbBr3-Rb4PbBr6-coreshell-ref32-plPeak",
        "  Violation  pk:numericValue = 5070: A PL peak lies between 300 and 1100 nm: check the "
        "value against the review, and that it is in nanometres",
    ]


def test_a_warning_exits_0_unless_strict(run_cli):
    fixture = str(INVALID / "janus-coverage-unstated.ttl")
    done = run_cli("validate", fixture)
    assert (done.returncode, summary(done.stdout)[:2]) == (0, (0, 1))
    assert "  Warning    pk:hasCoverage: " in done.stdout
    assert run_cli("validate", "--strict", fixture).returncode == 1


def test_json_output_parses_and_names_shape_path_value_and_place(run_cli):
    fixture = INVALID / "plqy-above-100.ttl"
    done = run_cli("validate", "--format", "json", str(fixture))
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert (report["conforms"], report["violations"], report["warnings"]) == (False, 1, 0)
    assert report["files"] == [str(fixture)]
    [result] = report["results"]
    assert result == {
        "severity": "Violation",
        "focus": "pkr:hs-CsPbBr3-Rb4PbBr6-coreshell-ref32-plqy",
        "focusIri": "https://w3id.org/perovskite-kg/resource/hs-CsPbBr3-Rb4PbBr6-coreshell-ref32-plqy",
        "label": None,
        "path": "pk:numericValue",
        "value": "850",
        "message": "A PLQY lies between 0 and 100 %: check the value against the review",
        "shape": "pksh:PlqyRange",
        "component": "sh:MaxInclusiveConstraintComponent",
        "file": str(fixture),
        "line": line_of(fixture, "pk:plqy ["),
    }


def test_json_of_a_conforming_file(run_cli):
    done = run_cli("validate", "--format", "json", str(VALID / "dual-shell.ttl"))
    assert done.returncode == 0
    report = json.loads(done.stdout)
    assert (report["conforms"], report["violations"], report["results"]) == (True, 0, [])


def test_turtle_output_is_the_shacl_validation_report(run_cli):
    fixture = INVALID / "heterostructure-without-core.ttl"
    done = run_cli("validate", "--format", "turtle", str(fixture))
    assert done.returncode == 1
    report = Graph().parse(data=done.stdout, format="turtle")
    [node] = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    [result] = report.objects(node, SH.result)
    assert str(report.value(result, SH.sourceShape)).endswith("#HeterostructureCore")
    assert str(report.value(result, SH.resultPath)).endswith("#hasCore")
    assert report.value(result, SH.resultSeverity) == SH.Violation


@pytest.mark.parametrize("name", ["syntax-error.ttl", "not-utf8.ttl", "no-such-file.ttl"])
def test_unusable_input_exits_2_with_a_located_one_line_error(run_cli, name):
    path = DATA / "bad-input" / name
    done = run_cli("validate", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    [message] = done.stderr.splitlines()
    assert message.startswith(f"perovskite-kg: {path.relative_to(REPO)}")


def test_nothing_is_written(run_cli, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    done = run_cli("--root", str(REPO), "validate", str(REPO / INVALID / "plqy-above-100.ttl"),
                   cwd=tmp_path, env={"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")})
    assert done.returncode == 1
    assert [p.relative_to(tmp_path) for p in tmp_path.rglob("*")] == [Path("home")]
