"""Writing canonical triples in one of the export `FORMATS`, to a stream or atomically to a file."""

import json
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

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


def write(path: Path, triples: list[ox.Triple], fmt: str, ctx: dict) -> None:
    """Export canonical triples to `path` atomically (see `project.files.atomic`)."""
    with files.atomic(path) as out:
        render(triples, fmt, ctx, out)
