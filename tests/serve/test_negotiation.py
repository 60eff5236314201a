"""Content negotiation (RFC 9110 Accept with q-values) and where a protocol request's query is."""

import pytest

from perovskite_kg.errors import InputError
from perovskite_kg.serve import protocol

RESULTS = protocol.RESULTS_TYPES


@pytest.mark.parametrize("accept, chosen", [
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("text/csv;q=0.2, application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0.1, text/tab-separated-values;q=0.5",
     "text/tab-separated-values"),
    ("text/csv;q=0", None),
    ("image/png", None),
])
def test_negotiate(accept, chosen):
    assert protocol.negotiate(accept, RESULTS) == chosen


def test_ask_is_not_offered_as_csv():
    assert protocol.negotiate("text/csv", protocol.offers("ASK")) is None


def test_the_query_comes_from_the_right_place():
    form = protocol.parse("POST", protocol.FORM, "default-graph-uri=https%3A%2F%2Fw3id.org%2F"
                          "perovskite-kg%2Fresource%2Fgraph%2Finferred", b"query=ASK+%7B%7D", 100)
    assert form.query == "ASK {}"
    assert form.default_graphs == ("https://w3id.org/perovskite-kg/resource/graph/inferred",)
    direct = protocol.parse("POST", "application/sparql-query; charset=utf-8", "", b"ASK {}", 100)
    assert direct.query == "ASK {}"


@pytest.mark.parametrize("method, media, url, body, reason", [
    ("GET", "", "", b"", "no query"),
    ("POST", protocol.DIRECT, "query=ASK%7B%7D", b"ASK {}", "carries the query in its body"),
    ("GET", "", "query=" + "x" * 11, b"", "the limit is 10"),
    ("GET", "", "update=CLEAR+ALL", b"", "updates (LOAD, INSERT"),
])
def test_refused(method, media, url, body, reason):
    with pytest.raises(InputError, match=reason.replace("(", r"\(")):
        protocol.parse(method, media, url, body, 10)
