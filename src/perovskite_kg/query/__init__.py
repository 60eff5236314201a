"""Queries: the stored queries and their headers, the guard, parameters, execution, results.

A query goes `stored` (read the `.rq` file and its `#+` header) -> `guard.prepare` (parse, refuse
what could reach outside the graph) -> `params.bindings` (parameters as RDF terms) ->
`run.execute` (pyoxigraph, over the asserted and inferred named graphs) -> `results.write` (one of
`FORMATS`).

The records on this path (`stored.QueryFile`, `guard.Prepared`, `values.Choice`, `text.Token`,
`reason.Engine`) are named tuples, not dataclasses: `dataclasses` imports `inspect`, about a
fifth of `query`'s start-up (`tests/query/test_fast_path.py` keeps it out).
"""

FORMATS = ("table", "csv", "tsv", "json", "xml")
"""How a SELECT or ASK answer can be printed: a table for people, or a W3C results format."""

TIMEOUT_SECONDS = 30.0
"""How long `query` runs before it is stopped, unless `--timeout` says otherwise."""
