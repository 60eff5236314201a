"""A curated paper, start to finish, through the installed command, in a copy of the project.

The papers are invented fixtures (tests/data/curated-example/, see tests/data/README.md): the
values checked below are the fixtures' own, typed there by hand; the review's values (Table 1
row 6: CsPbBr3/TiO2 core/shell, PL peak "~515", ref. 29) are read from the review.
"""

import os
import shutil
import subprocess
import sys

import pytest
from support import CURATED_EXAMPLE, REPO, from_the_review

from perovskite_kg.query import guard, run, stored
from perovskite_kg.query import params as parameters

pytestmark = pytest.mark.slow  # every case curates through the command: ~10 s each

LEE = CURATED_EXAMPLE / "lee-2024.yaml"
KIM = CURATED_EXAMPLE / "kim-2025-linked.yaml"
LEE_DOI = "10.99999/invented.2024.001"
KIM_DOI = "10.99999/invented.2025.002"
COUNTING = {"heterostructures-per-halide", "heterostructures-per-a-site-cation",
            "shell-family-counts", "shell-electrical-character"}
"""Stored queries that count heterostructures: a curated one is counted too, by design."""
ABOUT_THE_REVIEW = {"references", "what-reference-reports", "table-1", "figure-panels",
                    "design-difficulties-addressed", "outlook-challenges"}
"""Stored queries about the review itself (its numbered list, Table 1, its figures, its challenges):
they read only its part of the graph, as the README says."""


def _copy(target):
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy(REPO / "pyproject.toml", target)  # a checkout: the cache goes to target/.cache
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with the invented paper lee-2024 curated into it."""
    root = _copy(tmp_path_factory.mktemp("project"))
    command = os.path.join(os.path.dirname(sys.executable), "perovskite-kg")
    done = subprocess.run([command, "--root", str(root), "curate", str(LEE)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return root


def _answer(root, name, **params):
    chosen = stored.find(root, name)
    prepared = guard.prepare(chosen)
    bound = parameters.bindings(chosen, [f"{k}={v}" for k, v in params.items()])
    return [{v: ("" if row[v] is None else row[v].value) for v in prepared.variables}
            for row in run.execute(run.open_store(root), prepared, bound)]


def test_new_paper_writes_a_template_listing_the_ontology_values(run_cli, tmp_path):
    done = run_cli("new-paper", "--doi", LEE_DOI, "-o", "lee.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "lee.yaml").read_text(encoding="utf-8")
    assert f"doi: {LEE_DOI}" in text
    # the architectures and stressors are the ontology's labels (pk:CoreShell, pk:Water, ...)
    assert "core/shell" in text and "Janus" in text and "water under ultrasonication" in text
    again = run_cli("new-paper", "--doi", LEE_DOI, "-o", "lee.yaml", cwd=tmp_path)
    assert again.returncode == 2 and "exists already" in again.stderr


def test_the_curated_file_is_written_once_and_reproducibly(project, run_cli):
    written = project / "graph" / "lee-2024.ttl"
    first = written.read_bytes()
    done = run_cli("--root", str(project), "curate", str(LEE))
    assert done.returncode == 0, done.stderr
    assert written.read_bytes() == first
    assert "pkr:hs-CsPbBr3-ZnO-coreshell-lee-2024 a pk:Heterostructure" in first.decode()


def test_the_project_with_the_paper_validates(project, run_cli):
    done = run_cli("--root", str(project), "validate")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_new_heterostructure_is_in_the_table_with_its_doi(project):
    rows = {r["heterostructure"].rsplit("/", 1)[-1]: r for r in _answer(project, "heterostructures")}
    row = rows["hs-CsPbBr3-ZnO-coreshell-lee-2024"]
    # the fixture: CsPbBr3/ZnO core/shell, full coverage, PL peak 515, PLQY 70
    assert (row["core"], row["shell"], row["architecture"], row["coverage"], row["plPeakNm"],
            row["plqyPercent"], row["reference"]) == (
        "CsPbBr3", "ZnO", "core/shell", "full coverage", "515", "70", f"doi:{LEE_DOI}")


def test_says_who_and_where_for_the_paper(project):
    rows = _answer(project, "what-paper-reports", doi=LEE_DOI)
    assert {(r["kind"], r["fact"].rsplit("/", 1)[-1], r["statedIn"]) for r in rows} == {
        ("heterostructure", "hs-CsPbBr3-ZnO-coreshell-lee-2024", "Table 1; Fig. 2a"),
        ("stability test", "test-CsPbBr3-ZnO-coreshell-lee-2024-coated-water", "Fig. 3b"),
        ("application", "app-CsPbBr3-ZnO-coreshell-lee-2024-GreenLED", "Fig. 4c")}


def test_the_papers_stability_test_is_in_the_stability_tables_with_its_doi(project):
    # the fixture: coated, water, "7 days", remnant PL 85 (%)
    hs = "hs-CsPbBr3-ZnO-coreshell-lee-2024"
    rows = [r for r in _answer(project, "stability") if r["heterostructure"].endswith("/" + hs)]
    assert [(r["core"], r["shell"], r["coated"], r["stressor"], r["duration"], r["durationUnit"],
             r["durationHours"], r["remnantPlPercent"], r["reference"]) for r in rows] == [
        ("CsPbBr3", "ZnO", "true", "water", "7", "day", "168", "85", f"doi:{LEE_DOI}")]
    water = _answer(project, "stability-under-stressor", stressor="pk:Water")
    assert [(r["shell"], r["remnantPlPercent"], r["reference"]) for r in water
            if r["heterostructure"].endswith("/" + hs)] == [("ZnO", "85", f"doi:{LEE_DOI}")]
    # 85% after 7 days: just at the defaults of water-resistant-shells (80%, 7 days)
    kept = _answer(project, "water-resistant-shells")
    assert [(r["shell"], r["remnantPlPercent"], r["durationDays"], r["reference"]) for r in kept
            if r["heterostructure"].endswith("/" + hs)] == [("ZnO", "85", "7", f"doi:{LEE_DOI}")]


def test_every_reference_column_names_the_paper_by_its_doi(project):
    """The stored queries that give a `reference` read curated papers too, not only the
    review's numbered works: the paper's PLQY (the fixture: 70%) is ranked, cited by its DOI."""
    hs = "hs-CsPbBr3-ZnO-coreshell-lee-2024"
    rows = _answer(project, "plqy-ranking", minPlqyPercent=60)
    assert [(r["plqyPercent"], r["reference"]) for r in rows
            if r["heterostructure"].endswith("/" + hs)] == [("70", f"doi:{LEE_DOI}")]
    # The fixture's green LED (EQE 5.2%) cites no work of the review: the paper's DOI, listed
    # after the review's applications.
    cells = [(r["heterostructure"].rsplit("/", 1)[-1], r["application"], r["metric"], r["value"],
              r["unit"], r["reference"]) for r in _answer(project, "applications")]
    assert cells[-1] == (hs, "green LED", "EQE", "5.2", "percent", f"doi:{LEE_DOI}")
    assert not any(c[-1].startswith("doi:") for c in cells[:-1])
    for path in sorted((REPO / "queries").glob("*.rq")):
        item = stored.find(project, path.stem)
        if path.stem not in ABOUT_THE_REVIEW and "reference" in guard.prepare(item).variables:
            assert "pk:CuratedPaper" in item.text, f"{path.stem} leaves curated papers out"


def test_the_review_answers_are_unchanged(project):
    """Every stored query, on the copy with the paper, less the rows naming the paper, gives the
    answer of the checkout; only the counting queries count the new heterostructure."""
    for path in sorted((REPO / "queries").glob("*.rq")):
        if path.stem in COUNTING:
            continue
        with_paper = from_the_review(_answer(project, path.stem), root=project)
        assert _cells(with_paper) == _cells(_answer(REPO, path.stem)), path.stem


def _cells(rows):
    """Rows with each joined cell ("a; b") as a set: GROUP_CONCAT without an order (synthesis.rq's
    shells) may join the same values in another order when the store holds more triples."""
    return [{k: frozenset(v.split("; ")) for k, v in row.items()} for row in rows]


def test_the_fidelity_suite_passes_with_the_paper(project):
    """The review's fidelity tests, run against the copy (they read PEROVSKITE_KG_ROOT)."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow",
         "tests/graph", "tests/query/test_queries.py", "tests/reason"],
        cwd=REPO, env=os.environ | {"PEROVSKITE_KG_ROOT": str(project)},
        capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-3000:]


def test_build_exports_the_paper(project, run_cli):
    done = run_cli("--root", str(project), "build")
    assert done.returncode == 0, done.stderr
    assert LEE_DOI in (project / "dist" / "perovskite-kg.ttl").read_text(encoding="utf-8")


def test_a_paper_on_a_known_heterostructure_links_and_keeps_both_values(run_cli, tmp_path):
    root = _copy(tmp_path)
    done = run_cli("--root", str(root), "curate", str(KIM))
    assert done.returncode == 0, done.stderr
    assert not (root / "graph" / "kim-2025.ttl").read_text().count("a pk:Heterostructure")
    # Table 1 row 6: "CsPbBr3/TiO2  Core/shell  ~515  —  ...  29"; the fixture prints 520
    assert [(r["heterostructure"].rsplit("/", 1)[-1], r["property"], r["value1"], r["source1"],
             r["value2"], r["source2"]) for r in _answer(root, "source-disagreements")] == [
        ("hs-CsPbBr3-TiO2-coreshell-ref29", "PL peak (nm)", "520", f"doi:{KIM_DOI}", "515",
         "ref. 29")]
    # Table 1 gives this heterostructure no PLQY ("—"): the fixture's 66% is the paper's alone,
    # although the heterostructure now cites both ref. 29 and the paper.
    ranked = _answer(root, "plqy-ranking", minPlqyPercent=60)
    assert [(r["plqyPercent"], r["reference"]) for r in ranked
            if r["heterostructure"].endswith("/hs-CsPbBr3-TiO2-coreshell-ref29")] == [
        ("66", f"doi:{KIM_DOI}")]
    # The queries that sort by the work list the review's numbered works first, in number order,
    # then the paper (an unbound number sorts first in SPARQL; these three give it rows).
    for name in ("charge-transfer", "dual-emission", "synthesis"):
        cited = [r["reference"] for r in _answer(root, name)]
        numbered = [c for c in cited if not c.startswith("doi:")]
        assert cited == numbered + [f"doi:{KIM_DOI}"] * (len(cited) - len(numbered)), name
        assert numbered == sorted(numbered, key=int) and len(numbered) < len(cited), name


def test_template_errors_name_line_and_key_and_nothing_is_written(run_cli, tmp_path):
    root = _copy(tmp_path / "project")
    bad = tmp_path / "bad.yaml"
    bad.write_text(LEE.read_text(encoding="utf-8")
                   .replace("architecture: core/shell", "architecture: core-shel")
                   .replace("stressor: water", "stressor: watr"), encoding="utf-8")
    done = run_cli("--root", str(root), "curate", str(bad), cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith("bad.yaml:17: heterostructure 1, 'architecture': 'core-shel'")
    assert "did you mean 'core/shell'" in lines[0]
    assert lines[1].startswith("bad.yaml:25: heterostructure 1, stability test 1, 'stressor'")
    assert "did you mean 'water'" in lines[1]
    assert lines[-1] == ("perovskite-kg: bad.yaml: 2 problems in the template; nothing was "
                         "written to graph/")
    assert not (root / "graph" / "lee-2024.ttl").exists()


def test_a_value_the_shapes_refuse_is_told_at_its_line(run_cli, tmp_path):
    root = _copy(tmp_path / "project")
    bad = tmp_path / "bad.yaml"
    bad.write_text(LEE.read_text(encoding="utf-8").replace("PLQY (%): 70", "PLQY (%): 112"),
                   encoding="utf-8")
    done = run_cli("--root", str(root), "curate", str(bad), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("bad.yaml:20: heterostructure 1, 'PLQY (%)': 112 is not "
                                  "accepted: A PLQY lies between 0 and 100 %")
    assert not (root / "graph" / "lee-2024.ttl").exists()
