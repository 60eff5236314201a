"""The cache's entries on disk: where they live, their key, their manifest, verified reads.

An entry is keyed by a SHA-256 over every input file (`ontology/*.ttl` and `graph/*.ttl`: paths
and bytes) and the code that reads and reasons (this package's version, `load`, `wellformed`,
`names`, which gives the facts written as blank nodes their IRIs, and the `reason` package's
files), so a changed, added or removed file is always a miss. An entry is a folder
holding `asserted.nt` and, per reasoner, `inferred-<engine>.nt` (`project.graphs` computes them),
the pyoxigraph stores made from them (`project.store`), the answers kept over them
(`query.kept`), and `inputs.json`, what the entry was made from, so that an entry for more fact
files can start from it (`previous`, `project.increment`). Each file is written under a
temporary name, flushed and renamed, so a reader sees a whole file or none. `manifest.json`,
written after each file, holds the SHA-256 and the triple count of every file of the entry;
every read checks both, so a file cut short, emptied or overwritten is noticed, removed and
computed again (one line on stderr says so). Entries live in `<root>/.cache/` when the root is a
writable checkout (the folder is git-ignored), else in `$XDG_CACHE_HOME/perovskite-kg` (by
default `~/.cache/perovskite-kg`). Failing to write the cache is not an error: the next command
recomputes.

This module imports no rdflib: the `query` command reads the cache through it.
"""

import functools
import hashlib
import json
import os
import stat
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from perovskite_kg import __version__, reason
from perovskite_kg.errors import InputError
from perovskite_kg.project import files, limits, paths, reading

ASSERTED = "asserted.nt"
INPUTS = "inputs.json"
"""Which input files (path -> SHA-256) and code an entry was made from (`previous` reads it)."""
MANIFEST = "manifest.json"
KEEP_ENTRIES = 8
"""Older entries beyond this many are removed when a new one is made."""
STAMPS = "stamps.json"
RACY_SECONDS = 2

_READING_CODE = Path(__file__).parent
"""Where `load`, `wellformed` and `names` are (read as files: importing them would bring rdflib)."""

_read_stamps: dict[tuple, dict] = {}
"""The stamps file as this process last read it, by its path and stat."""


def input_files(root: Path) -> list[Path]:
    """The files the graph is made of: the ontology and the facts, in load order."""
    return [*paths.ontology_files(root), *paths.graph_files(root)]


def key(root: Path) -> str:
    """The cache key: a digest of every input file and of the reading and reasoning code."""
    return _combined(*_digests(root))


def _combined(code: str, shas: dict[str, str]) -> str:
    digest = hashlib.sha256(bytes.fromhex(code))
    for name, sha in shas.items():
        digest.update(hashlib.sha256(name.encode()).digest())
        digest.update(bytes.fromhex(sha))
    return digest.hexdigest()[:32]


def _digests(root: Path) -> tuple[str, dict[str, str]]:
    """The code's digest, and each input file's SHA-256 by its path under `root`, in load order.

    Each input file's SHA-256 is kept in `stamps.json` with the file's size, times and inode, as
    git's index keeps them: a file whose stat is unchanged is not read again (a write always
    changes the change time, which no program can set back), so the key of a graph of a million
    triples costs a stat per file, not a read of every byte. A file changed in the last
    `RACY_SECONDS` is never kept (a second write in the same clock tick would keep its times)."""
    kept, seen, shas = _stamps(root), {}, {}
    settled = time.time_ns() - RACY_SECONDS * 10**9
    for path in input_files(root):
        name = str(path.absolute())
        try:
            found = os.stat(path)
            stamp = [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino]
        except OSError:
            found, stamp = None, None
        held = kept.get(name)
        if (found is not None and stat.S_ISREG(found.st_mode) and isinstance(held, list)
                and held[:4] == stamp and found.st_size <= limits.max_input_bytes()):
            sha = held[4]
            seen[name] = held
        else:
            sha = hashlib.sha256(reading.read_bytes(path, paths.display(path))).hexdigest()
            if found is not None and found.st_ctime_ns < settled:
                seen[name] = [*stamp, sha]
        shas[path.relative_to(root).as_posix()] = sha
    if seen != kept:
        _keep_stamps(root, seen)
    return code_digest(__version__, _code_files()), shas


@functools.cache
def _code_files() -> tuple[Path, ...]:
    return (*sorted((_READING_CODE.parent / "reason").glob("*.py")),
            *(_READING_CODE / name for name in ("load.py", "wellformed.py", "names.py")))


@functools.lru_cache(maxsize=4)
def code_digest(version: str, code: tuple[Path, ...]) -> str:
    """A SHA-256 over the version and the code files' bytes, read once per process: the code a
    process runs is the code it imported, whatever is on disk later."""
    digest = hashlib.sha256()
    for part in (version.encode(), *(f.read_bytes() for f in code)):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def previous(root: Path, engine: str) -> tuple[Path, list[str]] | None:
    """The entry the current one extends, if any: made by the same code from the same ontology
    and a subset of today's fact files, each unchanged, with `engine`'s inferences listed in its
    manifest. Returns it with the fact files added since (paths under `root`); the entry with the
    most files when several qualify, None when none does or no file was added."""
    code, shas = _digests(root)
    best = None
    try:
        entries = [p for p in folder(root).iterdir() if p.is_dir() and len(p.name) == 32]
    except OSError:
        return None
    for place in entries:
        try:
            made = json.loads((place / INPUTS).read_bytes())
        except (OSError, ValueError):
            continue
        files = made.get("files") if isinstance(made, dict) else None
        if (made.get("code") != code or not isinstance(files, dict) or not files
                or any(shas.get(name) != sha for name, sha in files.items())
                or inferred_name(engine) not in manifest(place)):
            continue
        added = [name for name in shas if name not in files]
        if any(not name.startswith("graph/") for name in added) or not added:
            continue
        if best is None or len(added) < len(best[1]):
            best = (place, added)
    return best


def _stamps(root: Path) -> dict:
    """The kept stamps (file -> [size, mtime, ctime, inode, SHA-256]), {} if none or unreadable;
    read once per process while the file stays the same."""
    path = folder(root) / STAMPS
    try:
        found = os.stat(path)
    except OSError:
        return {}
    mark = (str(path), found.st_size, found.st_mtime_ns, found.st_ino)
    if mark not in _read_stamps:
        try:
            kept = json.loads(path.read_bytes())
        except (OSError, ValueError):
            kept = {}
        _read_stamps.clear()
        _read_stamps[mark] = kept if isinstance(kept, dict) else {}
    return _read_stamps[mark]


def _keep_stamps(root: Path, stamps: dict) -> None:
    try:
        place = folder(root)
        place.mkdir(parents=True, exist_ok=True)
        with files.atomic(place / STAMPS) as out:
            out.write(json.dumps(stamps, sort_keys=True).encode())
    except (OSError, InputError):
        pass


def folder(root: Path) -> Path:
    """Where entries are kept: `<root>/.cache` in a writable checkout, else the user cache."""
    if paths.is_checkout(root) and os.access(root, os.W_OK):
        return root / ".cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "perovskite-kg"


def entry(root: Path) -> Path:
    """The folder of the entry for the current input files."""
    return folder(root) / key(root)


def inferred_name(engine: str) -> str:
    """The file name of what `engine` infers."""
    reason.check_engine(engine)
    return f"inferred-{engine}.nt"


def is_fresh(root: Path, engine: str) -> bool:
    """Whether the reasoned graph of `engine` will be read rather than computed (the files are
    there and listed in the manifest; their contents are checked when they are read)."""
    listed = manifest(entry(root))
    return all(name in listed for name in (ASSERTED, inferred_name(engine)))


def manifest(place: Path) -> dict:
    """What the entry's manifest lists: file name -> {"sha256", "triples"} ({} if unreadable)."""
    try:
        listed = json.loads((place / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return {}
    return listed if isinstance(listed, dict) else {}


def keep(root: Path, path: Path, triples: list[ox.Triple]) -> None:
    """Keep `triples` at `path` in an entry of `root` (atomically; errors ignored: the next
    command recomputes), and the entry's record of its inputs (`INPUTS`) if it has none."""
    keep_ntriples(root, path, ntriples(triples))


def keep_ntriples(root: Path, path: Path, data: bytes) -> None:
    """`keep` for triples already written as sorted N-Triples lines (`ntriples`)."""
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True)
            _prune(path.parent.parent)
        _write(path, data)
        if not (path.parent / INPUTS).exists():
            _record_inputs(root, path.parent)
    except (OSError, InputError):
        pass


def _record_inputs(root: Path, place: Path) -> None:
    """Write what the entry at `place` is made from, unless a file changed since its key was
    taken (the record would then describe another entry)."""
    code, shas = _digests(root)
    if _combined(code, shas) != place.name:
        return
    with files.atomic(place / INPUTS) as out:
        out.write(json.dumps({"code": code, "files": shas}, indent=1).encode())


def ntriples(triples) -> bytes:
    """N-Triples, one triple per line, sorted: the same triples always give the same bytes and
    reach the store in the same order (so cells that join values, GROUP_CONCAT, stay the same
    whether the cache was just computed or read)."""
    lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    return b"".join(sorted(lines))


def verified(path: Path) -> tuple[bytes, list[ox.Triple]] | None:
    """The cached file's bytes and triples if they match the manifest; else None, after removing
    the file (and saying so, when it was there but damaged)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    expected = manifest(path.parent).get(path.name)
    if not isinstance(expected, dict):
        problem = "not listed in the manifest"
    elif hashlib.sha256(data).hexdigest() != expected.get("sha256"):
        problem = "its SHA-256 does not match the manifest"
    else:
        try:
            triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError:
            triples = None
        if triples is not None and len(triples) == expected.get("triples"):
            return data, triples
        problem = "its triples do not match the manifest"
    damaged(path, problem, "computing it again")
    try:
        path.unlink()
    except OSError:
        pass
    return None


def damaged(path: Path, problem: str, remedy: str) -> None:
    """The one line that says a cached file or store was found damaged, and what happens now."""
    print(f"perovskite-kg: the cached {paths.display(path)} is damaged ({problem}); {remedy}",
          file=sys.stderr)


def verified_ntriples(path: Path) -> bytes | None:
    """The cached file's bytes if their SHA-256 and line count match the manifest (one triple a
    line, as `ntriples` writes them), read without parsing them; else None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    expected = manifest(path.parent).get(path.name)
    if (isinstance(expected, dict) and hashlib.sha256(data).hexdigest() == expected.get("sha256")
            and data.count(b"\n") == expected.get("triples")):
        return data
    return None


def _write(path: Path, data: bytes) -> None:
    """Write the file, then list it in the manifest (so a file is trusted only once whole)."""
    with files.atomic(path) as out:
        out.write(data)
    listed = manifest(path.parent)
    listed[path.name] = {"sha256": hashlib.sha256(data).hexdigest(),
                         "triples": data.count(b"\n")}
    with files.atomic(path.parent / MANIFEST) as out:
        out.write(json.dumps(listed, indent=1, sort_keys=True).encode())


def _prune(parent: Path) -> None:
    """Remove all but the newest `KEEP_ENTRIES` entries."""
    def age(place: Path) -> float:
        try:
            return place.stat().st_mtime
        except OSError:
            return 0.0

    import shutil  # only when an entry is made: not on `query`'s path

    entries = sorted((p for p in parent.iterdir() if p.is_dir() and len(p.name) == 32),
                     key=age, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        shutil.rmtree(old, ignore_errors=True)
