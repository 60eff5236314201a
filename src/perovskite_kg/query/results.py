"""Answers as text: an aligned table for people, a W3C SPARQL results format, or Turtle."""

import itertools
from collections.abc import Iterable, Sequence
from typing import BinaryIO

import pyoxigraph as ox

from perovskite_kg import namespaces
from perovskite_kg.errors import InputError
from perovskite_kg.project import limits
from perovskite_kg.namespaces import PREFIX_IRIS
from perovskite_kg.query.guard import Prepared

_RESULTS_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}


def write(result, prepared: Prepared, fmt: str, out: BinaryIO) -> None:
    """Write the answer to `out`: W3C formats and Turtle streamed as the engine gives them; an
    aligned table, which must see every row first, holds at most `limits.max_rows()` rows."""
    if prepared.form in ("CONSTRUCT", "DESCRIBE"):
        ox.serialize(result, out, format=ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS)
    elif fmt != "table":
        result.serialize(out, format=_RESULTS_FORMATS[fmt])
    elif prepared.form == "ASK":
        out.write(b"true\n" if bool(result) else b"false\n")
    else:
        most = limits.max_rows()
        rows = [[row[v] for v in prepared.variables] for row in itertools.islice(result, most + 1)]
        if len(rows) > most:
            raise InputError(f"the answer has more than {most:,} rows, too many for a table; use "
                             f"--format csv (streamed), a LIMIT, or {limits.ROWS_VARIABLE}=N")
        out.write(table(prepared.variables, rows).encode())


def table(columns: Sequence[str], rows: Iterable[Sequence]) -> str:
    """An aligned text table for people, IRIs shortened with the project prefixes."""
    cells = [[_display(term) for term in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    count = len(cells)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _display(term) -> str:
    """A result cell for people: prefixed names, plain literal values, '' when unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return namespaces.curie(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return " ".join(term.value.split())
