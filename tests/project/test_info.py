"""`perovskite-kg info` counts, checked against what the files hold."""

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from support import MINI_PROJECT, REPO, info_counts


def test_counts_of_the_mini_project(run_cli):
    # Counted by reading the fixture files (their header comments say what each holds).
    done = run_cli("--root", str(MINI_PROJECT), "info")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"perovskite-kg data in {MINI_PROJECT}"
    assert info_counts(done.stdout) == {
        "ontology/perovskite-kg.ttl": 17,
        "ontology/shapes.ttl": 5,
        "graph/heterostructures.ttl": 9,
        "graph/materials.ttl": 7,
        "total (distinct triples)": 38,
        "named classes": 4,
        "object properties": 2,
        "datatype properties": 1,
        "annotation properties": 1,
        "named individuals (graph/)": 6,
        "stored queries (queries/*.rq)": 2,
    }


def test_counts_of_the_shipped_data(run_cli):
    schema = sorted((REPO / "ontology").glob("*.ttl"))
    facts = sorted((REPO / "graph").glob("*.ttl"))
    graphs = {path: Graph().parse(path, format="turtle") for path in [*schema, *facts]}
    everything = Graph()
    for graph in graphs.values():
        everything += graph
    fact_graph = Graph()
    for path in facts:
        fact_graph += graphs[path]

    def named(*types):
        return {s for t in types for s in everything.subjects(RDF.type, t) if isinstance(s, URIRef)}

    # An individual: an IRI typed in graph/ that no file types with a built-in RDF, RDFS or OWL
    # type other than owl:NamedIndividual.
    builtin = {
        s
        for s, t in everything.subject_objects(RDF.type)
        if t != OWL.NamedIndividual and any(t.startswith(str(ns)) for ns in (RDF, RDFS, OWL))
    }
    individuals = {s for s in fact_graph.subjects(RDF.type) if isinstance(s, URIRef)} - builtin
    # and every typed blank node of graph/: each is a fact, which `load` names from its owner
    named_facts = {s for s in fact_graph.subjects(RDF.type) if isinstance(s, BNode)}
    expected = {str(path.relative_to(REPO)): len(graph) for path, graph in graphs.items()}
    expected |= {
        "total (distinct triples)": len(everything),
        "named classes": len(named(OWL.Class)),
        "object properties": len(named(OWL.ObjectProperty)),
        "datatype properties": len(named(OWL.DatatypeProperty)),
        "annotation properties": len(named(OWL.AnnotationProperty)),
        "named individuals (graph/)": len(individuals) + len(named_facts),
        "stored queries (queries/*.rq)": len(list((REPO / "queries").glob("*.rq"))),
    }

    done = run_cli("info", cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert info_counts(done.stdout) == expected
    assert expected["named classes"] > 0 and expected["named individuals (graph/)"] > 0
