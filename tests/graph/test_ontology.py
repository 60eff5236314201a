"""The ontology's own quality bar: header, labels and definitions, defined classes, known terms.

Consistency, satisfiability and the classification of example individuals (and near misses)
under both reasoners are tested in test_reason.py.
"""
import os
import re
import shutil
import subprocess
import tomllib
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, VANN

import perovskite_kg
from perovskite_kg.namespaces import PK, PREFIXES
from perovskite_kg.project import load, names, paths

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "perovskite-kg.ttl"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
         OWL.NamedIndividual)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def declared(onto: Graph) -> set[URIRef]:
    return {s for s in onto.subjects(RDF.type, None)
            if isinstance(s, URIRef) and s.startswith(str(PK))}


def test_header_says_what_where_and_whose(onto):
    header = next(onto.subjects(RDF.type, OWL.Ontology))
    for prop in (OWL.versionIRI, OWL.priorVersion, DCTERMS.title, DCTERMS.description,
                 DCTERMS.license, DCTERMS.creator, DCTERMS.publisher, DCTERMS.created,
                 DCTERMS.issued, DCTERMS.modified):
        assert onto.value(header, prop) is not None, prop
    assert (header, DCTERMS.source, URIRef("https://doi.org/10.1039/d1nr05478c")) in onto


def test_header_gives_the_prefix_and_namespace_the_project_uses(onto):
    header = next(onto.subjects(RDF.type, OWL.Ontology))
    prefix = str(onto.value(header, VANN.preferredNamespacePrefix))
    assert PREFIXES[prefix] == PK
    assert str(onto.value(header, VANN.preferredNamespaceUri)) == str(PK)


def test_creator_and_publisher_are_an_agent_with_a_name_not_the_reviews_authors(onto):
    header = next(onto.subjects(RDF.type, OWL.Ontology))
    for prop in (DCTERMS.creator, DCTERMS.publisher):
        agent = onto.value(header, prop)
        assert isinstance(agent, URIRef) and (agent, RDF.type, FOAF.Organization) in onto
        assert "perovskite-kg" in str(onto.value(agent, FOAF.name))
    # the review (Zhong, Cao, Zhang) is the source, not the maker
    names = " ".join(str(o) for o in onto.objects(None, FOAF.name))
    assert not any(author in names for author in ("Zhong", "Cao", "Zhang"))


def test_every_annotation_of_the_header_uses_a_declared_annotation_property(onto):
    """OWL 2 DL: an ontology annotation needs an annotation property (built-ins excepted)."""
    header = next(onto.subjects(RDF.type, OWL.Ontology))
    builtin = {RDF.type, OWL.versionIRI, OWL.versionInfo, OWL.priorVersion, OWL.imports,
               RDFS.label, RDFS.comment, RDFS.seeAlso}
    used = set(onto.predicates(header, None)) - builtin
    assert sorted(p for p in used if (p, RDF.type, OWL.AnnotationProperty) not in onto) == []


def test_version_is_the_packages_and_the_prior_version_is_the_one_before(onto):
    header = next(onto.subjects(RDF.type, OWL.Ontology))
    package = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert package["tool"]["hatch"]["version"]["path"] == "src/perovskite_kg/__init__.py"
    written = (ROOT / "src" / "perovskite_kg" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'^__version__ = "([^"]+)"', written, re.M).group(1)
    assert str(onto.value(header, OWL.versionInfo)) == version
    assert str(onto.value(header, OWL.versionIRI)) == f"{header}/{version}"
    assert perovskite_kg.__version__ == version, (
        "the installed package is older than the checkout: run pip install -e '.[test]'")
    prior = str(onto.value(header, OWL.priorVersion))
    assert prior.startswith(f"{header}/") and _release(prior) < _release(version)


def _release(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.rsplit("/", 1)[-1].split("."))


def _commit_days(*options: str) -> list[str]:
    """The UTC days of the commits that changed the ontology file, as git gives them."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the history of the ontology file is not at hand")
    run = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    if run.stdout.strip() == "true":
        pytest.skip("a shallow clone does not hold the first commit of the ontology file")
    done = subprocess.run(["git", "log", *options, "--format=%ad",
                           "--date=format-local:%Y-%m-%d", "--", "ontology/perovskite-kg.ttl"],
                          cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "TZ": "UTC"})
    return done.stdout.split()


def test_issued_is_the_first_commit_of_the_file_and_modified_not_before_the_last(onto):
    header = next(onto.subjects(RDF.type, OWL.Ontology))
    days = _commit_days("--no-merges")
    if not days:
        pytest.skip("the ontology file is not committed yet")
    issued, modified = onto.value(header, DCTERMS.issued), onto.value(header, DCTERMS.modified)
    assert issued == Literal(date.fromisoformat(days[-1]))  # an xsd:date, as written
    assert modified.toPython() >= date.fromisoformat(days[0]), (
        "the ontology file changed after its dcterms:modified: set it to the day of the change")


def test_every_term_has_an_english_label_and_a_definition(onto):
    missing = []
    for term in sorted(declared(onto)):
        labels = [lbl for lbl in onto.objects(term, RDFS.label) if lbl.language == "en"]
        definitions = list(onto.objects(term, SKOS.definition))
        if not labels or not definitions:
            missing.append(term)
    assert missing == []


def test_every_term_is_declared_with_a_kind(onto):
    for term in declared(onto):
        assert any((term, RDF.type, kind) in onto for kind in KINDS) or any(
            (term, RDF.type, cls) in onto for cls in onto.subjects(RDF.type, OWL.Class)), term


def test_at_least_ten_defined_classes_one_with_a_datatype_restriction(onto):
    defined = {c for c in onto.subjects(OWL.equivalentClass, None) if c.startswith(str(PK))}
    assert len(defined) >= 10
    assert PK.WaterResistantHeterostructure in defined
    assert any(True for _ in onto.subjects(OWL.withRestrictions, None))


def test_the_domain_disjointness_the_reasoner_needs(onto):
    """Core/shell vs Janus and oxide vs metal are disjoint, so contradictory data is caught."""
    assert (PK.CoreShellHeterostructure, OWL.disjointWith, PK.JanusHeterostructure) in onto
    groups = [set(onto.items(onto.value(node, OWL.members)))
              for node in onto.subjects(RDF.type, OWL.AllDisjointClasses)]
    assert any({PK.Oxide, PK.Metal} <= group for group in groups)


def test_no_iri_reads_as_a_blank_node_to_the_owl_api():
    """The OWL API (Protégé, HermiT) takes any IRI containing "genid" for a blank node (and
    "chalcogenide" contains it), so none of the ontology, the facts, the names `load` gives the
    facts written as blank nodes, or the stored queries may: HermiT is given them unaltered."""
    files = [*paths.ontology_files(ROOT), paths.shapes_file(ROOT), *paths.graph_files(ROOT)]
    loaded = load.load_files(files)
    iris = {t for f in loaded for triple in f.graph for t in triple if isinstance(t, URIRef)}
    assert len(iris) > 1000 and any(names.minted(f.graph) for f in loaded)
    assert sorted(i for i in iris if "genid" in i.lower()) == []
    written = re.compile(r"<[^>\s]*genid[^>\s]*>|\b\w+:[\w.-]*genid[\w.-]*", re.IGNORECASE)
    assert [(q.name, m) for q in paths.query_files(ROOT)
            for m in written.findall(q.read_text(encoding="utf-8"))] == []


# --- every pk: term the project uses is declared: a misspelt term fails here ------------------

USES = [
    *[(p, r"\bpk:([A-Za-z][\w-]*)") for p in sorted((ROOT / "queries").glob("*.rq"))],
    *[(p, r"\bpk:([A-Za-z][\w-]*)") for p in sorted((ROOT / "graph").glob("*.ttl"))],
    *[(p, r"\bPK\.([A-Za-z]\w*)|PK\[\"([A-Za-z]\w*)\"\]")
      for p in sorted((ROOT / "src" / "perovskite_kg").rglob("*.py"))],
]


@pytest.mark.parametrize("path,pattern", USES, ids=lambda v: getattr(v, "name", ""))
def test_every_pk_term_used_is_declared(onto, path, pattern):
    known = {t[len(PK):] for t in declared(onto)}
    text = re.sub(r"(?m)#.*$", "", path.read_text(encoding="utf-8")) if path.suffix != ".py" \
        else path.read_text(encoding="utf-8")
    used = {name for match in re.finditer(pattern, text) for name in match.groups() if name}
    assert sorted(used - known) == []
