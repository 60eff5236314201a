"""What a worker process does with one query: the command line's query path, then one format.

`answer` goes through `query.stored`, `query.guard.prepare`, `query.params.bindings` and
`query.run.execute`, exactly as `perovskite-kg query` does, so the server refuses what the
command line refuses with the same one-line reason; a stored query is answered from the answers
`build` kept over the same graph (`query.kept`) when it has one, so an aggregate over a million
triples costs a file read here too, and nothing a request asks is kept. An answer larger than
`MAX_ANSWER_BYTES`, or a table longer than `MAX_ROWS`, is refused (or cut, for pages) saying so.
"""

import functools
import io
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from perovskite_kg import reason
from perovskite_kg.errors import KgError
from perovskite_kg.export import formats
from perovskite_kg.project import cache
from perovskite_kg.project.labels import Labels
from perovskite_kg.query import answers, guard, kept, params, run, stored
from perovskite_kg.query.stored import QueryFile
from perovskite_kg.serve import MAX_ROWS, documents, protocol

MAX_ANSWER_BYTES = 16_000_000
"""The largest answer the endpoint sends."""
PREPARED_CACHE = 256
"""Checked queries a worker keeps, by stored name or text."""
TABLE = "table"
"""The `accept` of a job whose answer is a `Table` for a page, not bytes."""


@dataclass(frozen=True)
class Job:
    """One query to run: a stored query by name (with NAME=VALUE parameters) or a query text."""

    name: str | None = None
    text: str | None = None
    params: tuple[str, ...] = ()
    accept: str = ""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A SELECT answer for a page: column names and rows of `Cell`s (None when unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    truncated: bool = False


@dataclass(frozen=True)
class Cell:
    """One term of an answer, in plain values a process can pass to another."""

    kind: str
    """"iri", "blank" or "literal"."""
    value: str
    language: str = ""
    datatype: str = ""


@dataclass(frozen=True)
class Answer:
    """A worker's reply: an HTTP status with a body (and its media type), or a table."""

    status: int
    media_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    table: Table | None = None


class _TooLarge(Exception):
    pass


class _Capped(io.RawIOBase):
    """A byte sink that stops the serialiser once the answer passes `MAX_ANSWER_BYTES`."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.buffer += data
        if len(self.buffer) > MAX_ANSWER_BYTES:
            raise _TooLarge
        return len(data)


class Context:
    """What a worker opens once: the store, the answers kept over it, and the JSON-LD context
    `perovskite-kg export` uses."""

    def __init__(self, root: Path) -> None:
        self.root = root
        opened = cache.entry(root)
        self.store = run.open_store(root)
        # Kept answers only of the very graph the store holds: none if a file changed meanwhile.
        self.kept = kept.folder(opened, reason.DEFAULT) if cache.entry(root) == opened else None
        self.jsonld_context = documents.jsonld_context(self.store)
        self.prepare = functools.lru_cache(maxsize=PREPARED_CACHE)(self._prepare)
        self.labels = Labels(self.store)
        self._allowed: dict[Path | None, dict] = {}

    def allowed(self, chosen: QueryFile) -> dict:
        """The allowed values of a query's parameters (kept per query file), so a label or a
        local name is accepted as on the command line (`stressor=Heating`)."""
        if chosen.path not in self._allowed:
            self._allowed[chosen.path] = answers.allowed(self.store, self.labels, chosen)
        return self._allowed[chosen.path]

    def _prepare(self, name: str | None, text: str | None) -> tuple[QueryFile, guard.Prepared]:
        """A query read and checked by the guard; kept (parsing takes rdflib tens of ms), as the
        files and the texts do not change while the server runs. A refusal is not kept."""
        chosen = stored.find(self.root, name) if name else stored.parse(text or "")
        return chosen, guard.prepare(chosen)


def answer(context: Context, job: Job) -> Answer:
    """Run `job`; a refused or failing query is a 400 (406 for no acceptable format)."""
    try:
        return _answer(context, job)
    except KgError as err:
        return Answer(400, body=f"{err}\n".encode())
    except _TooLarge:
        return Answer(413, body=(f"the answer is larger than {MAX_ANSWER_BYTES // 1_000_000} MB, "
                                 "the server's limit: add LIMIT or narrow the query\n").encode())


def _answer(context: Context, job: Job) -> Answer:
    chosen, prepared = context.prepare(job.name, job.text)
    bound = params.bindings(chosen, job.params, context.allowed(chosen))
    graph_form = prepared.form in ("CONSTRUCT", "DESCRIBE")
    if job.accept == TABLE:
        media = None
    else:
        offers = protocol.offers(prepared.form)
        media = protocol.negotiate(job.accept, offers)
        if media is None:
            offered = ", ".join(offers)
            return Answer(406, body=f"a {prepared.form} answer is offered as {offered}\n".encode())
    result = run.execute(context.store, prepared, bound, job.default_graphs, job.named_graphs,
                         keep=context.kept if job.name else None, add_kept=False)
    if media is None:
        return Answer(200, table=_table(result, prepared))
    out = _Capped()
    if graph_form:
        triples = [t for t in result]
        formats.render(triples, protocol.GRAPH_TYPES[media], context.jsonld_context, out)
    else:
        fmt = protocol.RESULTS_TYPES[media]
        result.serialize(out, format=_RESULTS_FORMATS[fmt])
    charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
    return Answer(200, media + charset, bytes(out.buffer))


_RESULTS_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                    "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


def _table(result, prepared) -> Table:
    if prepared.form == "ASK":
        return Table(("answer",), ((_cell(ox.Literal("true" if bool(result) else "false")),),))
    if prepared.form != "SELECT":
        triples = [t for _, t in zip(range(MAX_ROWS + 1), result)]
        rows = tuple((_cell(t.subject), _cell(t.predicate), _cell(t.object)) for t in triples)
        return Table(("subject", "predicate", "object"), rows[:MAX_ROWS], len(rows) > MAX_ROWS)
    rows = []
    for solution in result:
        if len(rows) == MAX_ROWS:
            return Table(prepared.variables, tuple(rows), truncated=True)
        rows.append(tuple(_cell(solution[v]) for v in prepared.variables))
    return Table(prepared.variables, tuple(rows))


def _cell(term) -> "Cell | None":
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Cell("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return Cell("blank", term.value)
    return Cell("literal", term.value, term.language or "", term.datatype.value)
