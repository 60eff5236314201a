"""`perovskite-kg query` and `perovskite-kg queries`, run as the installed command.

Each output format is read back with a standard reader (csv, json, rdflib's SPARQL result
parsers, rdflib's Turtle parser). Queries that would reach outside the graph are refused before
anything runs; a loopback listener, which a SERVICE call or a FROM fetch would reach, proves that
nothing was sent.
"""

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.query import Result
from support import hostile

from perovskite_kg.namespaces import PKR
from perovskite_kg.query import stored as querystore

ROOT = Path(__file__).resolve().parents[2]
WATER = ["water-resistant-shells"]
# Table 1, "Stability after coating": >= 80% remnant PL after >= 7 days in water (refs 24, 25,
# 29, 37); see tests/query/test_queries.py for the passages.
WATER_REFERENCES = {"24", "25", "29", "37"}


def test_queries_lists_every_stored_query_with_id_and_summary(run_cli):
    done = run_cli("queries")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    stored = querystore.stored(ROOT)
    assert len(lines) == len(stored)
    for line, query in zip(lines, stored):
        assert line.split()[:2] == [query.name, query.header["id"]]
        assert line.endswith(query.header["summary"])


def test_table_format_is_aligned_with_a_row_count(run_cli):
    done = run_cli("query", *WATER)
    assert done.returncode == 0, done.stderr
    header, rule, *rows, count = done.stdout.splitlines()
    assert header.split() == list(querystore.find(ROOT, WATER[0]).expects.columns)
    assert set(rule) == {"-", " "} and count == "(4 rows)"
    assert {row.split()[-1] for row in rows} == WATER_REFERENCES


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv(run_cli, fmt, delimiter):
    done = run_cli("query", *WATER, "--format", fmt)
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout), delimiter=delimiter))
    columns = [c.lstrip("?") for c in rows[0]]
    assert columns == list(querystore.find(ROOT, WATER[0]).expects.columns)
    references = {r[columns.index("reference")].strip('"') for r in rows[1:]}
    assert references == WATER_REFERENCES
    parsed = Result.parse(io.StringIO(done.stdout), format=fmt)
    assert len(parsed) == 4


def test_json(run_cli):
    done = run_cli("query", *WATER, "--format", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["head"]["vars"] == list(querystore.find(ROOT, WATER[0]).expects.columns)
    assert {b["reference"]["value"] for b in document["results"]["bindings"]} == WATER_REFERENCES
    assert len(Result.parse(io.BytesIO(done.stdout.encode()), format="json")) == 4


def test_xml(run_cli):
    done = run_cli("query", *WATER, "--format", "xml")
    assert done.returncode == 0, done.stderr
    parsed = Result.parse(io.BytesIO(done.stdout.encode()), format="xml")
    assert {str(row["reference"]) for row in parsed} == WATER_REFERENCES


def test_ask_and_construct(run_cli):
    done = run_cli("query", "--sparql", "ASK { ?h a pk:FullyEncapsulatedNanocrystal }",
                   "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["boolean"] is True
    done = run_cli("query", "--sparql",
                   "CONSTRUCT { ?h a pk:MultiShellHeterostructure } "
                   "WHERE { ?h a pk:MultiShellHeterostructure }")
    assert done.returncode == 0, done.stderr
    graph = Graph().parse(data=done.stdout, format="turtle")
    # Fig. 3f: two dual-shelled MAPbBr3 [49]; 3.2: CsPbBr3/nCdS/Al2O3 [57]
    assert len(graph) == 3
    done = run_cli("query", "--sparql", "DESCRIBE pkr:mat-SiO2", "--format", "csv")
    assert done.returncode == 2 and "returns Turtle" in done.stderr


def test_from_the_project_graphs_tells_asserted_from_inferred(run_cli):
    """Membership of a defined class is never asserted, only inferred."""
    counts = {}
    for graph in ("asserted", "inferred"):
        done = run_cli("query", "--sparql",
                       f"SELECT (COUNT(?h) AS ?n) FROM <{PKR}graph/{graph}> "
                       "WHERE { ?h a pk:FullyEncapsulatedNanocrystal }", "--format", "csv")
        assert done.returncode == 0, done.stderr
        counts[graph] = int(done.stdout.splitlines()[1])
    # 3.1: only ref. 26 is stated to be fully coated ("Monodisperse, fully coated core/shell
    # CsPbBr3/SiO2 NCs"); the six implied ones are in pk:FullyEncapsulatedStatedOrImplied.
    assert counts == {"asserted": 0, "inferred": 1}


def test_parameters(run_cli):
    done = run_cli("query", *WATER, "--param", "minDays=30", "--format", "csv")
    assert done.returncode == 0, done.stderr
    # 85% after 84 days [29]; 100% after 23 days [37] is under 30 days
    assert [r["reference"] for r in csv.DictReader(io.StringIO(done.stdout))] == ["29"]
    for bad, message in ((["--param", "minDays=seven"], "not a valid decimal"),
                         (["--param", "days=7"], "takes minRemnantPercent, minDays"),
                         (["--param", "minDays"], "NAME=VALUE")):
        done = run_cli("query", *WATER, *bad)
        assert done.returncode == 2 and message in done.stderr, done.stderr


def test_unknown_query_name_lists_close_matches(run_cli):
    done = run_cli("query", "water-resistant")
    assert done.returncode == 2
    assert "did you mean: water-resistant-shells" in done.stderr


def test_syntax_error_is_located(run_cli, tmp_path):
    broken = tmp_path / "broken.rq"
    broken.write_text("#+ id: X-01\nSELECT ?x WHERE {\n  ?x ?p ?o .\n  FILTER (?x = )\n}\n")
    done = run_cli("query", str(broken))
    assert done.returncode == 2
    message = done.stderr.strip()
    assert message.startswith(f"perovskite-kg: {broken}:4:") or ":4:" in message, message
    assert "syntax error: expected" in message and "found" in message
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.fixture
def listener(allow_address):
    """A loopback TCP listener the query must never reach (`support.hostile.listener`); it
    records and drops every connection, so a query that does reach it fails fast."""
    with hostile.listener() as ((host, port), reached):
        allow_address(host, port)
        yield f"http://{host}:{port}/sparql"
    assert reached == [], "the query reached the loopback listener"


REFUSED = {
    "service": ("SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", "SERVICE is not allowed"),
    "service-silent": ("SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
                       "SERVICE is not allowed"),
    "service-variable": ("SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
                         "SERVICE is not allowed"),
    "service-in-exists": ("SELECT * WHERE {{ ?s a pk:Heterostructure "
                          "FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
                          "SERVICE is not allowed"),
    "service-in-subquery": ("SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> "
                            "{{ ?s ?p ?o }} }} }} }}", "SERVICE is not allowed"),
    "service-after-prefix": ("PREFIX ex: <http://example.org/>\n"
                             "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                             "SERVICE is not allowed"),
    "from": ("SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}", "FROM <"),
    "from-named": ("SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                   "FROM NAMED <"),
    "load": ("LOAD <{url}>", "updates"),
    "insert": ("INSERT DATA {{ <{url}> <{url}> <{url}> }}", "updates"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_outside_access_is_refused_and_nothing_is_sent(run_cli, listener, name):
    text, message = REFUSED[name]
    done = run_cli("query", "--sparql", text.format(url=listener))
    assert done.returncode == 2, done.stdout
    assert message in done.stderr


def test_from_a_file_is_refused(run_cli, tmp_path):
    secret = tmp_path / "secret.ttl"
    secret.write_text("<http://example.org/s> <http://example.org/p> 'secret' .\n")
    done = run_cli("query", "--sparql", f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}")
    assert done.returncode == 2 and "not allowed" in done.stderr
    assert "secret" not in done.stdout
