"""The guard: a query is measured, searched and parsed before anything runs.

SERVICE (to an IRI, a variable, or SILENT) sends requests to other endpoints. rdflib parses here
and pyoxigraph executes, and the two read escapes differently, so the decision cannot rest on one
parser's tree: the word SERVICE is refused anywhere in the text or in any decoding of its
code-point escapes (`text.readings`), strings and comments included. FROM / FROM NAMED name
documents that engines such as rdflib fetch, so both are refused, except FROM the project's own two
graphs; updates (LOAD, INSERT, ...) are refused too. Size and nesting are bounded before parsing
(`text.check_size`). Only a `Prepared` query is executed.

The parse (`query.parsing`, rdflib's parser: tens of milliseconds, and rdflib's import) gives the
same verdict for the same text and the same code, so for a query file `prepare` keeps the verdict
of a passed parse in the cache, keyed by a SHA-256 of the query text, the guard's code (this
package's version, the guard's modules, the prefix table) and rdflib's SPARQL parser (its source
files, found without importing rdflib): a changed text, a changed guard or another rdflib parses
again. The checks on the text itself (size, SERVICE) run on
every call.
"""

import hashlib
import json
import re
from collections import namedtuple
from pathlib import Path

from perovskite_kg import __version__, namespaces
from perovskite_kg.errors import InputError, line_column
from perovskite_kg.namespaces import PROJECT_GRAPHS
from perovskite_kg.project import cache, files
from perovskite_kg.query import text
from perovskite_kg.query.stored import QueryFile

_SERVICE = re.compile(r"(?<![\w])service(?![\w])", re.IGNORECASE)
_CODE = ("guard.py", "parsing.py", "text.py")
"""The modules whose code decides a verdict (with `namespaces.py`, the prefixes)."""
_PARSER = ("plugins/sparql/parser.py", "plugins/sparql/parserutils.py",
           "plugins/sparql/algebra.py")
"""rdflib's files that read a query, under its package folder."""


class Prepared(namedtuple("Prepared", "query form variables has_dataset", defaults=(False,))):
    """A query that parsed and passed the safety checks: the `QueryFile`, its form ("SELECT",
    ...), its result variables (a tuple of str), and whether it names its graphs with FROM / FROM
    NAMED."""

    __slots__ = ()


def prepare(query: QueryFile, verdicts: Path | None = None) -> Prepared:
    """Parse `query`, refuse what could reach outside the graph, and check its parameters.

    With `verdicts` (a folder of the cache) and a query read from a file, a passed parse is
    kept there and read back for the same text and code instead of parsing again."""
    if text.is_empty(query.text):
        raise InputError("the query is empty", query.source)
    _refuse_service(query)
    kept = verdicts / f"{verdict_key(query.text)}.json" if verdicts and query.path else None
    verdict = _read_verdict(kept)
    if verdict is None:
        # Only on a miss: a kept verdict is for this very text, which passed the size check
        # (its limits are in `text.py`, part of the key) before the verdict was kept.
        text.check_size(query.text, query.source)
        from perovskite_kg.query import parsing  # it imports rdflib

        form, variables, graphs = parsing.read(query)
        for keyword, iri in graphs:
            refuse_foreign_graph(keyword, iri, query.source)
        verdict = {"form": form, "variables": list(variables), "has_dataset": bool(graphs)}
        _keep_verdict(kept, verdict)
    prepared = Prepared(query, verdict["form"], tuple(verdict["variables"]),
                        verdict["has_dataset"])
    for parameter in query.parameters:
        if parameter.name not in prepared.variables:
            raise InputError(
                f"parameter '{parameter.name}' must be one of the SELECT columns, "
                "so the answer shows the value it was computed with",
                query.source,
            )
    return prepared


def verdict_key(query_text: str) -> str:
    """The SHA-256 a verdict is kept under: the text and everything that decides the verdict."""
    here = Path(__file__).parent
    code = (Path(namespaces.__file__), *(here / name for name in _CODE), *parser_files())
    digest = hashlib.sha256(cache.code_digest(__version__, code).encode())
    digest.update(hashlib.sha256(query_text.encode()).digest())
    return digest.hexdigest()


def parser_files() -> list[Path]:
    """rdflib's SPARQL parser, as source files (rdflib itself is not imported)."""
    from importlib import util

    found = util.find_spec("rdflib")
    folder = Path(next(iter(found.submodule_search_locations)))
    return [folder / name for name in _PARSER]


def refuse_foreign_graph(keyword: str, iri: str, source: str) -> None:
    """Refuse a graph named by `keyword` (FROM, or the protocol's default-graph-uri) that is not
    one of the project's two graphs."""
    if str(iri) not in PROJECT_GRAPHS:
        allowed = " or ".join(f"<{g}>" for g in PROJECT_GRAPHS)
        raise InputError(
            f"{keyword} <{iri}> is not allowed: queries read only the project's graphs "
            f"({allowed}); leave out FROM to query both",
            source,
        )


def _refuse_service(query: QueryFile) -> None:
    """Refuse the word SERVICE wherever an engine could read it: in the text as written or once
    its code-point escapes are decoded (in any case; even in a string or a comment)."""
    for reading in text.readings(query.text, query.source):
        found = _SERVICE.search(reading)
        if found:
            line, column = line_column(reading, found.start())
            raise InputError(
                "SERVICE is not allowed: queries cannot reach other endpoints or the network "
                "(the word is refused anywhere in a query, strings and comments included)",
                query.source, line, column,
            )


def _read_verdict(path: Path | None) -> dict | None:
    """A kept verdict, or None when there is none or it is not one (then the query is parsed)."""
    if path is None:
        return None
    try:
        verdict = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    shape = {"form": str, "variables": list, "has_dataset": bool}
    if (not isinstance(verdict, dict) or set(verdict) != set(shape)
            or not all(isinstance(verdict[k], kind) for k, kind in shape.items())
            or verdict["form"] not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
            or not all(isinstance(v, str) for v in verdict["variables"])):
        return None
    return verdict


def _keep_verdict(path: Path | None, verdict: dict) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with files.atomic(path) as out:
            out.write(json.dumps(verdict, sort_keys=True).encode())
    except (OSError, InputError):
        pass
