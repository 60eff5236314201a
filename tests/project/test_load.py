"""Loading good input in every supported format, file by file, without leaving the files."""

from rdflib import URIRef
from rdflib.namespace import OWL
from support import DATA, MINI_PROJECT, info_counts

from perovskite_kg.project import load

GOOD = DATA / "good-input"
# Triples in each file, counted by reading it (see data/README.md).
TRIPLES = {
    "imports-elsewhere.ttl": 3,
    "inline-context.jsonld": 4,
    "materials.nt": 4,
    "materials.rdf": 4,
}


def test_each_format_loads_into_its_own_graph_in_the_given_order():
    paths = [GOOD / name for name in sorted(TRIPLES)]
    loaded = load.load_files(paths)
    assert [f.path for f in loaded] == paths
    assert {f.path.name: len(f.graph) for f in loaded} == TRIPLES


def test_union_holds_every_triple_with_the_project_prefixes():
    loaded = load.load_files(sorted(GOOD.iterdir()))
    merged = load.union(loaded)
    assert len(merged) == sum(TRIPLES.values())
    assert dict(merged.namespaces())["pk"] == URIRef("https://w3id.org/perovskite-kg/ontology#")


def test_owl_imports_are_kept_but_never_followed():
    # The network guard fails this test if the loader tries to fetch either import.
    graph = load.load_file(GOOD / "imports-elsewhere.ttl")
    assert set(graph.objects(None, OWL.imports)) == {
        URIRef("http://127.0.0.1:9/unreachable.ttl"),
        URIRef("file:///etc/hostname"),
    }


def test_every_good_input_file_is_counted():
    assert {p.name for p in GOOD.iterdir()} == set(TRIPLES)


def test_info_counts_extra_files_of_every_format(run_cli):
    # The mini project has 6 named individuals (one a typed blank node `load` names from its
    # owner); the extra files add 2 + 2 + 2 (materials), and the ontology header of
    # imports-elsewhere.ttl is not an individual.
    extra = [str(GOOD / name) for name in sorted(TRIPLES)]
    done = run_cli("--root", str(MINI_PROJECT), "info", *extra)
    assert done.returncode == 0, done.stderr
    assert info_counts(done.stdout)["named individuals (graph/)"] == 12
