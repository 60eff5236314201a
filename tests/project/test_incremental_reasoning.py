"""After a fact file is added, reasoning covers only what the new facts reach, and gives exactly
what reasoning over the whole graph gives (`project.increment`).

Each case takes one shipped fact file out, reasons (so the cache holds the graph without it), puts
it back and compares the incremental answer with the whole graph's, triple for triple. Taking out
`materials.ttl` needs the earlier triples that point at a node the new file describes (a
heterostructure's shell gains its class); `section-3-1-oxide.ttl` needs the earlier description of
a node it mentions (a material's class): without either lookup a case fails.
"""

import shutil
from pathlib import Path

import pytest
from support import REPO, reasoner_runs

from perovskite_kg import reason
from perovskite_kg.project import cache, graphs, increment

FACT_FILES = sorted(p.name for p in (REPO / "graph").glob("*.ttl"))
DECISIVE = ("materials.ttl", "section-3-1-oxide.ttl")
"""The cases that fail when one of the two lookups is left out (checked by hand)."""


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    monkeypatch.setattr(graphs, "_remembered", {})
    return tmp_path


def _reason_without(root: Path, name: str) -> bytes:
    """Reason (and cache) the project with graph/`name` taken out; returns its bytes."""
    path = root / "graph" / name
    data = path.read_bytes()
    path.unlink()
    graphs.reasoned(root)
    graphs._remembered.clear()
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=() if name in DECISIVE else pytest.mark.slow)
    for name in FACT_FILES])
def test_adding_a_file_gives_what_the_whole_graph_gives(project, name):
    _reason_without(project, name)
    stated = graphs.asserted(project)
    found = increment.inferred(project, stated)
    assert found is not None, "the earlier entry was not used"
    whole = set(reason.infer(stated))
    assert len(whole) == 1142  # the shipped graph's OWL 2 RL inferences (README, Reasoning)
    assert set(found) == whole


def test_the_build_reasons_only_the_neighbourhood_of_the_new_file(project, monkeypatch):
    _reason_without(project, "section-3-3-metal.ttl")
    real = reason.infer
    sizes = reasoner_runs(monkeypatch)
    stated, inferred = graphs.reasoned(project)
    assert sizes and max(sizes) < len(stated) / 2, sizes
    assert set(inferred) == set(real(stated))


def _edit_fact_file(root: Path) -> None:
    with open(root / "graph" / "challenges.ttl", "a", encoding="utf-8") as out:
        out.write("\n# an edit\n")


def _edit_ontology(root: Path) -> None:
    with open(root / "ontology" / "perovskite-kg.ttl", "a", encoding="utf-8") as out:
        out.write("\n# an edit\n")


def _remove_a_file(root: Path) -> None:
    (root / "graph" / "challenges.ttl").unlink()


def _state_same_as(root: Path) -> None:
    (root / "graph" / "zz-same.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://w3id.org/perovskite-kg/resource/mat-ZnS> owl:sameAs "
        "<https://w3id.org/perovskite-kg/resource/mat-CdS> .\n", encoding="utf-8")


@pytest.mark.parametrize("change", [_edit_fact_file, _edit_ontology, _remove_a_file,
                                    _state_same_as])
def test_any_other_change_reasons_the_whole_graph(project, change):
    """Only added fact files are reasoned incrementally: an edited or removed file, a changed
    ontology, or a new owl:sameAs (whose rule joins every triple of both nodes) is not."""
    _reason_without(project, "section-3-3-metal.ttl")
    change(project)
    if change is _state_same_as:
        assert cache.previous(project, reason.DEFAULT) is not None
    else:
        assert cache.previous(project, reason.DEFAULT) is None
    assert increment.inferred(project, graphs.asserted(project)) is None
