"""The guard keeps the verdict of a passed parse of a query file, keyed by the text and the code
that decides it: read back for the same text and code, parsed again when either changes, never
kept for a refusal, and never a way around the checks on the text itself (SERVICE)."""

import json
import shutil
from pathlib import Path

import pytest
from support import REPO

from perovskite_kg.errors import InputError
from perovskite_kg.query import guard, parsing, stored

QUERY = stored.find(REPO, "plqy-ranking")


@pytest.fixture
def parses(monkeypatch) -> list:
    """The queries rdflib's parser is asked to read, in order."""
    asked = []
    real = parsing.read

    def counted(query):
        asked.append(query.text)
        return real(query)

    monkeypatch.setattr(parsing, "read", counted)
    return asked


def test_a_kept_verdict_is_read_instead_of_parsing(tmp_path, parses):
    first = guard.prepare(QUERY, tmp_path)
    assert guard.prepare(QUERY, tmp_path) == first
    assert len(parses) == 1
    assert [p.name for p in tmp_path.iterdir()] == [f"{guard.verdict_key(QUERY.text)}.json"]
    assert first.form == "SELECT" and "plqyPercent" in first.variables


def test_a_changed_text_is_parsed_again(tmp_path, parses):
    guard.prepare(QUERY, tmp_path)
    changed = QUERY._replace(text=QUERY.text + "\n# one more comment\n")
    guard.prepare(changed, tmp_path)
    assert len(parses) == 2


def _other_package_version(monkeypatch, tmp_path):
    monkeypatch.setattr(guard, "__version__", "0.0.0-other")


def _other_rdflib(monkeypatch, tmp_path):
    """rdflib's parser with one line added, as another release would differ."""
    changed = []
    for number, path in enumerate(guard.parser_files()):
        changed.append(tmp_path / f"{number}-{path.name}")
        changed[-1].write_bytes(path.read_bytes() + (b"\n# changed\n" if number == 0 else b""))
    monkeypatch.setattr(guard, "parser_files", lambda: changed)


def _other_guard_code(monkeypatch, tmp_path):
    """The guard's modules with one line added to text.py, as an edit would."""
    code = tmp_path / "code"
    code.mkdir()
    for name in guard._CODE:
        shutil.copy(Path(guard.__file__).parent / name, code / name)
    with open(code / "text.py", "a", encoding="utf-8") as out:
        out.write("\n# a changed rule\n")
    monkeypatch.setattr(guard, "__file__", str(code / "guard.py"))


@pytest.mark.parametrize("change", [_other_package_version, _other_rdflib, _other_guard_code],
                         ids=lambda f: f.__name__.strip("_"))
def test_another_guard_parses_again(tmp_path, parses, monkeypatch, change):
    verdicts = tmp_path / "verdicts"
    guard.prepare(QUERY, verdicts)
    change(monkeypatch, tmp_path)
    guard.prepare(QUERY, verdicts)
    assert len(parses) == 2


def test_a_refused_query_is_never_kept(tmp_path, parses):
    foreign = stored.QueryFile(tmp_path / "foreign.rq",
                               "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", {})
    for _ in range(2):
        with pytest.raises(InputError, match="FROM <http://example.org/g> is not allowed"):
            guard.prepare(foreign, tmp_path / "verdicts")
    assert len(parses) == 2 and not (tmp_path / "verdicts").exists()


def test_service_is_refused_whatever_verdict_is_kept(tmp_path):
    text = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    (tmp_path / f"{guard.verdict_key(text)}.json").write_text(
        json.dumps({"form": "SELECT", "variables": ["s", "p", "o"], "has_dataset": False}))
    with pytest.raises(InputError, match="SERVICE is not allowed"):
        guard.prepare(stored.QueryFile(tmp_path / "service.rq", text, {}), tmp_path)


def test_a_damaged_verdict_is_parsed_again(tmp_path, parses):
    kept = tmp_path / f"{guard.verdict_key(QUERY.text)}.json"
    kept.write_text('{"form": "DROP", "variables": [], "has_dataset": false}')
    assert guard.prepare(QUERY, tmp_path).form == "SELECT"
    assert len(parses) == 1 and json.loads(kept.read_text())["form"] == "SELECT"


def test_an_ad_hoc_query_is_not_kept(tmp_path, parses):
    guard.prepare(stored.parse("SELECT ?s WHERE { ?s ?p ?o }"), tmp_path)
    guard.prepare(stored.parse("SELECT ?s WHERE { ?s ?p ?o }"), tmp_path)
    assert len(parses) == 2 and not list(tmp_path.iterdir())
