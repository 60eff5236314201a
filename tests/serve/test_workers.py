"""Bounded work on the live server (2 s timeout, 2 workers, a queue of 1): a query that runs too
long is stopped and its worker replaced; a full queue is answered 503 with Retry-After; and the
server answers the next simple query either way."""

import concurrent.futures

import httpx
import pytest

pytestmark = pytest.mark.slow

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _ask(endpoint: str) -> httpx.Response:
    return httpx.get(f"{endpoint}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=120)


def test_a_query_past_its_deadline_is_stopped_and_the_next_is_answered(endpoint):
    response = httpx.get(f"{endpoint}/sparql", params={"query": CARTESIAN}, timeout=60)
    assert response.status_code == 503
    assert "ran for more than 2 s, the server's limit, and was stopped" in response.text
    after = _ask(endpoint)
    assert after.status_code == 200 and after.json()["boolean"] is True


def test_a_full_queue_is_503_with_retry_after(endpoint):
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        futures = [pool.submit(httpx.get, f"{endpoint}/sparql", params={"query": CARTESIAN},
                               timeout=120) for _ in range(6)]
        responses = [f.result() for f in futures]
    busy = [r for r in responses if "the server is busy" in r.text]
    assert busy, [r.text for r in responses]
    assert all(r.status_code == 503 and r.headers["retry-after"] == "2" for r in busy)
    assert all(r.status_code == 503 for r in responses)
    assert _ask(endpoint).status_code == 200
