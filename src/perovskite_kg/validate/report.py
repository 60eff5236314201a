"""A validation shown as text for curators, as JSON for programs, or as the SHACL report in Turtle.

Text groups the results by focus node, each group headed by the place the node is written
(`file:line:`, as compilers print it, so an editor can jump there), its name and label; then one
line per result: severity, property path, offending value, message. Results are sorted by file,
line and node, so the same data always print the same way. Text shows at most `SHOWN` characters
of a value or label (`"aaaa…" (1,048,576 characters)`): a curator reads it, and a megabyte-long
literal would bury the report. JSON and Turtle are for programs and keep every value whole.
"""

import json
from collections.abc import Callable
from itertools import groupby

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from perovskite_kg.namespaces import RDFS, SH, XSD
from perovskite_kg.project import terms
from perovskite_kg.project.paths import display
from perovskite_kg.validate.locations import SourceMap
from perovskite_kg.validate.shapes import SEVERITY_ORDER, Result, Validation

_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean}
_PATH_SUFFIXES = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}
SHOWN = 200
"""Characters of a value or a label the text format shows."""


def render(validation: Validation, fmt: str) -> str:
    """The validation in `fmt` (one of `validate.FORMATS`), ending with a newline."""
    if fmt == "turtle":
        return _canonical(validation.report).serialize(format="turtle")
    most = None if fmt == "json" else SHOWN
    rows = sorted((_row(validation, r, most) for r in validation.results), key=_order)
    if fmt == "json":
        return json.dumps(_document(validation, rows), indent=2, ensure_ascii=False) + "\n"
    return _text(validation, rows)


def _canonical(report: Graph) -> Graph:
    """The report with its blank nodes labelled by RDFC-1.0, so that the same results always
    serialise to the same bytes, however the report was put together."""
    graph = Graph(namespace_manager=report.namespace_manager)
    for triple in terms.from_oxigraph(terms.canonical([report])):
        graph.add(triple)
    return graph


def _row(validation: Validation, result: Result, most: int | None) -> dict:
    """One result as plain values: names instead of IRIs, and where its focus node is written;
    values and labels cut to `most` characters (None: whole)."""
    sources = validation.sources
    where = sources.locate(result.focus)
    label = validation.data.value(result.focus, RDFS.label)
    return {
        "severity": _local(result.severity),
        "focus": sources.name(result.focus),
        "focusIri": str(result.focus) if isinstance(result.focus, URIRef) else None,
        "label": None if label is None else _cut(str(label), most, quoted=most is not None),
        "path": _path(validation, result),
        "value": _value(validation, result.value, most),
        "message": result.message,
        "shape": sources.short(result.shape) if isinstance(result.shape, URIRef) else None,
        "component": sources.short(result.component) if result.component is not None else None,
        "file": display(where.path) if where else None,
        "line": where.line if where else None,
    }


def _order(row: dict) -> tuple:
    severity = [_local(s) for s in SEVERITY_ORDER].index(row["severity"])
    return (row["file"] is None, row["file"] or "", row["line"] or 0, row["focus"], severity,
            row["path"] or "", row["value"] or "", row["message"], row["shape"] or "",
            row["component"] or "")


def _document(validation: Validation, rows: list[dict]) -> dict:
    return {
        "conforms": not rows,
        **_counts(validation),
        "files": [display(p) for p in validation.checked],
        "results": rows,
    }


def _counts(validation: Validation) -> dict[str, int]:
    return {f"{_local(s).lower()}s": validation.count(s) for s in SEVERITY_ORDER}


def _text(validation: Validation, rows: list[dict]) -> str:
    lines = []
    groups = groupby(rows, key=lambda row: (row["file"], row["line"], row["focus"]))
    for (file, line, focus), members in groups:
        members = list(members)
        where = f"{file}:{line}: " if file else ""
        label = f' {members[0]["label"]}' if members[0]["label"] else ""
        lines.append(f"{where}{focus}{label}")
        for row in members:
            lines.append(f"  {row['severity']:<9}  {_subject(row)}{row['message']}")
    counts = _counts(validation)
    files = len(validation.checked)
    summary = (f"{_plural(counts['violations'], 'violation')}, "
               f"{_plural(counts['warnings'], 'warning')}")
    nodes = len({(row["file"], row["line"], row["focus"]) for row in rows})
    if nodes:
        summary += f" in {_plural(nodes, 'node')}"
    if rows:
        lines.append("")
    lines.append(f"{summary} ({_plural(files, 'file')} checked)")
    return "\n".join(lines) + "\n"


def _subject(row: dict) -> str:
    """`path = value: ` (or the part of it that the result has)."""
    path, value = row["path"], row["value"]
    if path and value and path != value:
        return f"{path} = {value}: "
    if path or value:
        return f"{path or value}: "
    return ""


def _path(validation: Validation, result: Result) -> str | None:
    """The result path as a SPARQL property path; of the alternatives of `a|b|c`, the one that
    holds the offending value when it can be told."""
    path = result.path
    if path is None:
        return None
    alternatives = validation.report.value(path, SH.alternativePath)
    if alternatives is not None and result.value is not None:
        holding = [p for p in Collection(validation.report, alternatives)
                   if (result.focus, p, result.value) in validation.data]
        if len(holding) == 1:
            return validation.sources.short(holding[0])
    return path_text(validation.report, path, validation.sources.short)


def path_text(report: Graph, path: Node, short: Callable[[Node], str] = SourceMap.short) -> str:
    """The SHACL path `path` of `report` in SPARQL property-path syntax (`^pk:hasShell`,
    `(pk:a|pk:b)`, `pk:a/pk:b*`), each IRI written by `short`."""
    if isinstance(path, URIRef):
        return short(path)
    if (path, SH.alternativePath, None) in report:
        parts = Collection(report, report.value(path, SH.alternativePath))
        return "(" + "|".join(path_text(report, p, short) for p in parts) + ")"
    if (path, SH.inversePath, None) in report:
        return "^" + path_text(report, report.value(path, SH.inversePath), short)
    for predicate, suffix in _PATH_SUFFIXES.items():
        if (path, predicate, None) in report:
            return path_text(report, report.value(path, predicate), short) + suffix
    return "/".join(path_text(report, p, short) for p in Collection(report, path))


def _value(validation: Validation, value: Node | None, most: int | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, Literal):
        lexical, names = str(value), validation.report.namespace_manager
        if value.datatype in _NUMERIC:
            return _cut(lexical, most)
        if most is None or len(lexical) <= most:
            return value.n3(names)
        quoted = Literal(lexical[:most] + "…", lang=value.language).n3()
        typed = f"^^{value.datatype.n3(names)}" if value.datatype else ""
        return f"{quoted}{typed} ({len(lexical):,} characters)"
    if isinstance(value, BNode):
        return validation.sources.name(value)
    return _cut(validation.sources.short(value), most)


def _cut(text: str, most: int | None, quoted: bool = False) -> str:
    """`text` (in quotes when `quoted`), cut to its first `most` characters and its length."""
    mark = '"' if quoted else ""
    if most is None or len(text) <= most:
        return f"{mark}{text}{mark}"
    return f"{mark}{text[:most]}…{mark} ({len(text):,} characters)"


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
