"""Validation per file unit (validate/incremental.py) gives the whole-graph report, cached.

The merged report must be the one `shapes.check` gives for the whole graph in one pySHACL run,
byte for byte in all three formats: on the shipped graph (which conforms) and on a copy of it
with broken files added (one invalid fixture per file, each breaking a rule named in its first
line), so that results of every kind, blank-node focus nodes and complex paths are compared.
Most fixtures restate a shipped resource (or one another fixture also writes) with a broken fact:
in the copy, each resource a fixture types is renamed (`-zz<n>`), or its facts written as blank
nodes would get the names the other file's get, which `load` refuses by design
(tests/project/test_names.py).
"""

import re
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from support import REPO

from perovskite_kg.namespaces import PKR
from perovskite_kg.validate import incremental, report, shapes

FIXTURES = Path(__file__).parent / "shapes"
BROKEN = sorted((FIXTURES / "invalid").glob("*.ttl"))[::8]


def _apart(path: Path, suffix: str) -> str:
    """The fixture's text, each resource it types renamed with `suffix`."""
    text = path.read_text(encoding="utf-8")
    fixture = Graph().parse(data=text, format="turtle")
    for subject in sorted(set(fixture.subjects(RDF.type, None))):
        if isinstance(subject, URIRef) and subject.startswith(str(PKR)):
            local = subject[len(str(PKR)):]
            text = re.sub(rf"pkr:{re.escape(local)}(?![\w.-]*[\w-])", f"pkr:{local}{suffix}",
                          text)
    return text


def project(tmp_path: Path, extra: list[Path]) -> Path:
    """A checkout holding the shipped data and `extra` fact files, its cache its own."""
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "perovskite-kg"\n')
    for n, path in enumerate(extra):
        (tmp_path / "graph" / f"zz-{path.name}").write_text(_apart(path, f"-zz{n}"),
                                                              encoding="utf-8")
    return tmp_path


def same_in_every_format(one: shapes.Validation, other: shapes.Validation) -> None:
    for fmt in ("text", "json", "turtle"):
        assert report.render(one, fmt) == report.render(other, fmt), fmt


@pytest.fixture(params=["unit by unit", "whole graph split by unit"])
def first_run(request, monkeypatch):
    """Both ways an empty cache is filled: a pySHACL run per unit, or one run split by unit."""
    whole = request.param != "unit by unit"
    monkeypatch.setattr(incremental, "_whole_is_cheaper", lambda units, missing: whole)


@pytest.mark.slow
def test_shipped_graph_same_report_as_the_whole_graph(tmp_path, first_run):
    root = project(tmp_path, [])
    merged = incremental.validate(root)
    assert merged.results == [] and merged.exit_code() == 0
    same_in_every_format(merged, shapes.validate(root))


@pytest.mark.slow
def test_broken_files_same_report_as_the_whole_graph(tmp_path, first_run):
    root = project(tmp_path, BROKEN)
    merged = incremental.validate(root)
    shapes_fired = {report.render(merged, "json").count(f'"shape": "{line.split(":")[0][2:]}:')
                    for line in (p.read_text().splitlines()[0] for p in BROKEN)}
    assert merged.exit_code() == 1 and 0 not in shapes_fired
    same_in_every_format(merged, shapes.validate(root))


@pytest.mark.slow
def test_a_second_run_reads_every_unit_from_the_cache(tmp_path, monkeypatch, first_run):
    root = project(tmp_path, BROKEN[:2])
    first = incremental.validate(root, workers=1)
    monkeypatch.setattr(incremental, "_run", lambda index: pytest.fail("unit validated again"))
    same_in_every_format(first, incremental.validate(root, workers=1))


@pytest.mark.slow
def test_a_changed_file_revalidates_its_unit_only(tmp_path, monkeypatch):
    root = project(tmp_path, BROKEN[:2])
    incremental.validate(root, workers=1)
    changed = root / "graph" / "section-3-3-metal.ttl"
    changed.write_text(changed.read_text() + "\n# a curator's note\n")
    validated = []
    run = incremental._run
    monkeypatch.setattr(incremental, "_run", lambda index: validated.append(
        [f.path.name for f in incremental._todo[index][1].members]) or run(index))
    incremental.validate(root, workers=1)
    assert validated == [["section-3-3-metal.ttl"]]


@pytest.mark.slow
def test_an_interrupted_run_keeps_the_reports_it_computed(tmp_path, monkeypatch):
    """A build of millions of triples stopped after twenty minutes of validation (in its worker,
    unit after unit) must not start again from nothing: each report is kept once computed."""
    monkeypatch.setattr(incremental, "_whole_is_cheaper", lambda units, missing: False)
    root = project(tmp_path, [])
    run = incremental._run

    def stopped_at_the_third(index):
        if index == 2:
            raise KeyboardInterrupt
        return run(index)

    monkeypatch.setattr(incremental, "_run", stopped_at_the_third)
    with pytest.raises(KeyboardInterrupt):
        incremental.validate(root, workers=1)
    assert len(list((root / ".cache" / incremental.FOLDER).glob("*.nt"))) == 2
    again = []
    monkeypatch.setattr(incremental, "_run", lambda index: again.append(index) or run(index))
    whole = incremental.validate(root, workers=1)
    assert len(again) == len(incremental.plan(incremental.labelled(shapes.read(root)))) - 2
    same_in_every_format(whole, shapes.validate(root))


def test_files_naming_each_other_are_one_unit(tmp_path):
    """A stability test written in another file than its heterostructure is validated with it:
    the shape pksh:StabilityTestOwner reads ^pk:hasStabilityTest."""
    (tmp_path / "owner.ttl").write_text(
        "@prefix pk: <https://w3id.org/perovskite-kg/ontology#> .\n"
        "@prefix pkr: <https://w3id.org/perovskite-kg/resource/> .\n"
        "pkr:hs-a a pk:Heterostructure ; pk:hasStabilityTest pkr:test-a .\n")
    (tmp_path / "test.ttl").write_text(
        "@prefix pk: <https://w3id.org/perovskite-kg/ontology#> .\n"
        "@prefix pkr: <https://w3id.org/perovskite-kg/resource/> .\n"
        "pkr:test-a a pk:StabilityTest .\n")
    (tmp_path / "alone.ttl").write_text(
        "@prefix pk: <https://w3id.org/perovskite-kg/ontology#> .\n"
        "@prefix pkr: <https://w3id.org/perovskite-kg/resource/> .\n"
        "pkr:hs-b a pk:Heterostructure .\n")
    inputs = shapes.read(REPO)
    extra = shapes.load.load_files(sorted(tmp_path.glob("*.ttl")))
    units = incremental.plan(shapes.Inputs(inputs.shapes, inputs.ontology,
                                           [*inputs.shipped, *extra], []))
    grouped = [sorted(f.path.name for f in unit.members) for unit in units]
    assert ["owner.ttl", "test.ttl"] in grouped and ["alone.ttl"] in grouped
    assert grouped[0] == ["materials.ttl", "references.ttl", "review.ttl"]
