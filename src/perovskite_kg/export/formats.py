"""Writing canonical triples (or quads) in one of the export `FORMATS`, to a stream or atomically
to a file."""

import io
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import BinaryIO
from xml.parsers import expat

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.store import Store

from perovskite_kg.errors import CheckFailed, one_line
from perovskite_kg.export import DATASET_FORMATS, jsonld, provenance
from perovskite_kg.namespaces import PREFIX_IRIS
from perovskite_kg.project import files, terms

OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
              "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
              "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
"""pyoxigraph's name for each export format, which also knows its media type."""
_RDFLIB_READERS = {"turtle": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads"}

Statements = list[ox.Triple] | list[ox.Quad] | terms.Canonical


def statements(fmt: str, asserted: Graph, inferred: Graph | None, kind: str, engine: str,
               built: date | None = None) -> Statements:
    """What an export of `kind` (see `provenance.compose`) holds in `fmt`, canonical: quads in
    their named graphs for `DATASET_FORMATS`, triples for the others."""
    return terms.canonical_lines(provenance.named(asserted, inferred, kind, engine, built),
                                 quads=fmt in DATASET_FORMATS)


def render(items: Statements, fmt: str, ctx: dict, out: BinaryIO,
           prefixes: dict[str, str] = PREFIX_IRIS) -> None:
    """Write canonical triples (`project.terms.canonical`), or quads for `DATASET_FORMATS`
    (`canonical_quads`), in `fmt` to the binary stream `out`; JSON-LD uses the context `ctx`,
    the other formats `prefixes`."""
    if fmt == "jsonld":
        document = jsonld.jsonld(terms.from_oxigraph(items), ctx)
        out.write(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True).encode())
        out.write(b"\n")
    else:
        ox.serialize(items, out, format=OX_FORMATS[fmt], prefixes=prefixes)


def check_readable(data: bytes, fmt: str, shown: str, meant: Statements) -> None:
    """Read an export back with a reader other than its writer before it is published: XML with
    expat (pyoxigraph writes control characters that XML 1.0 forbids), Turtle, N-Triples, TriG
    and N-Quads with rdflib's parser for the format, which must read as many statements as were
    `meant`, and JSON-LD (written by `jsonld.py`) with pyoxigraph's JSON-LD parser, whose triples
    must be the `meant` ones (isomorphic). pyoxigraph has no document loader unless one is given,
    so a context is never fetched."""
    try:
        if fmt == "xml":
            expat.ParserCreate().Parse(data, True)
        elif fmt == "jsonld":
            _same_triples(ox.parse(data, format=ox.RdfFormat.JSON_LD), meant)
        else:
            _same_count(data, fmt, len(meant))
    except Exception as err:  # every reader raises its own kind; all mean the export is broken
        raise CheckFailed(f"the {fmt} export does not read back ({one_line(err)}); nothing "
                          "was written", shown) from err


def _same_count(data: bytes, fmt: str, meant: int) -> None:
    """Fail unless rdflib reads `data` as `fmt` without an error and finds `meant` statements.
    Read into a store that only counts: at a million triples, holding them in an rdflib graph
    took twice the time and gigabytes that nothing looks at."""
    counted = _Counting()
    reader = Dataset if fmt in DATASET_FORMATS else Graph
    reader(store=counted).parse(data=data, format=_RDFLIB_READERS[fmt])
    if counted.statements != meant:
        raise ValueError(f"{counted.statements} statements read, {meant} written")


class _Counting(Store):
    """An rdflib store that keeps nothing and counts what a parser adds."""

    context_aware = graph_aware = True

    def __init__(self) -> None:
        super().__init__()
        self.statements = 0

    def add(self, triple, context, quoted=False) -> None:
        self.statements += 1

    def addN(self, quads) -> None:
        self.statements += sum(1 for _ in quads)

    def add_graph(self, graph) -> None:
        pass

    def remove_graph(self, graph) -> None:
        pass

    def contexts(self, triple=None):
        return iter(())

    def triples(self, pattern, context=None):
        return iter(())

    def __len__(self, context=None) -> int:
        return self.statements


def _same_triples(read: Iterable[ox.Quad], meant: Statements) -> None:
    """Fail unless the triples `read` are `meant`, blank nodes aside: RDFC-1.0 labels both, so
    their canonical N-Triples lines are the same bytes."""
    back = terms.canonical_stream(read, quads=False).data
    wanted = (meant.data if isinstance(meant, terms.Canonical)
              else terms.canonical_stream((ox.Quad(t.subject, t.predicate, t.object)
                                           for t in meant), quads=False).data)
    if back != wanted:
        back_lines, wanted_lines = set(back.splitlines()), set(wanted.splitlines())
        raise ValueError(f"{len(wanted_lines - back_lines)} triples missing, "
                         f"{len(back_lines - wanted_lines)} not meant")


def write(path: Path, items: Statements, fmt: str, ctx: dict) -> None:
    """Export canonical triples (or quads) to `path` atomically (see `project.files.atomic`)."""
    with files.atomic(path) as out:
        buffer = io.BytesIO()
        render(items, fmt, ctx, buffer)
        check_readable(buffer.getvalue(), fmt, str(path), items)
        out.write(buffer.getvalue())
