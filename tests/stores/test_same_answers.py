"""Every stored query gives the embedded engine's answer on Oxigraph server, Virtuoso 7 and Jena.

The graph goes in with `perovskite-kg push` (see conftest.py); each query runs as a user runs it,
`perovskite-kg query NAME --endpoint URL --format json`, and its rows are compared with the
embedded answer (pyoxigraph over the same two graphs) as multisets, since ORDER BY ties and the
rows of an unordered query may come in any order. Jena's ARQ reads the exported file instead,
the query's parameters bound in the VALUES block `query --endpoint` sends. Cells are compared as RDF values, not as
spellings, where a store may spell a value its own way:
- numbers of xsd:decimal and the types derived from it (xsd:integer, ...) by numeric value:
  Virtuoso returns a decimal with no fraction, such as a bound parameter 80.0, as xsd:integer;
- xsd:boolean by truth value: Virtuoso writes "1" and "0", both legal xsd:boolean forms;
- a column the query's header declares in `#+ lists:` as the set of its "; "-joined values,
  because SPARQL leaves the order inside GROUP_CONCAT to the engine.
Anything else, a string's datatype or language included, must be equal.
"""

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from perovskite_kg.query import guard, params, results, run
from perovskite_kg.query import stored as querystore

pytestmark = [pytest.mark.stores, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
QUERIES = querystore.stored(ROOT)
XSD = "http://www.w3.org/2001/XMLSchema#"
DECIMALS = {XSD + name for name in (
    "decimal integer long int short byte nonNegativeInteger positiveInteger nonPositiveInteger "
    "negativeInteger unsignedLong unsignedInt unsignedShort unsignedByte").split()}


def test_there_are_stored_queries():
    """Guard: the parametrised comparison would pass vacuously over an empty folder."""
    assert len(QUERIES) >= 32


@pytest.fixture(scope="module")
def embedded():
    return run.open_store(ROOT)


def embedded_answer(store, stored) -> dict:
    prepared = guard.prepare(stored)
    result = run.execute(store, prepared, params.bindings(stored, []))
    return json.loads(results.render(result, prepared, "json"))


def rows(answer: dict, lists: tuple[str, ...], booleans: frozenset = frozenset()):
    """The answer as a multiset of rows of comparable cells (or the boolean of an ASK).

    In `booleans` columns a number 0 or 1 is read as false or true: Virtuoso has no boolean type
    in its SQL engine and returns xsd:boolean values, a bound boolean parameter among them, as
    xsd:integer ("Bools will stay integers as long as there's no BOOL in our SQL engine",
    openlink/virtuoso-opensource#251).
    """
    if "boolean" in answer:
        return answer["boolean"]
    columns = answer["head"]["vars"]

    def read(column: str, term: dict | None):
        value = cell(term, column in lists)
        if column in booleans and value and value[0] == "number" and value[1] in (0, 1):
            return ("boolean", value[1] == 1)
        return value

    return Counter(tuple(read(c, row.get(c)) for c in columns)
                   for row in answer["results"]["bindings"])


def boolean_columns(answer: dict) -> frozenset:
    """The columns of an answer that hold xsd:boolean values."""
    bindings = answer.get("results", {}).get("bindings", [])
    return frozenset(c for row in bindings for c, term in row.items()
                     if term.get("datatype") == XSD + "boolean")


def cell(term: dict | None, is_list: bool):
    if term is None:
        return None
    kind, value = term["type"], term["value"]
    if kind == "bnode":
        return ("bnode",)  # labels are the store's own
    if kind == "uri":
        return ("iri", value)
    datatype = term.get("datatype")
    if datatype in DECIMALS:
        return ("number", Decimal(value).normalize())
    if datatype == XSD + "boolean":
        return ("boolean", value in ("true", "1"))
    if is_list:
        value = frozenset(value.split(querystore.LIST_SEPARATOR))
    return ("literal", value, datatype, term.get("xml:lang"))


@pytest.mark.parametrize("stored", QUERIES, ids=lambda q: q.name)
def test_same_answer_as_embedded(server, embedded, run_cli, stored):
    done = run_cli("query", stored.name, "--endpoint", server.endpoint, "--format", "json")
    assert done.returncode == 0, done.stderr
    answer = embedded_answer(embedded, stored)
    local = rows(answer, stored.lists)
    theirs = rows(json.loads(done.stdout), stored.lists, boolean_columns(answer))
    assert_same(stored.name, server.name, local, theirs)


@pytest.mark.parametrize("stored", QUERIES, ids=lambda q: q.name)
def test_same_answer_on_jena(jena, embedded, stored):
    prepared = guard.prepare(stored)
    answer = embedded_answer(embedded, stored)
    text = params.with_values(prepared.query.text, params.bindings(stored, []))
    remote_answer = jena.answer(text)
    assert_same(stored.name, "jena", rows(answer, stored.lists),
                rows(remote_answer, stored.lists, boolean_columns(answer)))


def assert_same(name: str, store: str, local, remote) -> None:
    if remote != local:
        missing, extra = local - remote, remote - local
        pytest.fail(f"{name} on {store}: {sum(missing.values())} embedded rows "
                    f"missing, {sum(extra.values())} extra; first missing "
                    f"{next(iter(missing), None)}; first extra {next(iter(extra), None)}")
