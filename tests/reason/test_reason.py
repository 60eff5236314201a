"""Reasoning: the members of every defined class, both engines, clashes, and the Java boundary.

The expected members, read from the review, are in tests/support/defined_class_members.py; a
guard test here makes sure every pair of file and defined class is in EXPECTED or PENDING.
"""

import functools
import shutil
import socket
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from support import ROOT, review_files
from support.defined_class_members import (
    DEFINED,
    EXPECTED,
    NEEDS_DL,
    PENDING,
    SECTION_3_1,
)

from perovskite_kg import reason
from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import OWL, PK, PKR, RDF, short
from perovskite_kg.project import load, paths
from perovskite_kg.reason import analysis
from perovskite_kg.reason import dl as hermit

ENGINES = [pytest.param(e, marks=pytest.mark.slow) if e == "dl" else e for e in reason.ENGINES]
"""Both engines; HermiT takes seconds, so its cases are in the slow tier."""


def _reason(graph: Graph, engine: str) -> analysis.Result:
    """What `perovskite-kg reason` reports, for a graph in memory (the command reads a project)."""
    try:
        inferred = reason.infer(graph, engine)
    except analysis.Inconsistent as err:
        return analysis.Result(engine, Graph(), consistent=False, conflicts=err.conflicts)
    return analysis.analyse(graph, inferred, engine)


@pytest.fixture(scope="module")
def shipped() -> Graph:
    return load.union(load.load_files([*paths.ontology_files(ROOT), *paths.graph_files(ROOT)]))


@pytest.fixture(scope="module")
def rl(shipped) -> analysis.Result:
    return _reason(shipped, "rl")


@pytest.fixture(scope="module")
def dl(shipped) -> analysis.Result:
    return _reason(shipped, "dl")


@functools.cache
def _described_in(name: str) -> set[str]:
    """Local names of the resources a graph file types (its heterostructures, routes, ...)."""
    graph = load.load_file(ROOT / "graph" / name)
    return {s[len(PKR):] for s in graph.subjects(RDF.type, None) if s.startswith(PKR)}


def _members(result: analysis.Result, cls: str, among: set[str]) -> set[str]:
    return {m[len(PKR):] for m in result.members[PK[cls]] if m[len(PKR):] in among}


def test_the_ontology_defines_the_classes_these_tests_cover(shipped):
    assert {c[len(PK):] for c in analysis.defined_classes(shipped)} == DEFINED


def test_every_heterostructure_file_has_expectations_or_a_reason():
    with_heterostructures = {
        p.name for p in review_files()
        if (None, RDF.type, PK.Heterostructure) in load.load_file(p)
    }
    for name in with_heterostructures:
        for cls in DEFINED:
            assert cls in EXPECTED.get(name, {}) or (name, cls) in PENDING, (name, cls)
    for name, expected in EXPECTED.items():
        assert set(expected) | {c for f, c in PENDING if f == name} == DEFINED, name


@pytest.mark.parametrize("name, cls", sorted(
    (name, cls) for name, classes in EXPECTED.items() for cls in classes if cls not in NEEDS_DL))
def test_rl_members_are_those_the_review_gives(rl, name, cls):
    among = _described_in(name)
    assert _members(rl, cls, among) == EXPECTED[name][cls]


@pytest.mark.slow
@pytest.mark.parametrize("name, cls", sorted(
    (name, cls) for name, classes in EXPECTED.items() for cls in classes))
def test_dl_members_are_those_the_review_gives(dl, name, cls):
    among = _described_in(name)
    assert _members(dl, cls, among) == EXPECTED[name][cls]


@pytest.mark.slow
def test_the_water_resistant_class_is_left_to_the_dl_reasoner(rl, dl):
    water = PK.WaterResistantHeterostructure
    assert water in rl.undecided and not rl.members[water]
    assert water not in dl.undecided and dl.members[water]


@pytest.mark.slow
def test_both_engines_agree_on_the_shipped_graph(rl, dl):
    for cls in rl.members:
        if cls not in rl.undecided:
            assert rl.members[cls] == dl.members[cls], cls
    assert rl.consistent and dl.consistent
    assert rl.unsatisfiable == dl.unsatisfiable == ()


# --- Every construct the defined classes use, on individuals made for the purpose ---------------
CONSTRUCTS = """
@prefix pk: <https://w3id.org/perovskite-kg/ontology#> .
@prefix ex: <https://example.org/constructs#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:oxide a pk:Oxide . ex:polymer a pk:Polymer .
ex:ChalcogenCompoundShell rdfs:subClassOf pk:ChalcogenCompoundSemiconductor .
ex:chalcogen-compound-zns a ex:ChalcogenCompoundShell .
ex:pt a pk:SingleAtomMetal . ex:aucu a pk:Alloy . ex:perovskite a pk:LeadHalidePerovskite .
ex:cs4pbx6 a pk:PerovskiteRelatedPhase . ex:aptes a pk:BridgingLigand . ex:oa a pk:Ligand .

ex:full a pk:Heterostructure ; pk:hasCoverage pk:FullCoverage ; pk:hasArchitecture pk:CoreShell ;
    pk:hasEncapsulationLevel pk:SingleParticleLevel .
ex:fullstated a pk:Heterostructure ; pk:hasCoverage pk:FullCoverage ;
    pk:hasReading [ pk:readsAs pk:FullCoverage ; pk:basis pk:Stated ] .
ex:fullimplied a pk:Heterostructure ; pk:hasCoverage pk:FullCoverage ;
    pk:hasReading [ pk:readsAs pk:FullCoverage ; pk:basis pk:Implied ] .
ex:janus a pk:Heterostructure ; pk:hasArchitecture pk:Janus .
ex:island a pk:Heterostructure ; pk:hasArchitecture pk:CoreIsland .
ex:multi pk:hasInnerShell ex:oxide ; pk:hasOuterShell ex:polymer .
ex:semi a pk:Heterostructure ; pk:hasShell ex:chalcogen-compound-zns .
ex:decorated a pk:Heterostructure ; pk:hasShell ex:pt .
ex:metalcore a pk:Heterostructure ; pk:hasCore ex:aucu ; pk:hasShell ex:perovskite .
ex:related a pk:Heterostructure ; pk:hasShell ex:cs4pbx6 .
ex:type1 a pk:Heterostructure ; pk:hasInterface [ pk:hasBandAlignment pk:TypeI ] .
ex:type2 a pk:Heterostructure ; pk:hasInterface ex:i2 . ex:i2 pk:hasBandAlignment pk:TypeII .
ex:quasi a pk:Heterostructure ; pk:hasInterface ex:i3 . ex:i3 pk:hasBandAlignment pk:QuasiTypeII .
ex:epitaxial a pk:Heterostructure ; pk:hasInterface [ pk:isEpitaxial true ] .
ex:matched a pk:Heterostructure ; pk:hasInterface [ pk:isLatticeMatched true ] .
ex:sublattice a pk:Heterostructure ; pk:hasInterface [ pk:hasSimilarSublattice true ] .
ex:mismatched a pk:Heterostructure ; pk:hasInterface [ pk:isLatticeMatched false ] .
ex:transfer a pk:Heterostructure ; pk:hasInterface [ pk:hasProcess [ a pk:ChargeTransfer ] ] .
ex:energy a pk:Heterostructure ; pk:hasInterface [ pk:hasProcess [ a pk:EnergyTransfer ] ] .
ex:cold a pk:SynthesisRoute ; pk:atRoomTemperature true .
ex:bridged a pk:SynthesisRoute ; pk:hasLigand ex:aptes .
ex:plain a pk:SynthesisRoute ; pk:hasLigand ex:oa .

ex:water80 a pk:Heterostructure ; pk:hasStabilityTest [ pk:testedForm pk:CoatedNanocrystal ;
    pk:stressor pk:Water ; pk:remnantPl [ pk:numericValue 80 ] ] .
ex:range a pk:Heterostructure ; pk:hasStabilityTest [ pk:testedForm pk:CoatedNanocrystal ;
    pk:stressor pk:Water ; pk:remnantPl [ pk:minValue 95 ; pk:maxValue 108 ] ] .
ex:ultrasonic a pk:Heterostructure ; pk:hasStabilityTest [ pk:testedForm pk:CoatedNanocrystal ;
    pk:stressor pk:WaterUltrasonication ; pk:remnantPl [ pk:numericValue 112 ] ] .
ex:water79 a pk:Heterostructure ; pk:hasStabilityTest [ pk:testedForm pk:CoatedNanocrystal ;
    pk:stressor pk:Water ; pk:remnantPl [ pk:numericValue 79.9 ] ] .
ex:lowrange a pk:Heterostructure ; pk:hasStabilityTest [ pk:testedForm pk:CoatedNanocrystal ;
    pk:stressor pk:Water ; pk:remnantPl [ pk:minValue 52 ; pk:maxValue 108 ] ] .
ex:bare a pk:Heterostructure ; pk:hasStabilityTest [ pk:testedForm pk:BareNanocrystal ;
    pk:stressor pk:Water ; pk:remnantPl [ pk:numericValue 90 ] ] .
ex:light a pk:Heterostructure ; pk:hasStabilityTest [ pk:testedForm pk:CoatedNanocrystal ;
    pk:stressor pk:LightIrradiation ; pk:remnantPl [ pk:numericValue 90 ] ] .
ex:morethan a pk:Heterostructure ; pk:hasStabilityTest [ pk:testedForm pk:CoatedNanocrystal ;
    pk:stressor pk:Water ; pk:remnantPl [ pk:lowerBound 80 ] ] .
"""
_HETERO = {"full", "fullstated", "fullimplied", "janus", "island", "multi", "semi", "decorated",
           "metalcore", "related",
           "type1", "type2", "quasi", "epitaxial", "matched", "sublattice", "mismatched",
           "transfer", "energy", "water80", "range", "ultrasonic", "water79", "lowrange", "bare",
           "light", "morethan"}
CONSTRUCT_MEMBERS = {
    # someValuesFrom an intersection of two hasValue (a reading with basis pk:Stated)
    "FullyEncapsulatedNanocrystal": {"fullstated"},
    "FullyEncapsulatedStatedOrImplied": {"full", "fullstated", "fullimplied"},  # hasValue
    "PartiallyCoatedHeterostructure": {"janus", "island"},  # subClassOf hasValue PartialCoverage
    "JanusHeterostructure": {"janus"},
    "CoreIslandHeterostructure": {"island"},
    "CoreShellHeterostructure": {"full"},
    "MultiShellHeterostructure": {"multi"},  # the domain of the shell properties makes it one
    "SingleParticleEncapsulation": {"full"},
    "OxideCoatedHeterostructure": {"multi"},       # inner shell is a sub-property of hasShell
    "SemiconductorCoatedHeterostructure": {"semi"},  # through ChalcogenCompoundSemiconductor
    "MetalDecoratedHeterostructure": {"decorated"},
    "MetalCoreHeterostructure": {"metalcore"},
    "PerovskiteShellHeterostructure": {"metalcore", "related"},  # unionOf
    "TypeIHeterojunction": {"type1"},               # nested someValuesFrom, a blank interface
    "TypeIIHeterojunction": {"type2", "quasi"},     # someValuesFrom onto oneOf
    "QuasiTypeIIHeterojunction": {"quasi"},
    "EpitaxialHeterostructure": {"epitaxial"},      # hasValue true
    "LatticeMatchedHeterostructure": {"matched", "sublattice"},  # unionOf of two hasValue
    "ChargeTransferHeterostructure": {"transfer"},
    "WaterResistantHeterostructure": {"water80", "range", "ultrasonic"},  # >= 80, least value
    "RoomTemperatureRoute": {"cold"},
    "BridgingLigandRoute": {"bridged"},
}


@pytest.fixture(scope="module")
def constructs() -> Graph:
    graph = load.union(load.load_files(paths.ontology_files(ROOT)))
    graph.parse(data=CONSTRUCTS, format="turtle")
    return graph


@pytest.mark.parametrize("engine", ENGINES)
def test_every_construct_is_decided_as_owl_says(constructs, engine):
    result = _reason(constructs, engine)
    assert set(CONSTRUCT_MEMBERS) == DEFINED
    for cls, expected in CONSTRUCT_MEMBERS.items():
        if engine == "rl" and cls in NEEDS_DL:
            continue
        got = {m.split("#")[1] for m in result.members[PK[cls]] if "example.org" in m}
        assert got == expected, (engine, cls)


@pytest.mark.slow
def test_rl_leaves_only_the_datatype_restriction_to_dl(constructs):
    assert {c[len(PK):] for c in analysis.defined_classes(constructs)
            if not analysis.rl_decidable(constructs, c)} == NEEDS_DL


# --- What is inferred, and what is not ---------------------------------------------------------
def test_inferred_triples_are_new_and_not_tautologies(shipped, rl):
    assert rl.inferred
    for s, p, o in rl.inferred:
        assert (s, p, o) not in shipped
        assert not (p == RDF.type and o == OWL.Thing)
        assert not (p == OWL.sameAs and s == o)
    # a derived fact a reader cares about: the inner shell is a shell (pk:hasInnerShell is a
    # sub-property of pk:hasShell)
    assert (PKR["hs-MAPbBr3-SiO2-PS-dualshell-ref49"], PK.hasShell, PKR["mat-SiO2"]) in rl.inferred


# --- Inconsistency --------------------------------------------------------------------------------
JANUS_FULLY_COATED = (PKR["hs-CsPbBr3-SiO2-janus-ref24"], PK.hasCoverage, PK.FullCoverage)


@pytest.fixture(scope="module")
def clashing(shipped) -> Graph:
    graph = Graph() + shipped
    graph.add(JANUS_FULLY_COATED)
    return graph


def _named_clashes(conflicts):
    return {(short(c.individual), c.axiom) for c in conflicts}


CLASHES = {
    ("pkr:hs-CsPbBr3-SiO2-janus-ref24",
     "pk:FullyEncapsulatedStatedOrImplied owl:disjointWith pk:PartiallyCoatedHeterostructure"),
    ("pkr:hs-CsPbBr3-SiO2-janus-ref24", "pk:hasCoverage a owl:FunctionalProperty"),
}


def test_rl_names_the_individual_and_the_axioms_of_a_clash(clashing):
    result = _reason(clashing, "rl")
    assert not result.consistent
    assert _named_clashes(result.conflicts) == CLASHES


@pytest.mark.slow
def test_dl_refuses_an_inconsistent_graph_and_names_the_clash(clashing):
    with pytest.raises(analysis.Inconsistent) as raised:
        reason.infer(clashing, "dl")
    assert raised.value.exit_code == 1
    assert _named_clashes(raised.value.conflicts) == CLASHES
    assert not _reason(clashing, "dl").consistent


@pytest.mark.parametrize("engine", ENGINES)
def test_an_unsatisfiable_class_is_named(constructs, engine):
    graph = Graph() + constructs
    graph.parse(data="@prefix pk: <https://w3id.org/perovskite-kg/ontology#> .\n"
                "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                "pk:MetalOxide rdfs:subClassOf pk:Metal , pk:Oxide .\n", format="turtle")
    result = _reason(graph, engine)
    assert result.consistent and not result.passed  # no individual is a pk:MetalOxide
    assert result.unsatisfiable == (PK.MetalOxide,)  # pk:Metal and pk:Oxide are disjoint


# --- The command, Java and the network ---------------------------------------------------------
def _project(tmp_path: Path, *extra: tuple[str, str]) -> Path:
    """A copy of the shipped ontology and of section 3.1 with its companions, plus `extra` files."""
    for folder in ("ontology", "queries"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "graph").mkdir()
    for name in ("materials.ttl", "references.ttl", "review.ttl", "section-3-1-oxide.ttl"):
        shutil.copy(ROOT / "graph" / name, tmp_path / "graph" / name)
    for name, text in extra:
        (tmp_path / "graph" / name).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)  # a checkout: the cache goes to tmp_path/.cache
    return tmp_path


CLASH_FILE = ("zz-clash.ttl", "@prefix pk: <https://w3id.org/perovskite-kg/ontology#> .\n"
              "@prefix pkr: <https://w3id.org/perovskite-kg/resource/> .\n"
              "pkr:hs-CsPbBr3-SiO2-janus-ref24 pk:hasCoverage pk:FullCoverage .\n")


@pytest.mark.parametrize("engine", ENGINES)
def test_reason_command_reports_a_clash_and_exits_1(run_cli, tmp_path, engine):
    root = _project(tmp_path, CLASH_FILE)
    done = run_cli("--root", str(root), "reason", "--reasoner", engine)
    assert done.returncode == 1, done.stderr
    assert "consistent: NO" in done.stdout
    for individual, axiom in CLASHES:
        assert individual in done.stdout and axiom in done.stdout
    assert "Exception" not in done.stdout + done.stderr
    assert "\tat " not in done.stdout + done.stderr  # no Java stack trace


def test_reason_command_lists_members(run_cli, tmp_path):
    done = run_cli("--root", str(_project(tmp_path)), "reason")
    assert done.returncode == 0, done.stderr
    assert "consistent: yes" in done.stdout
    block = done.stdout.split("pk:FullyEncapsulatedNanocrystal")[1].split("  pk:")[0]
    assert {line.strip() for line in block.splitlines()[1:] if line.strip()} == {
        f"pkr:{m}" for m in SECTION_3_1["FullyEncapsulatedNanocrystal"]}


def test_dl_without_java_says_so_in_one_line(run_cli, tmp_path):
    done = run_cli("--root", str(_project(tmp_path)), "reason", "--reasoner", "dl",
                   env={"PATH": str(Path(sys.executable).parent)})
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Java" in done.stderr


def test_hermit_gets_a_timeout(constructs, monkeypatch):
    monkeypatch.setattr(hermit, "JAVA_TIMEOUT_SECONDS", 0.01)
    with pytest.raises(InputError, match="did not finish"):
        reason.infer(constructs, "dl")


def test_a_java_failure_is_one_line(constructs, monkeypatch):
    monkeypatch.setattr(hermit, "JAVA_HEAP", "1k")  # the JVM refuses to start
    with pytest.raises(InputError) as raised:
        reason.infer(constructs, "dl")
    assert raised.value.message.startswith("HermiT failed: ")
    assert "\n" not in raised.value.message


@pytest.mark.parametrize("engine", ENGINES)
def test_owl_imports_are_never_followed(constructs, engine):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        graph = Graph() + constructs
        ontology = next(graph.subjects(RDF.type, OWL.Ontology))
        graph.add((ontology, OWL.imports, URIRef(f"http://127.0.0.1:{port}/other.owl")))
        reason.infer(graph, engine)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected


def test_literals_come_back_as_they_were_given(rl):
    # `reasonable` hands literals back as "x"^^xsd:string; inferred triples keep the given terms
    assert not any(str(o.datatype).endswith("#string")
                   for o in rl.inferred.objects() if isinstance(o, Literal))
    assert (None, PK.leastValue, Literal(Decimal("17.8"))) in rl.inferred  # Table 1 row 1, bare


def test_an_unknown_engine_is_a_usage_error(constructs):
    with pytest.raises(InputError, match="unknown reasoner"):
        reason.infer(constructs, "owlrl")

