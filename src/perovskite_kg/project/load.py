"""Reading RDF files: the one loading module every command uses.

Each file is parsed into its own graph, so commands can report per file; `union` merges them.
Loading never reaches outside the given files: `owl:imports` are kept as plain triples and never
followed, JSON-LD may only use inline contexts, and RDF/XML with a DOCTYPE or ENTITY declaration is
refused before the parser sees it (entity expansion costs seconds of CPU for a few hundred bytes).
Every failure is an `InputError` naming the file, and the line and column when known. An
ill-typed literal or an IRI with a character IRIs may not hold is refused after parsing
(`wellformed`). The facts a file writes as blank nodes are then given their IRIs here
(`names`), so every command sees the same.
"""

import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.sax import SAXParseException

from rdflib import Graph
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.shared.jsonld import context as jsonld_context

from perovskite_kg import namespaces
from perovskite_kg.errors import InputError, line_column, one_line
from perovskite_kg.project import names, wellformed
from perovskite_kg.project.paths import display
from perovskite_kg.project.reading import read_bytes

# N-Triples is a subset of Turtle: the Turtle parser reads it identically and, unlike rdflib's
# N-Triples parser, reports the line and column of an error.
FORMATS = {
    ".ttl": "turtle",
    ".nt": "turtle",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}

_UNBOUND_PREFIX = re.compile(r'Prefix "(.*):" not bound')
_XML_DECLARATION = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
# rdflib's RDF/XML parser puts the place in its message: "<system id>:<line>:<column>: <why>".
_RDFXML_LOCATED = re.compile(r":(\d+):(\d+): (.*)$", re.DOTALL)


@dataclass(frozen=True)
class LoadedFile:
    """One source file and the triples read from it."""

    path: Path
    graph: Graph


def load_files(paths: Iterable[Path]) -> list[LoadedFile]:
    """Parse every file, in the given order, each into its own graph."""
    return [LoadedFile(Path(path), load_file(path)) for path in paths]


def union(files: Iterable[LoadedFile]) -> Graph:
    """All triples of `files` in one graph, bound to the project prefixes; two files naming a
    blank-node fact alike are refused (`names.check_distinct`)."""
    files = list(files)
    names.check_distinct((display(f.path), f.graph) for f in files)
    merged = namespaces.bind(Graph())
    for loaded in files:
        merged += loaded.graph
    return merged


def load_file(path: Path) -> Graph:
    """Parse one file, its format chosen by extension; any problem is a located `InputError`."""
    path = Path(path)
    shown = display(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(FORMATS)
        raise InputError(f"unknown file type {path.suffix!r} (expected one of {known})", shown)
    text = _read_text(path, shown)
    if not text.strip():
        raise InputError("file is empty", shown)
    if fmt == "json-ld":
        _refuse_external_contexts(text, shown)
    elif fmt == "xml":
        _refuse_xml_declarations(text, shown)
    graph = Graph()
    try:
        with _no_context_documents(shown), wellformed.quiet():
            graph.parse(data=text, format=fmt, publicID=path.absolute().as_uri())
    except InputError:
        raise
    except BadSyntax as err:
        raise _turtle_error(err, text, shown) from err
    except RecursionError as err:
        raise InputError(
            "nesting is too deep for the parser (too many nested [ ], ( ) or objects); "
            "give the inner nodes names instead",
            shown,
        ) from err
    except SAXParseException as err:
        raise InputError(
            f"XML syntax error: {err.getMessage()}",
            shown,
            err.getLineNumber(),
            err.getColumnNumber() + 1,
        ) from err
    except Exception as err:  # each parser raises its own kinds; all mean the file is unusable
        located = _RDFXML_LOCATED.search(str(err)) if isinstance(err, ParserError) else None
        if located:
            line, column, why = located.groups()
            raise InputError(
                f"RDF/XML error: {one_line(why)}", shown, int(line), int(column)
            ) from err
        raise InputError(f"cannot parse as {fmt}: {one_line(err)}", shown) from err
    if len(graph) == 0:
        raise InputError("file contains no triples", shown)
    wellformed.check(graph, text, shown)
    names.name_facts(graph, shown, text)
    return graph


def _read_text(path: Path, shown: str) -> str:
    """The file as text; it must exist and be UTF-8 (a leading byte-order mark is dropped)."""
    data = read_bytes(path, shown)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        line, column = line_column(data, err.start)
        raise InputError(
            f"not UTF-8: byte 0x{data[err.start]:02X} at byte offset {err.start} "
            "cannot be decoded (save the file as UTF-8)",
            shown,
            line,
            column,
        ) from err


def _turtle_error(err: BadSyntax, text: str, shown: str) -> InputError:
    """A Turtle syntax error located from the parser's character offset into `text`.

    rdflib's own line count (`err.lines`) drifts when the parser backtracks over newlines, so the
    line and column are computed from the offset `err._i`, which is exact.
    """
    offset = min(err._i, len(text))
    line, column = line_column(text, offset)
    unbound = _UNBOUND_PREFIX.fullmatch(err._why)
    if unbound:
        prefix = unbound.group(1)
        return InputError(
            f"undefined prefix '{prefix}:' (declare it: @prefix {prefix}: <...> .)",
            shown,
            line,
            column,
        )
    near = text[offset:].split("\n", 1)[0].strip()[:30]
    where = f" near {near!r}" if near else ""
    return InputError(f"syntax error: {err._why}{where}", shown, line, column)


def _refuse_external_contexts(text: str, shown: str) -> None:
    """Refuse JSON-LD that names a context document (remote, `file:` or relative) anywhere: as
    `@context` at any depth of lists, in a scoped context of a term definition, or by `@import`."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"invalid JSON: {err.msg}", shown, err.lineno, err.colno) from err
    except RecursionError as err:
        raise InputError("nesting is too deep for the JSON parser", shown) from err
    stack = [(document, False)]
    while stack:
        node, in_context = stack.pop()
        if isinstance(node, str) and in_context:
            line, column = line_column(text, max(text.find(json.dumps(node)), 0))
            raise InputError(
                f"JSON-LD context {node!r} refers to another document; only inline contexts "
                "are allowed (copy the context into the file)", shown, line, column)
        if isinstance(node, list):
            stack.extend((item, in_context) for item in node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    stack.append((value, True))
                elif isinstance(value, (dict, list)):
                    stack.append((value, False))


@contextmanager
def _no_context_documents(shown: str) -> Iterator[None]:
    """rdflib's JSON-LD parser with a document loader that refuses every fetch, in case the check
    above misses a form of reference (rdflib has no option for this)."""
    def refuse(source, *args, **kwargs):
        raise InputError(f"JSON-LD context {str(source)!r} refers to another document; only "
                         "inline contexts are allowed", shown)

    original = jsonld_context.source_to_json
    jsonld_context.source_to_json = refuse
    try:
        yield
    finally:
        jsonld_context.source_to_json = original


def _refuse_xml_declarations(text: str, shown: str) -> None:
    """Refuse XML with a DOCTYPE or ENTITY declaration: RDF never needs one."""
    found = _XML_DECLARATION.search(text)
    if found:
        line, column = line_column(text, found.start())
        raise InputError(
            f"XML {found.group(1).upper()} declarations are not allowed in RDF/XML input "
            "(they can expand entities or fetch external files); remove it",
            shown,
            line,
            column,
        )
