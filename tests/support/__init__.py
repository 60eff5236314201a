"""Shared test helpers (not fixtures: those are in conftest.py): where the test data are, the
network guard, and small readers of command output. Test modules import this, never each other."""

import importlib.util
import os
import re
import shutil
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
DATA = TESTS / "data"
MINI_PROJECT = DATA / "mini-project"
CURATED_EXAMPLE = DATA / "curated-example"

ROOT = Path(os.environ.get("PEROVSKITE_KG_ROOT") or REPO).resolve()
"""The project the review's fidelity tests read: this checkout, or a copy holding curated papers
(tests/curate/ runs them on a copy with an invented paper added)."""


def curated_files(root: Path = ROOT) -> list[Path]:
    """The graph files of curated papers (written by `perovskite-kg curate`), not the review's."""
    return [p for p in sorted((root / "graph").glob("*.ttl"))
            if "pk:CuratedPaper" in p.read_text(encoding="utf-8")]


def review_files(root: Path = ROOT) -> list[Path]:
    """The graph files holding the review's facts: every graph file but the curated papers'."""
    curated = set(curated_files(root))
    return [p for p in sorted((root / "graph").glob("*.ttl")) if p not in curated]


def from_the_review(rows: list[dict[str, str]], root: Path = ROOT) -> list[dict[str, str]]:
    """The rows of a query answer that name no curated paper (by its key in IRIs, or its DOI):
    the review's part of the answer, the same whatever papers are curated."""
    marks = set()
    for path in curated_files(root):
        text = path.read_text(encoding="utf-8")
        marks |= {path.stem, *re.findall(r'bibo:doi "([^"]+)"', text)}
    return [row for row in rows if not any(m in cell for m in marks for cell in row.values())]


def module_at(path: Path, name: str):
    """The Python file at `path` imported as module `name`: for files outside any package
    (the network guard, benchmarks/)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


netguard = module_at(TESTS / "netguard" / "sitecustomize.py", "netguard")
"""The guard that records (and blocks) network access outside a test's own listeners."""


def info_counts(stdout: str) -> dict[str, int]:
    """`perovskite-kg info` output as {label: number}, one entry per `label  number` line."""
    rows = (re.fullmatch(r"\s*(.+?)\s{2,}(\d+)", line) for line in stdout.splitlines())
    return {row.group(1): int(row.group(2)) for row in rows if row}


def review_project(target: Path, root: Path = ROOT) -> Path:
    """`root` itself when it holds no curated paper; else a copy of its review part at `target`
    (ontology, queries and the review's graph files), for answers that count over the graph."""
    if not curated_files(root):
        return root
    for folder in ("ontology", "queries"):
        shutil.copytree(root / folder, target / folder)
    (target / "graph").mkdir(parents=True)
    for path in review_files(root):
        shutil.copy(path, target / "graph" / path.name)
    shutil.copy(root / "pyproject.toml", target)
    return target


def reasoner_runs(monkeypatch) -> list[int]:
    """Every run of the reasoner from now on, as the number of triples it was given."""
    from perovskite_kg import reason

    runs = []
    real = reason.infer

    def counted(asserted, engine=reason.DEFAULT):
        runs.append(len(asserted))
        return real(asserted, engine)

    monkeypatch.setattr(reason, "infer", counted)
    return runs
