"""The VoID and DCAT description: every number it states is counted again here, independently,
with rdflib over the N-Quads export it describes; every file it lists has the size and media type
it states; licence, dates, version and source are the ontology header's; no clock is read.
"""

import random
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, VOID

from perovskite_kg import export, reason
from perovskite_kg.errors import InputError
from perovskite_kg.export import bundle, void
from perovskite_kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, PK, PKR
from perovskite_kg.project import load, paths

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://kg.example.org/"
REVIEW = URIRef("https://doi.org/10.1039/d1nr05478c")
MEDIA = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
         ".rdf": "application/rdf+xml", ".trig": "application/trig", ".nq": "application/n-quads"}
"""The registered media type of each extension (IANA), written here, not read from the code."""
URI_SPACE = "https://w3id.org/perovskite-kg/"


def _sources() -> Graph:
    return load.union(load.load_files([*paths.ontology_files(ROOT), *paths.graph_files(ROOT)]))


def _described(asserted: Graph, inferred: Graph) -> tuple[list[bundle.Export], bytes]:
    exports = bundle.render(asserted, inferred, "rl")
    downloads = BASE + export.DOWNLOADS
    graph = void.describe(void.quads(asserted, inferred), downloads + export.DESCRIPTION,
                          "OWL 2 RL", exports, downloads, BASE + export.SPARQL_PATH)
    return exports, void.render(graph)


@pytest.fixture(scope="module")
def built() -> tuple[dict[str, bytes], Graph, bytes]:
    asserted = _sources()
    exports, data = _described(asserted, reason.infer(asserted, "rl"))
    return {e.name: e.data for e in exports}, Graph().parse(data=data, format="turtle"), data


@pytest.fixture(scope="module")
def counted(built) -> dict[URIRef, set]:
    """The named graphs of the N-Quads export, read by rdflib: graph name -> its triples."""
    files, _, _ = built
    dataset = Dataset().parse(data=files["perovskite-kg-reasoned.nq"], format="nquads")
    return {name: set(dataset.graph(name)) for name in (URIRef(ASSERTED_GRAPH),
                                                        URIRef(INFERRED_GRAPH))}


def _numbers(triples: set) -> dict[URIRef, int]:
    subjects = {s for s, _, _ in triples}
    return {VOID.triples: len(triples), VOID.distinctSubjects: len(subjects),
            VOID.distinctObjects: len({o for _, _, o in triples}),
            VOID.properties: len({p for _, p, _ in triples}),
            VOID.classes: len({o for _, p, o in triples if p == RDF.type}),
            VOID.entities: sum(1 for s in subjects
                               if isinstance(s, URIRef) and s.startswith(URI_SPACE))}


def _stated(description: Graph, node: URIRef) -> dict[URIRef, int]:
    return {p: description.value(node, p).toPython() for p in _numbers(set())}


def test_the_dataset_and_each_named_graph_have_the_counts_the_export_gives(built, counted):
    _, description, _ = built
    union = counted[URIRef(ASSERTED_GRAPH)] | counted[URIRef(INFERRED_GRAPH)]
    assert _stated(description, PKR["dataset"]) == _numbers(union)
    for name, triples in counted.items():
        holder = next(description.subjects(URIRef("http://www.w3.org/ns/sparql-service-"
                                                  "description#name"), name))
        subset = description.value(holder, URIRef("http://www.w3.org/ns/sparql-service-"
                                                  "description#graph"))
        assert (PKR["dataset"], VOID.subset, subset) in description
        assert _stated(description, subset) == _numbers(triples), name


def test_every_class_and_property_partition_is_counted_right(built, counted):
    _, description, _ = built
    union = counted[URIRef(ASSERTED_GRAPH)] | counted[URIRef(INFERRED_GRAPH)]
    members: dict[URIRef, set] = defaultdict(set)
    for s, p, o in union:
        if p == RDF.type:
            members[o].add(s)
    stated = {}
    for part in description.objects(PKR["dataset"], VOID.classPartition):
        stated[description.value(part, VOID["class"])] = (
            description.value(part, VOID.entities).toPython(),
            description.value(part, VOID.distinctSubjects).toPython())
    assert stated == {cls: (sum(1 for m in found if isinstance(m, URIRef)
                                and m.startswith(URI_SPACE)), len(found))
                      for cls, found in members.items()}
    uses = Counter(p for _, p, _ in union)
    stated = {description.value(part, VOID.property): description.value(part, VOID.triples)
              .toPython() for part in description.objects(PKR["dataset"], VOID.propertyPartition)}
    assert stated == dict(uses)
    # the review's Table 1 row 3 is one of the core/shell heterostructures counted
    assert (PKR["hs-CsPbBr3-SiO2-coreshell-ref26"], RDF.type, PK.CoreShellHeterostructure) in union


def test_every_file_is_a_distribution_with_its_size_media_type_and_address(built):
    files, description, _ = built
    listed = set(description.subjects(RDF.type, DCAT.Distribution))
    assert {str(d).rsplit("/", 1)[-1] for d in listed} == set(files) - {bundle.CONTEXT}
    for dist in listed:
        name = str(dist).rsplit("/", 1)[-1]
        assert str(dist) == f"{BASE}downloads/{name}"
        assert description.value(dist, DCAT.downloadURL) == dist
        assert description.value(dist, DCAT.byteSize).toPython() == len(files[name])
        extension = "." + name.rsplit(".", 1)[-1]
        assert description.value(dist, DCAT.mediaType) == URIRef(
            "https://www.iana.org/assignments/media-types/" + MEDIA[extension])
        holder = next(description.subjects(DCAT.distribution, dist))
        assert (holder, VOID.dataDump, dist) in description
        expected = {"perovskite-kg-inferred": PKR["dataset-inferred"],
                    "perovskite-kg-reasoned": PKR["dataset"]}.get(name.split(".")[0],
                                                                  PKR["dataset-asserted"])
        assert holder == expected, name


def test_licence_makers_dates_version_and_source_are_the_ontology_headers(built):
    _, description, _ = built
    ontology = Graph().parse(ROOT / "ontology" / "perovskite-kg.ttl")
    header = next(ontology.subjects(RDF.type, OWL.Ontology))
    dataset = PKR["dataset"]
    for prop in (DCTERMS.license, DCTERMS.creator, DCTERMS.publisher, DCTERMS.issued,
                 DCTERMS.modified, OWL.versionInfo):
        assert set(description.objects(dataset, prop)) == set(ontology.objects(header, prop))
    assert description.value(dataset, DCTERMS.conformsTo) == ontology.value(header,
                                                                          OWL.versionIRI)
    assert description.value(dataset, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    assert REVIEW in set(description.objects(dataset, DCTERMS.source))
    agent = description.value(dataset, DCTERMS.creator)
    assert description.value(agent, FOAF.name) == Literal("perovskite-kg contributors")


def test_endpoint_examples_and_vocabularies(built, counted):
    _, description, _ = built
    dataset = PKR["dataset"]
    assert description.value(dataset, VOID.sparqlEndpoint) == URIRef(BASE + "sparql")
    union = counted[URIRef(ASSERTED_GRAPH)] | counted[URIRef(INFERRED_GRAPH)]
    examples = set(description.objects(dataset, VOID.exampleResource))
    assert len(examples) == void.EXAMPLES
    assert all((e, RDF.type, PK.Heterostructure) in union for e in examples)
    vocabularies = set(description.objects(dataset, VOID.vocabulary))
    assert {URIRef("https://w3id.org/perovskite-kg/ontology"), URIRef(str(DCTERMS)),
            URIRef("http://purl.org/ontology/bibo/")} <= vocabularies
    assert description.value(dataset, VOID.uriSpace) == Literal(URI_SPACE)
    assert void.URI_SPACE == URI_SPACE == export.DEFAULT_BASE


def test_the_same_sources_give_the_same_description_and_no_clock_is_read(built):
    _, _, data = built
    shuffled = list(_sources())
    random.Random(11).shuffle(shuffled)
    asserted = Graph()
    for triple in shuffled:
        asserted.add(triple)
    assert _described(asserted, reason.infer(asserted, "rl"))[1] == data
    assert b"dateTime" not in data  # the only dates are the ontology header's xsd:dates


@pytest.mark.parametrize("given, expected", [("https://kg.example.org", "https://kg.example.org/"),
                                             ("http://127.0.0.1:8000/kg/",
                                              "http://127.0.0.1:8000/kg/")])
def test_a_base_url_ends_with_a_slash(given, expected):
    assert void.base_url(given) == expected


@pytest.mark.parametrize("given", ["kg.example.org", "ftp://kg.example.org/", "https://x/?q=1"])
def test_a_base_url_that_is_not_an_http_address_is_a_usage_error(given):
    with pytest.raises(InputError, match="--base-url") as raised:
        void.base_url(given)
    assert raised.value.exit_code == 2
