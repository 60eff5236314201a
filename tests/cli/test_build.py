"""`perovskite-kg build` and the cache it fills, on a copy of the project.

The copy holds the shipped ontology, shapes and stored queries, and section 3.1 with the files it
points into (materials, references, review locations), so these tests do not depend on the
sections curators are still writing. Counts are checked against the review (14 heterostructures
in section 3.1 and the Oxides rows of Table 1) or counted with pyoxigraph, never taken from the
program's own output.
"""

import concurrent.futures
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph
from support.defined_class_members import SECTION_3_1

from perovskite_kg import build, reason
from perovskite_kg.namespaces import DCTERMS, PK, PKR
from perovskite_kg.project import graphs as cache
from perovskite_kg.project import cache as entries
from perovskite_kg.project import load, store
from perovskite_kg.reason import analysis

pytestmark = pytest.mark.slow  # every test here builds, through the command or the cache

ROOT = Path(__file__).resolve().parents[2]
SECTION_3_1_FILES = ("materials.ttl", "references.ttl", "review.ttl", "section-3-1-oxide.ttl")
STEMS = ("perovskite-kg", "perovskite-kg-reasoned")
DIST_FILES = {f"{stem}{ext}" for stem in STEMS for ext in (".ttl", ".nt", ".jsonld", ".rdf")} | {
    "perovskite-kg-reasoned.trig", "perovskite-kg-reasoned.nq", "perovskite-kg-inferred.ttl",
    "context.jsonld", "void.ttl"}
PREFIXES = ("@prefix pk: <https://w3id.org/perovskite-kg/ontology#> .\n"
            "@prefix pkr: <https://w3id.org/perovskite-kg/resource/> .\n")
NEW_JANUS = ("zz-new.ttl", PREFIXES + "pkr:hs-test-janus a pk:Heterostructure ;\n"
             "    pk:hasArchitecture pk:Janus .\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("ontology", "queries"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "graph").mkdir()
    for name in SECTION_3_1_FILES:
        shutil.copy(ROOT / "graph" / name, tmp_path / "graph" / name)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)  # a writable checkout: cache in tmp/.cache
    return tmp_path


def _add(root: Path, name: str, text: str) -> None:
    (root / "graph" / name).write_text(text, encoding="utf-8")


def _summary_value(stdout: str, label: str) -> str:
    line = next(line for line in stdout.splitlines() if line.strip().startswith(label + " "))
    return line.strip()[len(label):].strip()


def test_build_writes_every_export_and_summarises(run_cli, project):
    done = run_cli("--root", str(project), "build")
    assert done.returncode == 0, done.stdout + done.stderr
    assert {p.name for p in (project / "dist").iterdir()} == DIST_FILES
    steps = ("load", "reason", "render", "validate", "write", "summary")
    for number, step in enumerate(steps, 1):
        line = next(line for line in done.stderr.splitlines() if line.startswith(f"[{number}/6]"))
        assert step in line and line.endswith(" s")
    assert "build finished in" in done.stderr
    files = [project / "ontology" / "perovskite-kg.ttl", *sorted((project / "graph").glob("*.ttl"))]
    sources = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for path in files
                         for t in ox.parse(path=path, format=ox.RdfFormat.TURTLE))
    assert int(_summary_value(done.stdout, "triples asserted")) == len(sources)
    assert _summary_value(done.stdout, "pk:Heterostructure") == "14"
    for cls, members in SECTION_3_1.items():
        shown = _summary_value(done.stdout, f"pk:{cls}")
        assert shown == (str(len(members)) if cls != "WaterResistantHeterostructure"
                         else build.UNDECIDED)
    assert _summary_value(done.stdout, "SHACL validation").startswith("conforms")
    for query in (project / "queries").glob("*.rq"):
        assert _summary_value(done.stdout, query.stem).isdigit() or query.stem in done.stdout


def test_the_reasoned_export_holds_the_inferred_triples_and_the_inferred_file_only_those(
        run_cli, project):
    assert run_cli("--root", str(project), "build").returncode == 0
    reasoned = Graph().parse(project / "dist" / "perovskite-kg-reasoned.ttl")
    inferred = Graph().parse(project / "dist" / "perovskite-kg-inferred.ttl")
    asserted = Graph().parse(project / "dist" / "perovskite-kg.ttl")
    fully = {s for s in reasoned.subjects(None, PK.FullyEncapsulatedNanocrystal)}
    assert {s[len(PKR):] for s in fully} == SECTION_3_1["FullyEncapsulatedNanocrystal"]
    named = [t for t in inferred if not any(isinstance(x, BNode) for x in t)]  # comparable
    assert named
    about_the_export = {PKR["export-inferred-rl"], DCTERMS.conformsTo}  # its provenance
    for triple in named:
        if triple[0] not in about_the_export:
            assert triple not in asserted and triple in reasoned


def test_without_a_checkout_the_exports_go_to_the_current_directory(run_cli, project, tmp_path):
    (project / "pyproject.toml").unlink()  # like the data installed with the package
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run_cli("--root", str(project), "build", cwd=elsewhere,
                   env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert done.returncode == 0, done.stderr
    assert {p.name for p in (elsewhere / "dist").iterdir()} == DIST_FILES
    assert not (project / "dist").exists()


def test_two_builds_give_byte_identical_files(run_cli, project, tmp_path_factory):
    assert run_cli("--root", str(project), "build").returncode == 0
    first = {p.name: p.read_bytes() for p in (project / "dist").iterdir()}
    shutil.rmtree(project / "dist")
    shutil.rmtree(project / ".cache")  # computed again from the sources, not copied
    assert run_cli("--root", str(project), "build").returncode == 0
    second = {p.name: p.read_bytes() for p in (project / "dist").iterdir()}
    assert first == second


def test_without_the_memory_for_both_at_once_validation_runs_first_and_gives_the_same_files(
        run_cli, project):
    assert run_cli("--root", str(project), "build").returncode == 0
    alongside = {p.name: p.read_bytes() for p in (project / "dist").iterdir()}
    shutil.rmtree(project / "dist")
    shutil.rmtree(project / ".cache")
    short = {"PEROVSKITE_KG_MEMORY_MB": "1"}  # far less than the ~1 GB alongside would need
    done = run_cli("--root", str(project), "build", env=short)
    assert done.returncode == 0, done.stderr
    assert "validating first, then loading" in done.stderr and "PEROVSKITE_KG_MEMORY_MB" in (
        done.stderr)
    lines = [line.split()[:2] for line in done.stderr.splitlines() if line.startswith("[")]
    assert lines == [["[1/6]", "validate"], ["[2/6]", "load"], ["[3/6]", "reason"],
                     ["[4/6]", "render"], ["[5/6]", "write"], ["[6/6]", "summary"]]
    assert "conforms (0 violations" in done.stderr.splitlines()[1]
    assert {p.name: p.read_bytes() for p in (project / "dist").iterdir()} == alongside
    # A graph that does not conform stops before it is loaded.
    _add(project, "zz-bad.ttl", PREFIXES + "pkr:hs-unfinished a pk:Heterostructure .\n")
    done = run_cli("--root", str(project), "build", env=short)
    assert done.returncode == 1 and "pkr:hs-unfinished" in done.stdout
    assert "[1/6] validate" in done.stderr and "load" not in done.stderr.split("validate", 1)[1]
    assert "nothing was written" in done.stderr
    assert {p.name: p.read_bytes() for p in (project / "dist").iterdir()} == alongside
    # A limit that is not a number is refused, and says how to write it.
    done = run_cli("--root", str(project), "build", env={"PEROVSKITE_KG_MEMORY_MB": "lots"})
    assert done.returncode == 2
    assert "PEROVSKITE_KG_MEMORY_MB='lots': write a positive number" in done.stderr


def test_two_builds_at_once_write_the_same_files_and_one_whole_store(run_cli, project):
    """Both miss the cache, reason, make the store and write dist/ at the same time."""
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        done = list(pool.map(lambda _: run_cli("--root", str(project), "build"), range(2)))
    assert all(d.returncode == 0 for d in done), [d.stderr for d in done]
    assert not any("damaged" in d.stderr for d in done)
    together = {p.name: p.read_bytes() for p in (project / "dist").iterdir()}
    opened = store.open_store(project)  # whole: opened without a word
    assert len(opened) == sum(1 for name in ("asserted.nt", "inferred-rl.nt") for _ in ox.parse(
        path=entries.entry(project) / name, format=ox.RdfFormat.N_TRIPLES))
    shutil.rmtree(project / "dist")
    shutil.rmtree(project / ".cache")
    assert run_cli("--root", str(project), "build").returncode == 0
    assert {p.name: p.read_bytes() for p in (project / "dist").iterdir()} == together


def test_the_build_date_is_stated_only_when_given(run_cli, project):
    assert run_cli("--root", str(project), "build").returncode == 0
    undated = Graph().parse(project / "dist" / "perovskite-kg.ttl")
    assert not set(undated.objects(PKR["export-asserted"], DCTERMS.created))
    assert run_cli("--root", str(project), "build", "--date", "2030-01-02").returncode == 0
    dated = Graph().parse(project / "dist" / "perovskite-kg.ttl")
    assert {str(d) for d in dated.objects(PKR["export-asserted"], DCTERMS.created)} == {
        "2030-01-02"}


def test_a_graph_that_does_not_conform_stops_the_build_before_writing(run_cli, project):
    (project / "dist").mkdir()
    (project / "dist" / "perovskite-kg.ttl").write_text("previous build\n")
    # A Janus heterostructure declared fully coated: the shapes refuse it.
    _add(project, "zz-bad.ttl", PREFIXES + "pkr:hs-CsPbBr3-SiO2-janus-ref24 "
         "pk:hasCoverage pk:FullCoverage .\n")
    done = run_cli("--root", str(project), "build")
    assert done.returncode == 1
    assert "pkr:hs-CsPbBr3-SiO2-janus-ref24" in done.stdout
    assert "nothing was written" in done.stderr
    assert [p.name for p in (project / "dist").iterdir()] == ["perovskite-kg.ttl"]
    assert (project / "dist" / "perovskite-kg.ttl").read_text() == "previous build\n"


def test_the_exports_rendered_before_validation_failed_leave_nothing(run_cli, project):
    """A consistent graph is rendered while validation runs: its exports were temporary files,
    and the `dist/` the build made for them is removed too."""
    _add(project, "zz-bad.ttl", PREFIXES + "pkr:hs-unfinished a pk:Heterostructure .\n")
    done = run_cli("--root", str(project), "build")
    assert done.returncode == 1
    assert "[3/6] render" in done.stderr and "nothing was written" in done.stderr
    assert not (project / "dist").exists()
    (project / "dist").mkdir()
    (project / "dist" / "perovskite-kg.ttl").write_text("previous build\n")
    assert run_cli("--root", str(project), "build").returncode == 1
    assert [p.name for p in (project / "dist").iterdir()] == ["perovskite-kg.ttl"]
    assert (project / "dist" / "perovskite-kg.ttl").read_text() == "previous build\n"


def test_an_inconsistent_graph_stops_the_build_before_writing(run_cli, project):
    # SiO2 typed a metal too: pk:Metal and pk:Oxide are disjoint (owl:AllDisjointClasses).
    _add(project, "zz-bad.ttl", PREFIXES + "pkr:mat-SiO2 a pk:Metal .\n")
    done = run_cli("--root", str(project), "build")
    assert done.returncode == 1
    assert "pkr:mat-SiO2" in done.stdout and "owl:AllDisjointClasses" in done.stdout
    assert not (project / "dist").exists()


def test_an_error_in_a_worker_is_one_located_line(run_cli, project):
    (project / "ontology" / "shapes.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                                                     "[] a sh:NodeShape ;\n", encoding="utf-8")
    done = run_cli("--root", str(project), "build")
    assert done.returncode == 2
    assert "shapes.ttl" in done.stderr and "Traceback" not in done.stderr
    assert not (project / "dist").exists()


# --- the cache ------------------------------------------------------------------------------------
@pytest.fixture
def fresh_memory(monkeypatch):
    """Forget what this process computed, so the next call must use the disk or recompute."""
    monkeypatch.setattr(cache, "_remembered", {})


def test_the_cache_lives_in_a_writable_checkout_or_the_user_cache(project, tmp_path_factory,
                                                                  monkeypatch):
    assert cache.folder(project) == project / ".cache"
    (project / "pyproject.toml").unlink()
    user_cache = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_CACHE_HOME", str(user_cache))
    assert cache.folder(project) == user_cache / "perovskite-kg"


def test_a_second_process_reads_the_cache_instead_of_reasoning(project, fresh_memory,
                                                               monkeypatch):
    asserted, inferred = cache.reasoned(project)
    assert cache.is_fresh(project, "rl")
    monkeypatch.setattr(cache, "_remembered", {})

    def refuse(*args, **kwargs):
        raise AssertionError("recomputed although nothing changed")

    monkeypatch.setattr(reason, "infer", refuse)
    monkeypatch.setattr(load, "load_files", refuse)
    again_asserted, again_inferred = cache.reasoned(project)
    assert len(again_asserted) == len(asserted) and len(again_inferred) == len(inferred)


def test_processes_that_miss_the_cache_together_write_the_same_asserted_file(project,
                                                                             fresh_memory,
                                                                             monkeypatch):
    """A race between two commands must not pair one's inferred file with the other's blank
    nodes: every miss labels the asserted graph's blank nodes the same way."""
    first = cache.reasoned_ntriples(project)[0]
    shutil.rmtree(cache.folder(project))
    monkeypatch.setattr(cache, "_remembered", {})
    assert cache.reasoned_ntriples(project)[0] == first


@pytest.mark.parametrize("change", ["add a file", "edit a file", "remove a file"])
def test_a_changed_input_file_is_noticed(project, fresh_memory, change):
    janus = PK.JanusHeterostructure
    if change == "remove a file":
        _add(project, *NEW_JANUS)
    before = analysis.analyse(*cache.reasoned(project), "rl").members[janus]
    if change == "add a file":
        _add(project, *NEW_JANUS)
    elif change == "edit a file":
        with open(project / "graph" / "section-3-1-oxide.ttl", "a", encoding="utf-8") as f:
            f.write("\npkr:hs-test-janus a pk:Heterostructure ; pk:hasArchitecture pk:Janus .\n")
    else:
        (project / "graph" / NEW_JANUS[0]).unlink()
    after = analysis.analyse(*cache.reasoned(project), "rl").members[janus]
    changed = set(after) ^ set(before)
    assert changed == {PKR["hs-test-janus"]}


def test_reason_command_sees_an_edit_between_runs(run_cli, project):
    first = run_cli("--root", str(project), "reason")
    assert "pkr:hs-test-janus" not in first.stdout
    _add(project, *NEW_JANUS)
    second = run_cli("--root", str(project), "reason")
    assert "pkr:hs-test-janus" in second.stdout.split("pk:JanusHeterostructure")[1]
