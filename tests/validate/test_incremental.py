"""Validation per file unit (validate/incremental.py) gives the whole-graph report, cached.

The merged report must be the one `shapes.check` gives for the whole graph in one pySHACL run,
byte for byte in all three formats: on the shipped graph (which conforms) and on a copy of it
with broken files added (one invalid fixture per file, each breaking a rule named in its first
line), so that results of every kind, blank-node focus nodes and complex paths are compared.
A fixture that restates a shipped resource with a blank-node fact of its own is left out of the
copy: beside the shipped file the two facts would get one name, which `load` refuses by design
(tests/project/test_names.py), so no validation report would be made.
"""

import shutil
from pathlib import Path

import pytest
from support import REPO

from perovskite_kg.errors import InputError
from perovskite_kg.project import load, names, paths
from perovskite_kg.validate import incremental, report, shapes

FIXTURES = Path(__file__).parent / "shapes"


def _names_apart_from_the_shipped_graph(fixtures: list[Path]) -> list[Path]:
    """The fixtures whose facts get names no shipped file gives (see the module's docstring)."""
    shipped = [(str(p), load.load_file(p)) for p in paths.graph_files(REPO)]
    kept = []
    for path in fixtures:
        try:
            names.check_distinct([*shipped, (str(path), load.load_file(path))])
        except InputError:
            continue
        kept.append(path)
    return kept


BROKEN = _names_apart_from_the_shipped_graph(sorted((FIXTURES / "invalid").glob("*.ttl")))[::8]


def project(tmp_path: Path, extra: list[Path]) -> Path:
    """A checkout holding the shipped data and `extra` fact files, its cache its own."""
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "perovskite-kg"\n')
    for path in extra:
        shutil.copy(path, tmp_path / "graph" / f"zz-{path.name}")
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
