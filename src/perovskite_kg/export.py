"""Exports: the graph as Turtle, N-Triples, JSON-LD or RDF/XML, same sources giving same bytes.

- Deterministic: blank nodes get the labels of W3C RDF Dataset Canonicalization (RDFC-1.0, computed
  by pyoxigraph), triples are written sorted, prefixes come from `namespaces`, and nothing depends
  on the clock unless a build date is given.
- Atomic: a file is written under a temporary name in its folder and renamed over the target only
  when complete; on any failure the previous file is left as it was.
- Self-describing: `provenance` adds a node for the export itself, with the ontology version and
  the source review (both read from the ontology header), what it holds, and the build date if any.
- JSON-LD is compacted with `context`, generated from the ontology: every pk: class and property
  by its local name ("hasCore", "Heterostructure"), object properties taking IRIs as plain strings,
  and blank nodes used once written where they are used. rdflib's JSON-LD writer drops the triples
  of such blank nodes, so the compaction is done here and the tests parse it back with two parsers.
"""

import json
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from perovskite_kg import oxterms
from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import DCTERMS, OWL, PK, PKR, PREFIXES, RDF, RDFS, XSD
from perovskite_kg.paths import display

FORMATS = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf"}
"""Each export format and the file extension it is written with."""

KINDS = {
    "asserted": "The perovskite-kg ontology and facts, as stated by the curators.",
    "reasoned": "The perovskite-kg ontology and facts as stated, plus the triples the {engine} "
    "reasoner infers from them.",
    "inferred": "Only the triples the {engine} reasoner infers from the perovskite-kg ontology "
    "and facts; none of them is stated in the sources.",
}
"""What an export can hold, as its provenance describes it."""

_ENGINE_NAMES = {"rl": "OWL 2 RL", "dl": "OWL 2 DL"}
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
               "xml": ox.RdfFormat.RDF_XML}
_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def parse_date(text: str | None) -> date | None:
    """A `--date YYYY-MM-DD` value; a malformed one is a usage error (exit code 2)."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise InputError(f"--date {text!r}: expected a date as YYYY-MM-DD") from err


def compose(asserted: Graph, inferred: Graph | None, kind: str, engine: str,
            built: date | None = None) -> list[Graph]:
    """The graphs one export is made of: `kind` "asserted", "reasoned" (asserted plus inferred)
    or "inferred", and its provenance node (pass the list to `canonical`)."""
    parts = {"asserted": [asserted], "reasoned": [asserted, inferred], "inferred": [inferred]}
    return [*parts[kind], provenance(asserted, kind, engine, built)]


def provenance(ontology: Graph, kind: str, engine: str, built: date | None = None) -> Graph:
    """The node `pkr:export-<kind>[-<engine>]` describing an export, from the ontology header."""
    header = next(ontology.subjects(RDF.type, OWL.Ontology), None)
    node = PKR[f"export-{kind}" if kind == "asserted" else f"export-{kind}-{engine}"]
    graph = Graph()
    graph.add((node, RDFS.label, Literal(f"perovskite-kg export, {kind}")))
    description = KINDS[kind].format(engine=_ENGINE_NAMES.get(engine, engine))
    graph.add((node, DCTERMS.description, Literal(description)))
    graph.add((DCTERMS.conformsTo, RDF.type, OWL.AnnotationProperty))
    if header is not None:
        for version in ontology.objects(header, OWL.versionIRI):
            graph.add((node, DCTERMS.conformsTo, version))
        for source in ontology.objects(header, DCTERMS.source):
            graph.add((node, DCTERMS.source, source))
    if built is not None:
        graph.add((node, DCTERMS.created, Literal(built.isoformat(), datatype=XSD.date)))
    return graph


def context(ontology: Graph) -> dict:
    """The JSON-LD context: the project prefixes, and every pk: class and property by local name."""
    terms: dict = dict(_PREFIXES)
    terms["label"] = "rdfs:label"
    kinds = ((OWL.Class, False), (OWL.DatatypeProperty, False), (OWL.AnnotationProperty, False),
             (OWL.ObjectProperty, True))
    for kind, takes_iris in kinds:
        for iri in ontology.subjects(RDF.type, kind):
            name = str(iri)[len(PK):] if isinstance(iri, URIRef) and iri.startswith(PK) else ""
            if name and name not in terms:
                terms[name] = {"@id": f"pk:{name}", "@type": "@id"} if takes_iris else f"pk:{name}"
    return dict(sorted(terms.items()))


def render(triples: list[ox.Triple], fmt: str, ctx: dict, out: BinaryIO) -> None:
    """Write `canonical` triples in `fmt` to the binary stream `out`; JSON-LD uses context `ctx`."""
    if fmt == "jsonld":
        document = jsonld(list(oxterms.from_oxigraph(triples)), ctx)
        out.write(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True).encode())
        out.write(b"\n")
    else:
        ox.serialize(triples, out, format=_OX_FORMATS[fmt], prefixes=_PREFIXES)


def write(path: Path, triples: list[ox.Triple], fmt: str, ctx: dict) -> None:
    """Export `canonical` triples to `path` atomically (see `atomic`)."""
    with atomic(path) as out:
        render(triples, fmt, ctx, out)


@contextmanager
def atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` only if the block completes; otherwise `path` is untouched
    and the temporary file is removed. Errors from the file system become one-line `InputError`s."""
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
    except OSError as err:
        raise InputError(f"cannot write here: {err.strerror}", display(path)) from err
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.chmod(temporary, _mode(path))
        os.replace(temporary, path)
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", display(path)) from err
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _mode(path: Path) -> int:
    """The permissions the file would get from a plain open(): the old file's, else the umask's."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def canonical(graphs: Iterable[Graph]) -> list[ox.Triple]:
    """The triples of all `graphs`, blank nodes labelled by RDFC-1.0, sorted: what `render` takes.
    The graphs share blank nodes (an inferred triple about a stated one uses the same node)."""
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object)
                         for graph in graphs for t in oxterms.to_oxigraph(graph))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted((q.triple for q in dataset), key=_sort_key)


# ------------------------------------------------------------------------------------- JSON-LD
def jsonld(triples: list[tuple[Node, Node, Node]], ctx: dict) -> dict:
    """A compacted JSON-LD document of `triples` under the context `ctx` (see the module doc)."""
    coerced = {term for term, definition in ctx.items()
               if isinstance(definition, dict) and definition.get("@type") == "@id"}
    names = {_expand(definition, ctx): term for term, definition in ctx.items()
             if not _is_prefix(term, definition)}
    outgoing: dict[Node, list] = defaultdict(list)
    references: Counter = Counter()
    for s, p, o in triples:
        outgoing[s].append((p, o))
        if isinstance(o, BNode):
            references[o] += 1
    lists = _list_cells(outgoing, references)
    inline = {n for n in outgoing if isinstance(n, BNode) and references[n] == 1} - lists
    placed: set[Node] = set()

    def compact(iri: Node) -> str:
        if isinstance(iri, BNode):
            return f"_:{iri}"
        prefix = max((p for p, ns in _PREFIXES.items() if iri.startswith(ns)),
                     key=lambda p: len(_PREFIXES[p]), default=None)
        local = str(iri)[len(_PREFIXES[prefix]):] if prefix else ""
        return f"{prefix}:{local}" if local and not local.startswith("//") else str(iri)

    def value(term: Node, key: str) -> object:
        if isinstance(term, Literal):
            return _literal(term, compact, bare_strings=key not in coerced)
        if term in lists:
            return {"@list": [value(item, key) for item in _items(term, outgoing)]}
        if term == RDF.nil:
            return {"@list": []}
        if term in inline and term not in placed:
            placed.add(term)
            return node(term, with_id=False)
        return compact(term) if key in coerced else {"@id": compact(term)}

    def node(subject: Node, with_id: bool = True) -> dict:
        body: dict = {"@id": compact(subject)} if with_id else {}
        values: dict[str, list] = defaultdict(list)
        for p, o in outgoing[subject]:
            if p == RDF.type and not isinstance(o, Literal):
                values["@type"].append(names.get(o) or compact(o))
            else:
                key = names.get(p) or compact(p)
                values[key].append(value(o, key))
        for key, items in values.items():
            items = sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
            body[key] = items[0] if len(items) == 1 else items
        return body

    top = [node(s) for s in outgoing if s not in inline and s not in lists]
    top += [node(s) for s in outgoing if s in inline and s not in placed]  # cycles of blank nodes
    top.sort(key=lambda n: n["@id"])
    return {"@context": ctx, "@graph": top}


def _literal(term: Literal, compact, bare_strings: bool) -> object:
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is None or term.datatype == XSD.string:
        return str(term) if bare_strings else {"@value": str(term)}
    if bare_strings and term.datatype == XSD.integer and _INTEGER.fullmatch(term):
        return int(term)
    if bare_strings and term.datatype == XSD.boolean and str(term) in ("true", "false"):
        return str(term) == "true"
    return {"@value": str(term), "@type": compact(term.datatype)}


def _list_cells(outgoing: dict, references: Counter) -> set[Node]:
    """The blank nodes of well-formed rdf:Lists (each cell used once, ending in rdf:nil): a list is
    written as JSON-LD @list where its head is used, and its cells are never written as nodes."""
    def cell(n: Node) -> bool:
        return (isinstance(n, BNode) and references[n] == 1
                and sorted(p for p, _ in outgoing.get(n, ())) == [RDF.first, RDF.rest])

    cells: set[Node] = set()
    for start in outgoing:
        chain, node = [], start
        while cell(node) and node not in chain:
            chain.append(node)
            node = dict(outgoing[node])[RDF.rest]
        if node == RDF.nil:
            cells.update(chain)
    return cells


def _items(head: Node, outgoing: dict) -> Iterator[Node]:
    node = head
    while node != RDF.nil:
        cell = dict(outgoing[node])
        yield cell[RDF.first]
        node = cell[RDF.rest]


def _expand(definition: object, ctx: dict) -> URIRef:
    curie = definition["@id"] if isinstance(definition, dict) else definition
    prefix, _, local = curie.partition(":")
    return URIRef(ctx[prefix] + local)


def _is_prefix(term: str, definition: object) -> bool:
    return isinstance(definition, str) and definition.endswith(("#", "/"))


def _sort_key(triple: ox.Triple) -> tuple[str, ...]:
    """Sorted by subject, predicate and object in their N-Triples spelling."""
    return tuple(str(term) for term in triple)
