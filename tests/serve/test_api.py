"""The stored queries as an API (grlc-style): the listing and the OpenAPI document come from the
`#+` headers, and `/queries/NAME?param=value` binds parameters as the command line does."""

import httpx
import pytest
from support import REPO

from perovskite_kg.query import stored

pytestmark = pytest.mark.slow


def test_the_listing_holds_every_stored_query_with_its_header(endpoint):
    listed = {q["name"]: q for q in httpx.get(f"{endpoint}/queries").json()}
    files = {q.name: q for q in stored.stored(REPO)}
    assert set(listed) == set(files)
    for name, query in files.items():
        assert listed[name]["question"] == query.header["question"]
        assert [p["name"] for p in listed[name]["parameters"]] == [p.name for p in query.parameters]


def test_allowed_values_come_from_the_graph(endpoint):
    listed = {q["name"]: q for q in httpx.get(f"{endpoint}/queries").json()}
    metric = listed["figures-of-merit-best-first"]["parameters"][0]
    # The header names the metrics the review gives figures of merit for.
    assert {"pk:EQE", "pk:PCE", "pk:PhotoresponseRatio", "pk:OperationTime",
            "pk:DriveCurrent"} <= set(metric["allowed"])


def test_a_stored_query_with_a_parameter(endpoint):
    """Table 1: only CsPbBr3/TiO2 (ref. 29) keeps >= 80% after 30 days or more in water (84 days)."""
    response = httpx.get(f"{endpoint}/queries/water-resistant-shells", params={"minDays": "30"})
    assert response.status_code == 200
    rows = response.json()["results"]["bindings"]
    assert [(r["remnantPlPercent"]["value"], r["durationDays"]["value"]) for r in rows] == \
        [("85", "84")]


def test_a_parameter_by_its_label_or_local_name(endpoint):
    """As on the command line: `metric=PCE` is pk:PCE. Section 4: "a power conversion efficiency
    of 13.9%" for the CsPbI3/PbSe solar cells (ref. 68), the only PCE the review gives."""
    for given in ("PCE", "pk:PCE"):
        response = httpx.get(f"{endpoint}/queries/figures-of-merit-best-first",
                             params={"metric": given})
        assert response.status_code == 200, response.text
        rows = response.json()["results"]["bindings"]
        assert [r["value"]["value"] for r in rows] == ["13.9"], given
    miss = httpx.get(f"{endpoint}/queries/figures-of-merit-best-first", params={"metric": "PCF"})
    assert miss.status_code == 400 and "did you mean" in miss.text


def test_a_bad_parameter_gets_the_command_lines_reason(endpoint, run_cli):
    response = httpx.get(f"{endpoint}/queries/water-resistant-shells", params={"minDays": "abc"})
    done = run_cli("query", "water-resistant-shells", "--param", "minDays=abc")
    assert response.status_code == 400 and done.returncode == 2
    assert done.stderr.strip() == f"perovskite-kg: {response.text.strip()}"


def test_an_unknown_query_is_404(endpoint):
    response = httpx.get(f"{endpoint}/queries/no-such-question")
    assert response.status_code == 404 and "no stored query named 'no-such-question'" in response.text


def test_openapi_has_one_operation_per_stored_query(endpoint):
    document = httpx.get(f"{endpoint}/openapi.json").json()
    assert document["openapi"].startswith("3.")
    operations = {path: spec["get"] for path, spec in document["paths"].items()}
    assert set(operations) == {f"/queries/{q.name}" for q in stored.stored(REPO)}
    water = operations["/queries/water-resistant-shells"]
    assert {p["name"]: p["schema"]["default"] for p in water["parameters"]} == \
        {"minRemnantPercent": "80", "minDays": "7"}
