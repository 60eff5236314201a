"""The on-disk store: made whenever the cache is, opened read-only, verified against the cache's
manifest, and made again (one line on stderr) when damaged, never answering from a broken one.

The project is a copy of the ontology, the stored queries and section 3.1 with the files it points
into (so reasoning takes seconds); counts are checked against the cached N-Triples, read with
pyoxigraph's parser, not against the store's own answers.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from support import REPO

from perovskite_kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH
from perovskite_kg.project import cache, graphs, store

FILES = ("materials.ttl", "references.ttl", "review.ttl", "section-3-1-oxide.ttl")
SHELLS = """SELECT ?hs ?shell WHERE { ?hs <https://w3id.org/perovskite-kg/ontology#hasShell> ?shell }
ORDER BY ?hs ?shell"""


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """A project whose cache (and so its store) was filled by reasoning once."""
    root = tmp_path_factory.mktemp("store")
    for folder in ("ontology", "queries"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "graph").mkdir()
    for name in FILES:
        shutil.copy(REPO / "graph" / name, root / "graph" / name)
    shutil.copy(REPO / "pyproject.toml", root)  # a writable checkout: the cache in root/.cache
    graphs.reasoned(root)
    graphs._remembered.clear()  # the next readers go to the disk
    return root


@pytest.fixture
def project(made, tmp_path) -> Path:
    """A copy of `made`, its cache and store included, for a test that damages them."""
    copy = tmp_path / "project"
    shutil.copytree(made, copy)
    return copy


def _place(root: Path, engine: str = "rl") -> Path:
    return cache.entry(root) / f"store-{engine}"


def _answer(opened: ox.Store) -> list[tuple[str, str]]:
    return [(row["hs"].value, row["shell"].value)
            for row in opened.query(SHELLS, use_default_graph_as_union=True)]


def _lines(path: Path) -> int:
    return sum(1 for _ in ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES))


def _stamps(place: Path) -> dict:
    return {p.relative_to(place).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns,
                                              p.stat().st_ctime_ns)
            for p in sorted(place.rglob("*")) if p.is_file()}


def test_reasoning_writes_the_store_with_each_graph_in_its_named_graph(made):
    place = _place(made)
    assert (place / store.RECORD).is_file() and (place / store.DATABASE).is_dir()
    record = json.loads((place / store.RECORD).read_text())
    listed = cache.manifest(place.parent)
    assert record["sources"] == {name: listed[name] for name in ("asserted.nt", "inferred-rl.nt")}
    opened = store.open_store(made)
    entry = place.parent
    for graph, name in ((ASSERTED_GRAPH, "asserted.nt"), (INFERRED_GRAPH, "inferred-rl.nt")):
        held = sum(1 for _ in opened.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        assert held == _lines(entry / name)
    # Table 1, Oxides rows: 14 heterostructures of section 3.1 have a shell
    assert len({hs for hs, _ in _answer(opened)}) == 14


def test_the_store_is_opened_read_only_and_left_as_it_was(made, capsys):
    before = _stamps(_place(made))
    opened = store.open_store(made)
    assert _answer(opened)
    with pytest.raises(RuntimeError):
        opened.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o")))
    del opened
    assert _stamps(_place(made)) == before
    assert capsys.readouterr().err == ""


def test_a_copied_cache_is_read_without_making_the_store_again(made, project, capsys,
                                                                monkeypatch):
    """A copy changes every file's inode and change time: the SHA-256s decide."""
    monkeypatch.setattr(store, "write", _refuse)
    assert _answer(store.open_store(project)) == _answer(store.open_store(made))
    assert capsys.readouterr().err == ""


def _refuse(*args, **kwargs):
    raise AssertionError("the store was made again although it was whole")


def _truncate(place: Path) -> None:
    largest = max((place / store.DATABASE).glob("*.sst"), key=lambda p: p.stat().st_size)
    with open(largest, "r+b") as handle:
        handle.truncate(largest.stat().st_size // 2)


def _garbage(place: Path) -> None:
    """Random bytes over the middle of the largest file, its size and times kept."""
    largest = max((place / store.DATABASE).glob("*.sst"), key=lambda p: p.stat().st_size)
    kept = largest.stat()
    with open(largest, "r+b") as handle:
        handle.seek(kept.st_size // 3)
        handle.write(os.urandom(4096))
    os.utime(largest, ns=(kept.st_atime_ns, kept.st_mtime_ns))


def _remove_a_file(place: Path) -> None:
    next((place / store.DATABASE).glob("*.sst")).unlink()


def _garbage_record(place: Path) -> None:
    (place / store.RECORD).write_bytes(b"\x00garbage")


def _record_of_other_sources(place: Path) -> None:
    """A store made from another asserted.nt than the one the manifest lists."""
    record = json.loads((place / store.RECORD).read_text())
    record["sources"]["asserted.nt"]["sha256"] = "0" * 64
    (place / store.RECORD).write_text(json.dumps(record))


def _no_record(place: Path) -> None:
    (place / store.RECORD).unlink()


@pytest.mark.parametrize("damage", [_truncate, _garbage, _remove_a_file, _garbage_record,
                                    _record_of_other_sources, _no_record],
                         ids=lambda f: f.__name__.strip("_"))
def test_a_damaged_store_is_made_again_with_one_line(made, project, damage, capsys):
    expected = _answer(store.open_store(made))
    capsys.readouterr()
    damage(_place(project))
    assert _answer(store.open_store(project)) == expected
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "store-rl is damaged" in lines[0], lines
    assert "making it again from the cached N-Triples" in lines[0]
    store.open_store(project)  # whole again: nothing more to say
    assert capsys.readouterr().err == ""


def test_processes_that_make_the_store_at_once_both_answer_from_one_whole_store(project, capsys):
    shutil.rmtree(_place(project))
    script = ("import sys; from pathlib import Path; from perovskite_kg.project import store; "
              "print(len(store.write(Path(sys.argv[1]))))")
    racing = [subprocess.Popen([sys.executable, "-c", script, str(project)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    done = [p.communicate(timeout=300) for p in racing]
    assert all(p.returncode == 0 for p in racing), done
    counts = {int(out) for out, _ in done}
    assert counts == {_lines(_place(project).parent / "asserted.nt")
                      + _lines(_place(project).parent / "inferred-rl.nt")}
    assert not list(_place(project).parent.glob(".store-rl.*"))  # no temporary folder left
    assert all(err == "" for _, err in done)
    store.open_store(project)
    assert capsys.readouterr().err == ""


def test_the_store_keeps_the_classes_only_the_dl_reasoner_decides(made):
    assert store.undecided(made) == {
        "https://w3id.org/perovskite-kg/ontology#WaterResistantHeterostructure"}


# --- the cache key, from kept stamps ---------------------------------------------------------------
@pytest.fixture
def reads(monkeypatch) -> list:
    """The input files the cache key reads, in order."""
    seen = []
    real = cache.reading.read_bytes

    def counted(path, shown):
        seen.append(Path(path).name)
        return real(path, shown)

    monkeypatch.setattr(cache.reading, "read_bytes", counted)
    return seen


def test_the_key_reads_only_the_files_whose_stat_changed(project, reads, monkeypatch):
    monkeypatch.setattr(cache, "RACY_SECONDS", 0)  # the copy is fresh: trust it at once
    first = cache.key(project)
    assert len(reads) == len(cache.input_files(project))
    reads.clear()
    assert cache.key(project) == first and reads == []
    edited = project / "graph" / "section-3-1-oxide.ttl"
    kept = edited.stat()
    data = edited.read_bytes()
    edited.write_bytes(data.replace(b"core/shell", b"core/SHELL", 1))  # same size
    os.utime(edited, ns=(kept.st_atime_ns, kept.st_mtime_ns))  # and the same modification time
    assert edited.stat().st_size == kept.st_size
    assert cache.key(project) != first and reads == ["section-3-1-oxide.ttl"]


def test_a_file_changed_just_now_is_read_every_time(project, reads, monkeypatch):
    """Its stamp is not kept: a second write within the clock's tick could keep its times."""
    now = time.time_ns
    monkeypatch.setattr(cache.time, "time_ns", lambda: now() + 10**10)
    cache.key(project)  # ten seconds later, as it were: every file settled, its stamp kept
    monkeypatch.setattr(cache.time, "time_ns", now)
    (project / "graph" / "review.ttl").touch()
    for _ in range(2):
        reads.clear()
        cache.key(project)
        assert reads == ["review.ttl"]


def test_a_first_query_with_an_empty_cache_makes_the_store_once(project, monkeypatch):
    shutil.rmtree(cache.folder(project))
    graphs._remembered.clear()
    made, real = [], store._make
    monkeypatch.setattr(store, "_make", lambda *args: made.append(1) or real(*args))
    assert _answer(store.open_store(project))
    assert len(made) == 1
