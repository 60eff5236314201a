"""Serving: the graph over HTTP (`perovskite-kg serve`) and as static pages (`perovskite-kg site`).

    protocol.py   the SPARQL 1.1 Protocol: where the query is, the dataset, content negotiation
    workers.py    a pool of worker processes, each with the store open, killed when a query overruns
    jobs.py       what a worker does with one query: the command line's query path, then a format
    resources.py  `describe(store, iri)`: everything the graph says of one resource, as labelled rows
    ontology.py   the ontology's classes and properties, defined classes in readable form
    pages.py      the HTML pages (Jinja2, autoescaped), shared by the server and the site writer
    api.py        the stored queries as an API, and its OpenAPI document
    app.py        the Starlette application: routes, Linked Data, security headers
    site.py       the same pages written as files (`perovskite-kg site -o DIR`)

The server refuses exactly what the command line refuses: every query goes through
`query.guard.prepare` and `query.params.bindings`, and their one-line messages are the 400 bodies.
"""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 10.0
"""Seconds a query may run before its worker is killed and replaced."""
DEFAULT_WORKERS = 2
DEFAULT_QUEUE = 8
"""Queries that may wait for a worker; one more is answered 503 with Retry-After."""
MAX_QUERY_CHARS = 20_000
MAX_BODY_BYTES = 64_000
MAX_ROWS = 10_000
"""Solutions (or triples) an answer may hold; a larger answer is refused, saying so."""
