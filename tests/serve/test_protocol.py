"""The SPARQL 1.1 Protocol cases of the W3C protocol test suite that apply to a read-only endpoint,
against a live server on loopback: query by GET, POST form and POST direct; content negotiation;
default-graph-uri and named-graph-uri; malformed requests and updates refused with 400.

Expected values come from the review: Table 1 row 1 gives CsPbBr3/SiO2 Janus NCs (ref. 24) a PL
peak of 517 nm and a PLQY of 80%."""

import json

import httpx
import pytest

pytestmark = pytest.mark.slow

PEAK = ("PREFIX pk: <https://w3id.org/perovskite-kg/ontology#> "
        "SELECT ?peak WHERE { <https://w3id.org/perovskite-kg/resource/hs-CsPbBr3-SiO2-janus-ref24> "
        "pk:plPeak/pk:numericValue ?peak }")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ASSERTED = "https://w3id.org/perovskite-kg/resource/graph/asserted"
INFERRED = "https://w3id.org/perovskite-kg/resource/graph/inferred"
JSON = "application/sparql-results+json"


def _peak(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(JSON)
    return response.json()["results"]["bindings"][0]["peak"]["value"]


def _count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_query_get(endpoint):
    assert _peak(httpx.get(f"{endpoint}/sparql", params={"query": PEAK})) == "517"


def test_query_post_form(endpoint):
    assert _peak(httpx.post(f"{endpoint}/sparql", data={"query": PEAK})) == "517"


def test_query_post_direct(endpoint):
    response = httpx.post(f"{endpoint}/sparql", content=PEAK.encode(),
                          headers={"Content-Type": "application/sparql-query"})
    assert _peak(response) == "517"


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+json;q=0.5, text/csv;q=0.9", "text/csv"),
    ("*/*", JSON),
])
def test_content_negotiation_select(endpoint, accept, media):
    response = httpx.get(f"{endpoint}/sparql", params={"query": PEAK}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "517" in response.text


def test_content_negotiation_ask_and_construct(endpoint):
    ask = httpx.get(f"{endpoint}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                    headers={"Accept": "application/sparql-results+xml"})
    assert ask.headers["content-type"].startswith("application/sparql-results+xml")
    assert "<boolean>true</boolean>" in ask.text
    construct = httpx.get(f"{endpoint}/sparql", headers={"Accept": "application/n-triples"},
                          params={"query": PEAK.replace("SELECT ?peak WHERE", "CONSTRUCT "
                                  "{ <urn:x:hs> pk:plPeak ?peak } WHERE")})
    assert construct.headers["content-type"].startswith("application/n-triples")
    assert '"517"' in construct.text


def test_unacceptable_format_is_406(endpoint):
    response = httpx.get(f"{endpoint}/sparql", params={"query": "ASK {}"},
                         headers={"Accept": "text/csv"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


def test_default_graph_uri_chooses_the_graph(endpoint):
    url = f"{endpoint}/sparql"
    union = _count(httpx.get(url, params={"query": COUNT}))
    asserted = _count(httpx.get(url, params={"query": COUNT, "default-graph-uri": ASSERTED}))
    inferred = _count(httpx.post(url, data={"query": COUNT, "default-graph-uri": INFERRED}))
    both = _count(httpx.get(url, params=[("query", COUNT), ("default-graph-uri", ASSERTED),
                                         ("default-graph-uri", INFERRED)]))
    assert 0 < inferred < asserted
    assert asserted + inferred == union == both


def test_named_graph_uri_limits_graph(endpoint):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = httpx.get(f"{endpoint}/sparql",
                         params={"query": query, "named-graph-uri": INFERRED})
    assert response.status_code == 200
    graphs = [b["g"]["value"] for b in response.json()["results"]["bindings"]]
    assert graphs == [INFERRED]


@pytest.mark.parametrize("request_kwargs, reason", [
    ({"method": "PUT", "content": PEAK}, "Method Not Allowed"),
    ({"params": [("query", PEAK), ("query", PEAK)]}, "exactly one 'query'"),
    ({"method": "POST", "content": PEAK, "headers": {"Content-Type": "text/plain"}},
     "POST a query as"),
    ({"method": "POST", "content": PEAK}, "POST a query as"),
    ({"method": "POST", "content": "ASK {}".encode() + b"\xff",
      "headers": {"Content-Type": "application/sparql-query"}}, "not UTF-8"),
    ({"params": {"query": "SELEC * WHERE { ?s ?p ?o }"}}, "syntax error"),
    ({"params": {"query": COUNT, "default-graph-uri": "http://example.org/other"}},
     "default-graph-uri <http://example.org/other> is not allowed"),
    ({"params": {"query": "x" * 20_001}}, "the limit is 20000"),
])
def test_bad_requests_are_refused(endpoint, request_kwargs, reason):
    kwargs = dict(request_kwargs)
    method = kwargs.pop("method", "GET")
    response = httpx.request(method, f"{endpoint}/sparql", **kwargs)
    assert response.status_code in (400, 405), response.text
    assert reason in response.text


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_updates_are_refused(endpoint, how):
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    if how == "get":
        response = httpx.get(f"{endpoint}/sparql", params={"update": update})
    elif how == "form":
        response = httpx.post(f"{endpoint}/sparql", data={"update": update})
    else:
        response = httpx.post(f"{endpoint}/sparql", content=update,
                              headers={"Content-Type": "application/sparql-update"})
    assert response.status_code == 400
    assert "updates (LOAD, INSERT, DELETE, CLEAR, ...) are not allowed" in response.text
    after = httpx.get(f"{endpoint}/sparql", params={"query": "ASK { <urn:x:a> ?p ?o }"})
    assert after.json()["boolean"] is False


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
    "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
    "SELECT * WHERE { ?s ?p }",
])
def test_the_endpoint_refuses_what_the_command_line_refuses(endpoint, run_cli, query):
    """The 400 body is the command line's one-line reason, word for word."""
    response = httpx.get(f"{endpoint}/sparql", params={"query": query})
    done = run_cli("query", "--sparql", query)
    assert response.status_code == 400 and done.returncode == 2
    assert done.stderr.strip() == f"perovskite-kg: {response.text.strip()}"


def test_service_description_on_a_plain_get(endpoint):
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF

    response = httpx.get(f"{endpoint}/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    service = URIRef(f"{endpoint}/sparql")
    assert (service, RDF.type, URIRef(sd + "Service")) in graph
    names = {str(o) for o in graph.objects(None, URIRef(sd + "name"))}
    assert names == {ASSERTED, INFERRED}


def test_browser_on_a_plain_get_is_sent_to_the_editor(endpoint):
    response = httpx.get(f"{endpoint}/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 303 and response.headers["location"] == "/editor"


def test_cors_lets_another_origin_query(endpoint):
    preflight = httpx.options(f"{endpoint}/sparql", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.status_code == 200
    response = httpx.get(f"{endpoint}/sparql", params={"query": PEAK},
                         headers={"Origin": "https://yasgui.example"})
    assert response.headers["access-control-allow-origin"] == "*"


def test_body_limit(endpoint):
    response = httpx.post(f"{endpoint}/sparql", content=b"query=" + b"a" * 70_000,
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert "larger than 64000 bytes" in response.text


def test_json_is_valid_for_empty_answers(endpoint):
    response = httpx.get(f"{endpoint}/sparql", params={"query": "SELECT ?s WHERE { ?s <urn:x:none> ?o }"})
    assert json.loads(response.text)["results"]["bindings"] == []
