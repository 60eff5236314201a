"""SPARQLWrapper, the Python client knowledge-graph engineers use, against the live endpoint in
every result format. Values from Table 1 row 1 of the review: CsPbBr3/SiO2 Janus NCs (ref. 24),
PL peak 517 nm, PLQY 80%."""

import csv
import io
import json

import pytest
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper

pytestmark = pytest.mark.slow

HS = "<https://w3id.org/perovskite-kg/resource/hs-CsPbBr3-SiO2-janus-ref24>"
SELECT = f"SELECT ?peak ?plqy WHERE {{ {HS} pk:plPeak/pk:numericValue ?peak ; " \
         "pk:plqy/pk:numericValue ?plqy }"
CONSTRUCT = f"CONSTRUCT {{ {HS} pk:plqy ?q . ?q pk:numericValue ?v }} WHERE {{ {HS} pk:plqy ?q . " \
            "?q pk:numericValue ?v }"
PK = "https://w3id.org/perovskite-kg/ontology#"


def _client(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(f"PREFIX pk: <{PK}>\n{query}")
    client.setReturnFormat(fmt)
    return client


def test_json(endpoint):
    row = _client(endpoint, SELECT, JSON).queryAndConvert()["results"]["bindings"][0]
    assert (row["peak"]["value"], row["plqy"]["value"]) == ("517", "80")


def test_xml(endpoint):
    document = _client(endpoint, SELECT, XML).queryAndConvert()
    values = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert values == ["517", "80"]


@pytest.mark.parametrize("fmt, delimiter", [(CSV, ","), (TSV, "\t")])
def test_csv_and_tsv(endpoint, fmt, delimiter):
    text = _client(endpoint, SELECT, fmt).queryAndConvert().decode()
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [name.lstrip("?") for name in rows[0]]
    assert header == ["peak", "plqy"]
    assert [cell.split("^^")[0] for cell in rows[1]] == ["517", "80"]


@pytest.mark.parametrize("fmt, media, parser", [
    (TURTLE, "text/turtle", "turtle"),
    (N3, "application/n-triples", "nt"),
    (JSONLD, "application/ld+json", "json-ld"),
])
def test_graph_formats(endpoint, fmt, media, parser):
    client = _client(endpoint, CONSTRUCT, fmt)
    if fmt == N3:
        client.addCustomHttpHeader("Accept", media)
    response = client.query().response
    assert response.headers["Content-Type"].split(";")[0] == media
    body = response.read().decode()
    if parser == "json-ld":
        json.loads(body)
    graph = Graph().parse(data=body, format=parser)
    values = set(graph.objects(None, URIRef(PK + "numericValue")))
    assert [v.toPython() for v in values] == [Literal(80).toPython()]
    assert (URIRef(HS.strip("<>")), URIRef(PK + "plqy"), None) in graph
