"""Reasoning runs again only when an input file changes: the inferred graph is cached under a
digest of every input file (and the reasoning code), so an unchanged rebuild reads it, and the
store made from it, while an edited fact file or ontology runs the reasoner once and makes a new
store (an added fact file reasons only what it reaches: `test_incremental_reasoning`)."""

import shutil
from pathlib import Path

import pytest
from support import REPO, reasoner_runs

from perovskite_kg.project import cache, graphs, store

FILES = ("materials.ttl", "references.ttl", "review.ttl", "section-3-1-oxide.ttl")
NEW_TEST = """
@prefix pk: <https://w3id.org/perovskite-kg/ontology#> .
@prefix pkr: <https://w3id.org/perovskite-kg/resource/> .
pkr:hs-test-reasoning a pk:Heterostructure ; pk:hasArchitecture pk:Janus .
"""


@pytest.fixture
def project(tmp_path) -> Path:
    for folder in ("ontology", "queries"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "graph").mkdir()
    for name in FILES:
        shutil.copy(REPO / "graph" / name, tmp_path / "graph" / name)
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    return tmp_path


@pytest.fixture
def reasoned(monkeypatch) -> list:
    """Every run of the reasoner, as the number of triples it was given."""
    monkeypatch.setattr(graphs, "_remembered", {})
    return reasoner_runs(monkeypatch)


def _rebuild(root: Path):
    """What a new command does: nothing remembered, the cache and the store from the disk."""
    graphs._remembered.clear()
    graphs.reasoned(root)
    return store.open_store(root)


@pytest.mark.parametrize("edit", ["fact file", "ontology"])
def test_an_unchanged_rebuild_reads_the_cache_and_an_edit_reasons_once(project, reasoned, edit):
    _rebuild(project)
    assert len(reasoned) == 1
    first = cache.entry(project)
    _rebuild(project)
    assert len(reasoned) == 1  # nothing changed: read, not reasoned
    if edit == "fact file":
        (project / "graph" / "zz-new.ttl").write_text(NEW_TEST, encoding="utf-8")
    else:
        with open(project / "ontology" / "perovskite-kg.ttl", "a", encoding="utf-8") as out:
            out.write("\n# an edit of the ontology file\n")
    opened = _rebuild(project)
    if edit == "fact file":  # an added file: only its neighbourhood (`project.increment`)
        assert len(reasoned) == 2 and reasoned[1] < reasoned[0]
    else:
        assert len(reasoned) == 2 and reasoned[1] == reasoned[0]  # the whole graph again
    assert cache.entry(project) != first
    janus = ("ASK { <https://w3id.org/perovskite-kg/resource/hs-test-reasoning> a "
             "<https://w3id.org/perovskite-kg/ontology#JanusHeterostructure> }")
    assert bool(opened.query(janus, use_default_graph_as_union=True)) == (edit == "fact file")
    _rebuild(project)
    assert len(reasoned) == 2
