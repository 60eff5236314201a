"""Answers as text: an aligned table for people, a W3C SPARQL results format, or Turtle.

The table names every resource by its label, every quantity by its value and unit (see
`project.labels`), unless the user asks for IRIs; the W3C formats always keep the terms as they
are, for programs. A table wider than the terminal (or than $COLUMNS) wraps its longest cells;
sent to a pipe or a file without $COLUMNS, it keeps one line per row, for grep and friends.
"""

import io
import itertools
import os
import shutil
import sys
import textwrap
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from perovskite_kg import namespaces
from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import PREFIX_IRIS
from perovskite_kg.project import limits
from perovskite_kg.project.labels import Labels
from perovskite_kg.query.guard import Prepared

_RESULTS_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
NARROWEST = 12
"""No column is wrapped narrower than this many characters."""


def write(result, prepared: Prepared, fmt: str, out: io.BufferedIOBase, labels: Labels | None = None,
          columns: Sequence[str] | None = None) -> None:
    """Write the answer to `out`: W3C formats and Turtle streamed as the engine gives them; an
    aligned table (labels unless `labels` is None, then prefixed names; only `columns` when
    given), which must see every row first, holds at most `limits.max_rows()` rows."""
    if prepared.form in ("CONSTRUCT", "DESCRIBE"):
        ox.serialize(result, out, format=ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS)
    elif fmt != "table":
        result.serialize(out, format=_RESULTS_FORMATS[fmt])
    elif prepared.form == "ASK":
        out.write(b"true\n" if bool(result) else b"false\n")
    else:
        shown = chosen_columns(prepared.variables, columns)
        display = labels.text if labels is not None else iri_text
        most = limits.max_rows()
        rows = [[display(row[v]) for v in shown] for row in itertools.islice(result, most + 1)]
        if len(rows) > most:
            raise InputError(f"the answer has more than {most:,} rows, too many for a table; use "
                             f"--format csv (streamed), a LIMIT, or {limits.ROWS_VARIABLE}=N")
        out.write(table(shown, rows).encode())


def render(result, prepared: Prepared, fmt: str, labels: Labels | None = None,
           columns: Sequence[str] | None = None) -> str:
    """The answer as one string (see `write`), for callers that need it whole."""
    buffer = io.BytesIO()
    write(result, prepared, fmt, buffer, labels, columns)
    return buffer.getvalue().decode()


def chosen_columns(variables: Sequence[str], columns: Sequence[str] | None) -> list[str]:
    """The columns to show: `columns` in the user's order, each one of `variables`."""
    if not columns:
        return list(variables)
    unknown = [c for c in columns if c not in variables]
    if unknown:
        raise InputError(f"--columns {','.join(unknown)}: not a column of this query "
                         f"(its columns: {', '.join(variables)})")
    return list(columns)


def table(columns: Sequence[str], rows: Iterable[Sequence[str]], width: int | None = None) -> str:
    """An aligned text table of `rows` (strings), wrapped to `width` (by default the terminal's
    or $COLUMNS; not wrapped when neither is known)."""
    cells = [list(row) for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    available = width or _terminal_width()
    if available:
        widths = _fit(widths, available)
    lines = [_line(columns, widths), "  ".join("-" * w for w in widths)]
    wrapped = [[textwrap.wrap(c, w) or [""] for c, w in zip(row, widths)] for row in cells]
    spaced = any(len(part) > 1 for row in wrapped for part in row)
    for row in wrapped:
        for depth in range(max(len(part) for part in row)):
            lines.append(_line([p[depth] if depth < len(p) else "" for p in row], widths))
        if spaced:
            lines.append("")
    count = len(cells)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def iri_text(term) -> str:
    """A result cell with IRIs kept: prefixed names, plain literal values, '' when unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return namespaces.curie(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return " ".join(term.value.split())


def _terminal_width() -> int | None:
    if "COLUMNS" in os.environ or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _fit(widths: list[int], available: int) -> list[int]:
    """Narrow the widest columns until the table fits `available` characters (or cannot)."""
    widths = list(widths)
    while sum(widths) + 2 * (len(widths) - 1) > available:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= NARROWEST:
            break
        widths[widest] -= 1
    return widths


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
