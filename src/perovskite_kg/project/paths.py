"""Where the project's data live, so a command works from any directory.

The root is, in order: the `--root` option; the `PEROVSKITE_KG_ROOT` environment variable; the
project checkout containing the current directory; the checkout this package was installed from
in editable mode; the copy of the data bundled inside the installed package.
"""

import functools
import os
import re
from pathlib import Path

from perovskite_kg.errors import InputError

ENV_ROOT = "PEROVSKITE_KG_ROOT"
PROJECT_NAME = "perovskite-kg"
SHAPES_NAME = "shapes.ttl"
BUNDLED = Path(__file__).parents[1] / "_data"
_PLAIN_NAME = re.compile(rb'^\[project\][ \t]*\r?\n(?:(?!\[)[^\n]*\n)*?'
                         rb'name[ \t]*=[ \t]*"([^"\n]*)"[ \t]*\r?$', re.MULTILINE)
"""`name = "..."` in the `[project]` table, as pyproject.toml files are usually written."""


def project_root(explicit: str | Path | None = None) -> Path:
    """The root folder holding `ontology/`, `graph/` and `queries/`, found as the module says."""
    if explicit is not None:
        return _checked(Path(explicit), "--root")
    if os.environ.get(ENV_ROOT):
        return _checked(Path(os.environ[ENV_ROOT]), ENV_ROOT)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if is_checkout(folder):
            return folder
    editable = Path(__file__).resolve().parents[3]
    if is_checkout(editable):
        return editable
    if _has_data(BUNDLED):
        return BUNDLED
    raise InputError(
        f"no perovskite-kg data found: run from a checkout, or pass --root DIR or set {ENV_ROOT}"
    )


def ontology_files(root: Path) -> list[Path]:
    """The OWL ontology files (`ontology/*.ttl` without the shapes), sorted."""
    return [p for p in sorted((root / "ontology").glob("*.ttl")) if p.name != SHAPES_NAME]


def shapes_file(root: Path) -> Path:
    """The SHACL shapes file (it may not exist yet)."""
    return root / "ontology" / SHAPES_NAME


def graph_files(root: Path) -> list[Path]:
    """The fact files (`graph/*.ttl`), sorted so every run loads them in the same order."""
    return sorted((root / "graph").glob("*.ttl"))


def query_files(root: Path) -> list[Path]:
    """The stored SPARQL queries (`queries/*.rq`), sorted."""
    return sorted((root / "queries").glob("*.rq"))


def display(path: Path) -> str:
    """`path` as a user would type it: relative to the current directory when inside it."""
    absolute = Path(path).absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def _checked(root: Path, source: str) -> Path:
    """An explicitly given root, refused with a clear message when it holds no project data."""
    if not _has_data(root):
        raise InputError(
            f"{source}: {root} is not a perovskite-kg project "
            "(it needs ontology/ and graph/ folders)"
        )
    return root.resolve()


def _has_data(folder: Path) -> bool:
    return (folder / "ontology").is_dir() and (folder / "graph").is_dir()


def is_checkout(folder: Path) -> bool:
    """A folder with the data folders and a pyproject.toml naming this project: where the cache
    and `dist/` may be written (never inside the installed package)."""
    pyproject = folder / "pyproject.toml"
    if not (_has_data(folder) and pyproject.is_file()):
        return False
    try:
        return _names_this_project(pyproject.read_bytes())
    except OSError:
        return False


@functools.lru_cache(maxsize=8)
def _names_this_project(data: bytes) -> bool:
    """Whether a pyproject.toml's bytes name this project (remembered by content: a command asks
    for every cache path it opens). The plain layout (`[project]`, then `name = "..."` on a line
    of its own before the next table) is read by a regular expression; any other is left to
    tomllib, whose import (typing, datetime) costs `query` more than the rest of its start-up
    reading."""
    plain = _PLAIN_NAME.search(data)
    if plain:
        return plain.group(1).decode() == PROJECT_NAME
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8"))["project"]["name"] == PROJECT_NAME
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError):
        return False
