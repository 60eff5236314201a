"""The pages and the Linked Data views on the live server: HTML for browsers, Turtle and JSON-LD
by Accept, a strict Content-Security-Policy and no scripts."""

import json

import httpx
import pytest
from rdflib import Graph, Literal, URIRef

pytestmark = pytest.mark.slow

PKR = "https://w3id.org/perovskite-kg/resource/"
PK = "https://w3id.org/perovskite-kg/ontology#"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_home_lists_every_question_grouped_by_tag(endpoint):
    page = httpx.get(endpoint).text
    assert 'href="/questions/water-resistant-shells"' in page
    assert "Which coated nanocrystals keep at least 80% of their initial PL" in page
    assert 'id="tag-stability"' in page


def test_a_question_page_answers_with_links_to_resources(endpoint):
    page = httpx.get(f"{endpoint}/questions/water-resistant-shells", params={"minDays": "30"}).text
    answer = page.split('id="answer"')[1].split("</table>")[0]
    # Table 1: only CsPbBr3/TiO2 core/shell (ref. 29) keeps >= 80% for 30 days or more (84 days).
    assert answer.count("<tr>") == 2
    assert 'href="/resource/hs-CsPbBr3-TiO2-coreshell-ref29"' in answer and ">84<" in answer


def test_a_resource_page_is_the_card(endpoint):
    page = httpx.get(f"{endpoint}/resource/hs-CsPbBr3-SiO2-janus-ref24",
                     headers={"Accept": BROWSER}).text
    # Table 1 row 1: PL peak 517 nm, ref. 24.
    assert "PL peak" in page and ">517<" in page and "nanometre" in page
    assert 'href="/resource/ref-24"' in page and 'href="/resource/table-1-row-1"' in page


def test_a_part_without_a_label_is_headed_by_its_role_and_owner(endpoint):
    # Fig. 2f, ref. 24: "High stability of CsPbBr3/SiO2 Janus NCs", a finding written as a blank
    # node in graph/ and named after its owner.
    page = httpx.get(f"{endpoint}/resource/hs-CsPbBr3-SiO2-janus-ref24-hasFinding-"
                     "ImprovedStability", headers={"Accept": BROWSER}).text
    assert "<h1>finding of CsPbBr3/SiO2 Janus NCs (ref. 24)</h1>" in page
    assert "High stability of CsPbBr3/SiO2 Janus NCs." in page
    assert 'href="/resource/hs-CsPbBr3-SiO2-janus-ref24"' in page


@pytest.mark.parametrize("accept, parser", [("text/turtle", "turtle"),
                                            ("application/ld+json", "json-ld")])
def test_a_resource_answers_rdf_by_accept(endpoint, accept, parser):
    response = httpx.get(f"{endpoint}/resource/hs-CsPbBr3-SiO2-janus-ref24",
                         headers={"Accept": accept})
    assert response.headers["content-type"].startswith(accept)
    assert response.headers["vary"].startswith("Accept")
    graph = Graph().parse(data=response.text, format=parser)
    subject = URIRef(PKR + "hs-CsPbBr3-SiO2-janus-ref24")
    assert (subject, URIRef(PK + "hasShell"), URIRef(PKR + "mat-SiO2")) in graph
    peaks = {graph.value(q, URIRef(PK + "numericValue"))
             for q in graph.objects(subject, URIRef(PK + "plPeak"))}
    assert peaks == {Literal(517)}


def test_the_ontology_answers_html_and_turtle(endpoint):
    page = httpx.get(f"{endpoint}/ontology", headers={"Accept": BROWSER}).text
    assert "<title>Ontology · perovskite-kg</title>" in page
    assert 'id="WaterResistantHeterostructure"' in page and 'id="Janus"' in page
    # Defined classes in words, e.g. the bridging-ligand route (ontology/perovskite-kg.ttl).
    assert "synthesis route and (has ligand some bridging ligand)" in page
    turtle = httpx.get(f"{endpoint}/ontology", headers={"Accept": "text/turtle"}).text
    graph = Graph().parse(data=turtle, format="turtle")
    assert (URIRef(PK + "WaterResistantHeterostructure"), None, None) in graph


def test_unknown_resource_is_404(endpoint):
    assert httpx.get(f"{endpoint}/resource/no-such-thing").status_code == 404


@pytest.mark.parametrize("path", ["/", "/questions/water-resistant-shells", "/editor",
                                  "/resource/ref-24", "/ontology", "/search?q=SiO2"])
def test_pages_have_a_strict_policy_and_no_scripts(endpoint, path):
    response = httpx.get(f"{endpoint}{path}", headers={"Accept": BROWSER})
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert "<script" not in response.text.lower()


def test_search_finds_labels(endpoint):
    page = httpx.get(f"{endpoint}/search", params={"q": "Janus NCs (ref. 24)"}).text
    assert 'href="/resource/hs-CsPbBr3-SiO2-janus-ref24"' in page


def test_the_editor_runs_a_query(endpoint):
    page = httpx.get(f"{endpoint}/editor", params={
        "query": f"SELECT ?label WHERE {{ <{PKR}ref-24> rdfs:label ?label }}"}).text
    # The review's ref. 24: "J. Am. Chem. Soc., 2018, 140, 406-412".
    assert "J. Am. Chem. Soc., 2018, 140, 406" in page


def test_json_listing_is_json(endpoint):
    assert isinstance(json.loads(httpx.get(f"{endpoint}/queries").text), list)


def test_the_description_of_the_dataset_names_this_endpoint_and_counts_what_it_serves(endpoint):
    response = httpx.get(f"{endpoint}/.well-known/void")
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/turtle")
    void = "http://rdfs.org/ns/void#"
    graph = Graph().parse(data=response.text, format="turtle")
    dataset = URIRef(PKR + "dataset")
    assert graph.value(dataset, URIRef(void + "sparqlEndpoint")) == URIRef(f"{endpoint}/sparql")
    counted = httpx.post(f"{endpoint}/sparql", data={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"}).json()
    triples = int(counted["results"]["bindings"][0]["n"]["value"])
    assert graph.value(dataset, URIRef(void + "triples")).toPython() == triples
