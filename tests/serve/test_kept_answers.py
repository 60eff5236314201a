"""`serve` answers a stored query from the answers `build` kept over the same graph, as `query`
does, and keeps none itself: what a request asks must not fill the server's disk."""

import json
import shutil

import httpx
import pytest
from support import REPO, live

pytestmark = pytest.mark.slow  # a build and a server of its own: ~15 s

MARK = "read from the kept answer"


def test_a_stored_query_is_answered_from_the_kept_answer_and_requests_keep_nothing(
        tmp_path, run_cli, allow_address):
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    assert run_cli("--root", str(tmp_path), "build").returncode == 0
    [answers] = (tmp_path / ".cache").glob("*/answers-rl")
    kept = sorted(answers.glob("*.srj"))
    assert len(kept) >= 30  # build keeps every stored query's default answer
    # Every kept answer says where it came from: a server that computed would not say it.
    marked = {"head": {"vars": ["shell"]},
              "results": {"bindings": [{"shell": {"type": "literal", "value": MARK}}]}}
    for path in kept:
        path.write_text(json.dumps(marked))
    server = live.Live(root=tmp_path)
    try:
        allow_address(live.HOST, server.port)
        shown = httpx.get(f"{server.base}/queries/amorphous-shells",
                          headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert shown.status_code == 200, shown.text
        assert shown.json()["results"]["bindings"] == marked["results"]["bindings"]
        # Not kept: a parameter's other value, and an ad-hoc query. Both are computed, right.
        other = httpx.get(f"{server.base}/queries/water-resistant-shells",
                          params={"minDays": "30"}, timeout=30)
        assert [(r["remnantPlPercent"]["value"], r["durationDays"]["value"])
                for r in other.json()["results"]["bindings"]] == [("85", "84")]  # Table 1
        asked = httpx.get(f"{server.base}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert asked.json()["boolean"] is True
    finally:
        server.stop()
    assert sorted(answers.glob("*.srj")) == kept
