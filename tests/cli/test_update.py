"""`perovskite-kg update`: adding a paper's files extends the cache entry, and gives what the whole
path gives (issue 17: adding one paper to a large graph costs the paper).

The project is the benchmark's generator run on the shipped graph (benchmarks/literature_graph.py:
the review and renamed, perturbed copies of its fact files, each copy a paper). Copy 1 is taken
out, `update` makes the entry of the rest (the whole path), copy 1 is put back and `update` runs
again: it must extend the entry, and a copy of the same files updated with no cache must hold the
same triples byte for byte and answer every stored query alike.
"""

import shutil
from pathlib import Path

import pytest
from support import REPO
from support.literature import generator

from perovskite_kg.project import cache, extend
from perovskite_kg.query import guard, kept, params, run, stored
from perovskite_kg.validate import incremental, shapes

pytestmark = pytest.mark.slow

PREFIXES = ("@prefix pk: <https://w3id.org/perovskite-kg/ontology#> .\n"
            "@prefix pkr: <https://w3id.org/perovskite-kg/resource/> .\n"
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n")


@pytest.fixture(scope="module")
def literature(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("literature")
    generator().generate(20_000, root, REPO)
    assert sorted(root.glob("graph/*--c1.ttl")), "the generator made no copy"
    return root


@pytest.fixture
def updated(literature, tmp_path, run_cli) -> Path:
    """The project with copy 1 taken out and updated (the whole path), copy 1 put back."""
    root = tmp_path / "extended"
    shutil.copytree(literature, root)
    held = tmp_path / "held"
    held.mkdir()
    for path in root.glob("graph/*--c1.ttl"):
        path.rename(held / path.name)
    first = run_cli("--root", str(root), "update")
    assert first.returncode == 0, first.stderr
    assert "whole graph" in first.stderr
    assert extend.passed(cache.entry(root)) is not None
    for path in held.iterdir():
        path.rename(root / "graph" / path.name)
    return root


def _answers(root: Path) -> dict[str, list]:
    store = run.open_store(root)
    found = {}
    for item in stored.stored(root):
        prepared = guard.prepare(item)
        found[item.name] = _rows(prepared, run.execute(store, prepared,
                                                       params.bindings(item, [])))
    return found


def _rows(prepared: guard.Prepared, answer) -> bool | list[tuple[str, ...]]:
    return (bool(answer) if prepared.form == "ASK"
            else [tuple(str(v) for v in row) for row in answer])


def test_adding_a_paper_extends_the_entry_and_gives_what_the_whole_path_gives(updated, tmp_path,
                                                                              run_cli):
    done = run_cli("--root", str(updated), "update")
    assert done.returncode == 0, done.stderr
    assert "extended: 10 new files" in done.stderr
    assert "the units the new files change: conforms" in done.stderr
    whole = tmp_path / "whole"
    whole.mkdir()
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(updated / folder, whole / folder)
    shutil.copy(updated / "pyproject.toml", whole)
    reference = run_cli("--root", str(whole), "update")
    assert reference.returncode == 0 and "whole graph" in reference.stderr, reference.stderr
    extended_entry, whole_entry = cache.entry(updated), cache.entry(whole)
    assert extended_entry.name == whole_entry.name
    for name in (cache.ASSERTED, cache.inferred_name("rl")):
        assert (extended_entry / name).read_bytes() == (whole_entry / name).read_bytes(), name
    answers = _answers(updated)
    assert answers == _answers(whole)
    _check_kept_answers(updated, whole, answers)
    # its validation is the whole graph's: every unit planned from every file finds its report
    inputs = incremental.labelled(shapes.read(updated))
    folder = cache.folder(updated) / incremental.FOLDER
    assert all((folder / f"{incremental.key(inputs, unit)}.nt").exists()
               for unit in incremental.plan(inputs))
    # the new paper is in the store: copy 1 renames the review's resources "<name>-c1"
    assert run.open_store(updated).query(
        "ASK { <https://w3id.org/perovskite-kg/resource/hs-CsPbBr3-SiO2-janus-ref24-c1> ?p ?o }",
        use_default_graph_as_union=True)
    again = run_cli("--root", str(updated), "update")
    assert again.returncode == 0 and "already holds today's files" in again.stderr


def _check_kept_answers(updated: Path, whole: Path, answers: dict[str, list]) -> None:
    """The whole path keeps every stored query's default answer, as `build` does; the extension
    keeps those with a parameter or at most `kept.SHORT` rows in the entry it extended, and each
    kept answer is the one computed."""
    earlier, = (p for p in cache.folder(updated).iterdir()
                if p.is_dir() and len(p.name) == 32 and p != cache.entry(updated))
    short, long = [], []
    store = run.open_store(updated)
    for item in stored.stored(updated):
        prepared, bound = guard.prepare(item), params.bindings(item, [])
        assert run.kept_rows(kept.folder(cache.entry(whole), "rl"), prepared, bound) is not None
        rows = run.kept_rows(kept.folder(earlier, "rl"), prepared, bound)
        selective = bool(item.parameters) or rows <= kept.SHORT
        (short if selective else long).append(item.name)
        place = kept.folder(cache.entry(updated), "rl")
        assert (run.kept_rows(place, prepared, bound) is not None) == selective, item.name
        if selective:  # read back from the kept file, not computed
            answer = run.execute(store, prepared, bound, keep=place, add_kept=False)
            assert _rows(prepared, answer) == answers[item.name], item.name
    # both kinds are in the test: the copies make some tables longer than SHORT
    assert {"heterostructures-per-halide", "water-resistant-shells"} <= set(short)
    assert "synthesis" in long


def test_a_new_file_that_does_not_conform_stops_the_update_with_its_place(updated, run_cli):
    (updated / "graph" / "zz-bad.ttl").write_text(
        PREFIXES + "pkr:hs-unfinished a pk:Heterostructure .\n", encoding="utf-8")
    done = run_cli("--root", str(updated), "update")
    assert done.returncode == 1
    assert "extended: 11 new files" in done.stderr
    assert "the units the new files change: does not conform" in done.stderr
    assert "update stopped: the graph does not conform" in done.stderr
    assert "zz-bad.ttl" in done.stdout and "hs-unfinished" in done.stdout
    assert extend.passed(cache.entry(updated)) is None
    again = run_cli("--root", str(updated), "update")  # the entry is made: validated again only
    assert again.returncode == 1
    assert "the units the new files change: does not conform" in again.stderr


def test_a_new_file_about_an_earlier_files_fact_is_validated_with_the_whole_graph(updated,
                                                                                  run_cli):
    (updated / "graph" / "zz-note.ttl").write_text(
        PREFIXES + 'pkr:hs-CsPbBr3-SiO2-janus-ref24 rdfs:comment "a curator\'s note" .\n',
        encoding="utf-8")
    done = run_cli("--root", str(updated), "update")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "extended: 11 new files" in done.stderr
    assert "the whole graph: conforms" in done.stderr


def test_a_new_file_that_makes_the_graph_inconsistent_is_reasoned_whole_and_refused(updated,
                                                                                    run_cli):
    """SiO2 typed a metal too (pk:Metal and pk:Oxide are disjoint, as in tests/cli/test_build.py):
    the clash is found in the extension, and the whole path then says where."""
    (updated / "graph" / "zz-metal.ttl").write_text(PREFIXES + "pkr:mat-SiO2 a pk:Metal .\n",
                                                    encoding="utf-8")
    done = run_cli("--root", str(updated), "update")
    assert done.returncode == 1
    assert "whole graph" in done.stderr and "INCONSISTENT" in done.stderr
    assert "pkr:mat-SiO2" in done.stdout and "owl:AllDisjointClasses" in done.stdout
    assert "update stopped" in done.stderr
    assert extend.passed(cache.entry(updated)) is None


def test_a_new_file_that_cannot_be_read_is_refused_with_its_line(updated, run_cli):
    (updated / "graph" / "zz-broken.ttl").write_text(PREFIXES + "pkr:x a .\n", encoding="utf-8")
    done = run_cli("--root", str(updated), "update")
    assert done.returncode != 0
    assert "zz-broken.ttl" in done.stderr and ":4" in done.stderr, done.stderr
    assert not (cache.entry(updated) / cache.MANIFEST).exists()


def test_a_new_file_about_a_companion_validates_the_companions_unit_as_the_whole_graph_does(
        updated, run_cli):
    """A note on SiO2 (described in materials.ttl, a companion) gives the companions' unit a
    triple: that unit is validated again, given the earlier files' triples read from the store,
    and those are the triples whole-graph planning gives it: every unit's key, planned from every
    file, finds the report the update kept."""
    (updated / "graph" / "zz-note.ttl").write_text(
        PREFIXES + 'pkr:mat-SiO2 rdfs:comment "a curator\'s note" .\n', encoding="utf-8")
    done = run_cli("--root", str(updated), "update")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "extended: 11 new files" in done.stderr
    assert "the units the new files change: conforms" in done.stderr
    inputs = incremental.labelled(shapes.read(updated))
    units = incremental.plan(inputs)
    assert len(units[0].extra) > 1, "the companions' unit is given no earlier triple"
    folder = cache.folder(updated) / incremental.FOLDER
    assert all((folder / f"{incremental.key(inputs, unit)}.nt").exists() for unit in units)


def test_build_after_an_update_that_passed_does_not_validate_again(updated, run_cli):
    assert run_cli("--root", str(updated), "update").returncode == 0
    done = run_cli("--root", str(updated), "build")
    assert done.returncode == 0, done.stderr
    assert "[4/6] validate  conforms (found so when this cache entry was made)" in done.stderr
    assert (updated / "dist" / "perovskite-kg.ttl").exists()
    (updated / "ontology" / "shapes.ttl").write_text(
        (updated / "ontology" / "shapes.ttl").read_text(encoding="utf-8") + "\n# edited\n",
        encoding="utf-8")
    again = run_cli("--root", str(updated), "build")  # new shapes: the verdict no longer holds
    assert again.returncode == 0, again.stderr
    assert "[4/6] validate  conforms (0 violations" in again.stderr
