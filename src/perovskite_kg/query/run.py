"""Execution: pyoxigraph over the asserted and the inferred triples, each in its named graph and
queried together as one default graph (or as FROM chooses)."""

from pathlib import Path

import pyoxigraph as ox

from perovskite_kg.errors import InputError, one_line
from perovskite_kg.namespaces import PREFIX_IRIS
from perovskite_kg.project.store import open_store  # noqa: F401  (the query path's store)
from perovskite_kg.query import kept, params
from perovskite_kg.query.guard import Prepared


def execute(store: ox.Store, prepared: Prepared, bound: dict | None = None,
            default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (),
            keep: Path | None = None, add_kept: bool = True):
    """Run a prepared query, its parameters `bound` in a VALUES block (`params.with_values`);
    pyoxigraph's own errors become `InputError`s.

    `default_graphs` and `named_graphs` (the SPARQL protocol's default-graph-uri and
    named-graph-uri, already checked) replace the query's FROM and FROM NAMED when given.
    With `keep` (`kept.folder` of the entry `store` was made from), a SELECT or ASK answer is
    read from there when it was kept, else computed and kept (unless `add_kept` is false).
    """
    dataset = {}
    if default_graphs or named_graphs:
        dataset = {"default_graph": [ox.NamedNode(g) for g in default_graphs],
                   "named_graphs": [ox.NamedNode(g) for g in named_graphs]}
    text, union = _request(prepared, bound, dataset)

    def compute():
        try:
            return store.query(text, prefixes=PREFIX_IRIS, use_default_graph_as_union=union,
                               **dataset)
        except (SyntaxError, OSError, RuntimeError, ValueError) as err:
            raise InputError(f"query failed: {one_line(err)}", prepared.query.source) from err

    if prepared.form not in ("SELECT", "ASK"):
        return compute()
    return kept.answer(keep, compute, text, PREFIX_IRIS, union, default_graphs, named_graphs,
                       add=add_kept)


def kept_rows(keep: Path, prepared: Prepared, bound: dict | None = None) -> int | None:
    """How many rows the answer `execute(..., keep=keep)` kept for the query has, None if none
    was kept (`update` keeps again the short ones)."""
    text, union = _request(prepared, bound, {})
    return kept.rows(keep, text, PREFIX_IRIS, union, (), ())


def _request(prepared: Prepared, bound: dict | None, dataset: dict) -> tuple[str, bool]:
    """The text run, parameters bound, and whether the default graph is the union of both."""
    # FROM chooses the default graph; without it, the default graph is both graphs.
    return (params.with_values(prepared.query.text, bound or {}),
            not (prepared.has_dataset or dataset))
