"""Writing canonical triples in one of the export `FORMATS`, to a stream or atomically to a file."""

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO
from xml.parsers import expat

import pyoxigraph as ox
from rdflib import Graph

from perovskite_kg.errors import CheckFailed, one_line
from perovskite_kg.export import jsonld
from perovskite_kg.namespaces import PREFIX_IRIS
from perovskite_kg.project import files, terms

_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
               "xml": ox.RdfFormat.RDF_XML}


def render(triples: list[ox.Triple], fmt: str, ctx: dict, out: BinaryIO) -> None:
    """Write canonical triples (`project.terms.canonical`) in `fmt` to the binary stream `out`;
    JSON-LD uses the context `ctx`."""
    if fmt == "jsonld":
        document = jsonld.jsonld(list(terms.from_oxigraph(triples)), ctx)
        out.write(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True).encode())
        out.write(b"\n")
    else:
        ox.serialize(triples, out, format=_OX_FORMATS[fmt], prefixes=PREFIX_IRIS)


def check_readable(data: bytes, fmt: str, shown: str, meant: list[ox.Triple]) -> None:
    """Read an export back with a reader other than its writer before it is published: XML with
    expat (pyoxigraph writes control characters that XML 1.0 forbids), Turtle and N-Triples with
    rdflib, and JSON-LD (written by `jsonld.py`) with pyoxigraph's JSON-LD parser, whose triples
    must be the canonical `meant` ones (isomorphic). pyoxigraph has no document loader unless one
    is given, so a context is never fetched."""
    try:
        if fmt == "xml":
            expat.ParserCreate().Parse(data, True)
        elif fmt == "jsonld":
            _same_triples(ox.parse(data, format=ox.RdfFormat.JSON_LD), meant)
        else:
            Graph().parse(data=data, format="turtle")
    except Exception as err:  # every reader raises its own kind; all mean the export is broken
        raise CheckFailed(f"the {fmt} export does not read back ({one_line(err)}); nothing "
                          "was written", shown) from err


def _same_triples(read: Iterable[ox.Quad], meant: list[ox.Triple]) -> None:
    """Fail unless the triples `read` are `meant`, blank nodes aside (RDFC-1.0 labels both)."""
    dataset = ox.Dataset(read)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    back = {ox.Triple(q.subject, q.predicate, q.object) for q in dataset}
    missing, extra = len(set(meant) - back), len(back - set(meant))
    if missing or extra:
        raise ValueError(f"{missing} triples missing, {extra} not meant")


def write(path: Path, triples: list[ox.Triple], fmt: str, ctx: dict) -> None:
    """Export canonical triples to `path` atomically (see `project.files.atomic`)."""
    with files.atomic(path) as out:
        buffer = io.BytesIO()
        render(triples, fmt, ctx, buffer)
        check_readable(buffer.getvalue(), fmt, str(path), triples)
        out.write(buffer.getvalue())
