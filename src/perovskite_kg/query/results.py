"""Answers as text: an aligned table for people, a W3C SPARQL results format, or Turtle."""

from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from perovskite_kg import namespaces
from perovskite_kg.namespaces import PREFIX_IRIS
from perovskite_kg.query.guard import Prepared

_RESULTS_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}


def render(result, prepared: Prepared, fmt: str) -> str:
    """The answer as text: an aligned table or a W3C results format; graphs as Turtle."""
    if prepared.form in ("CONSTRUCT", "DESCRIBE"):
        return ox.serialize(result, format=ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS).decode()
    if fmt != "table":
        return result.serialize(format=_RESULTS_FORMATS[fmt]).decode()
    if prepared.form == "ASK":
        return "true\n" if bool(result) else "false\n"
    return table(prepared.variables, [[row[v] for v in prepared.variables] for row in result])


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
