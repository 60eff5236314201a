"""The exports `build` writes and `site` publishes, rendered in memory: each file's name, format,
what it holds and its bytes, every one read back by an independent reader (`formats.check_readable`).

- `perovskite-kg.<ext>`: the ontology and facts as stated (asserted), in every triple format;
- `perovskite-kg-reasoned.<ext>`: the same plus the inferred triples, in every format; its TriG
  and N-Quads keep the two apart in their named graphs, so they are the whole dataset;
- `perovskite-kg-inferred.ttl`: the inferred triples alone, so what was derived stays apart;
- `context.jsonld`: the JSON-LD context the `.jsonld` files are compacted with (and embed).
"""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rdflib import Graph

from perovskite_kg.export import DATASET_FORMATS, FORMATS, formats, jsonld, provenance

NAME = "perovskite-kg"
CONTENTS = {"asserted": tuple(f for f in FORMATS if f not in DATASET_FORMATS),
            "reasoned": tuple(FORMATS), "inferred": ("turtle",)}
"""Which formats each kind of export is written in (an asserted TriG would be the reasoned one
without its second graph)."""
CONTEXT = "context.jsonld"


@dataclass(frozen=True)
class Export:
    """One export file: `kind` and `fmt` are None for the JSON-LD context; `data` is None when
    the bytes were handed to `render`'s `put`."""

    name: str
    kind: str | None
    fmt: str | None
    size: int
    data: bytes | None


def file_name(kind: str, fmt: str) -> str:
    """`perovskite-kg.ttl`, `perovskite-kg-reasoned.nq`, ..."""
    return (NAME if kind == "asserted" else f"{NAME}-{kind}") + FORMATS[fmt]


def render(asserted: Graph, inferred: Graph, engine: str, built: date | None = None,
           put: Callable[[str, bytes], None] | None = None) -> list[Export]:
    """Every export, rendered and read back, in the order of `CONTENTS`, then the context. With
    `put`, each file's bytes go to `put(name, data)` as soon as they are read back, and are not
    kept: at scale the exports together take more memory than the graph."""
    ctx = jsonld.context(asserted)
    exports = []
    for kind, chosen in CONTENTS.items():
        held: dict[bool, formats.Statements] = {}  # triples and quads, each computed once
        for fmt in chosen:
            quads = fmt in DATASET_FORMATS
            if quads not in held:
                held[quads] = formats.statements(fmt, asserted, inferred, kind, engine, built)
            with io.BytesIO() as buffer:
                formats.render(held[quads], fmt, ctx, buffer)
                data = buffer.getvalue()
            name = file_name(kind, fmt)
            formats.check_readable(data, fmt, name, held[quads])
            exports.append(_handed(put, Export(name, kind, fmt, len(data), data)))
    context = json.dumps({"@context": ctx}, indent=2, sort_keys=True).encode() + b"\n"
    exports.append(_handed(put, Export(CONTEXT, None, None, len(context), context)))
    return exports


def _handed(put: Callable[[str, bytes], None] | None, export: Export) -> Export:
    if put is None:
        return export
    put(export.name, export.data)
    return Export(export.name, export.kind, export.fmt, export.size, None)


def describe(export: Export, engine_profile: str) -> str:
    """One line for people: what the file holds, in which format."""
    if export.kind is None:
        return "the JSON-LD context the .jsonld files are compacted with"
    what = provenance.KINDS[export.kind].format(engine=engine_profile).rstrip(".")
    return f"{what} ({export.fmt})"
