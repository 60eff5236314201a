"""The SPARQL 1.1 Protocol's side of a request: where the query is, its dataset, and the format.

A query comes by GET (`?query=`), by POST form (`application/x-www-form-urlencoded`) or by POST
direct (`application/sparql-query`); `default-graph-uri` and `named-graph-uri` may name only the
project's two graphs, checked by the same rule as FROM (`query.guard.refuse_foreign_graph`).
An update (`update=` or `application/sparql-update`) goes to the guard, which refuses it.
"""

from dataclasses import dataclass
from urllib.parse import parse_qsl

from perovskite_kg.errors import InputError
from perovskite_kg.query import guard, stored

RESULTS_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
"""SELECT and ASK answers: media type -> `query.results` format; the first is the default."""
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "xml",
}
"""CONSTRUCT and DESCRIBE answers, and Linked Data: media type -> `export.FORMATS` key."""
BOOLEAN_TYPES = {media: fmt for media, fmt in RESULTS_TYPES.items() if fmt in ("json", "xml")}
"""ASK answers: the W3C CSV and TSV formats have no boolean."""
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"


@dataclass(frozen=True)
class Request:
    """What a protocol request asks: the query text and the graphs it names."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def parse(method: str, content_type: str, url_query: str, body: bytes, max_chars: int) -> Request:
    """The protocol request in a GET's query string or a POST's body, or an `InputError`."""
    fields = parse_qsl(url_query, keep_blank_values=True)
    media = content_type.split(";")[0].strip().lower()
    text = None
    if method == "POST":
        if media == DIRECT:
            text = _decode(body)
        elif media == FORM:
            fields += parse_qsl(_decode(body), keep_blank_values=True)
        elif media == UPDATE:
            _refuse_update(_decode(body))
        else:
            raise InputError(f"POST a query as {FORM} or {DIRECT}, not {media or 'no type'}")
    for name, value in fields:
        if name == "update":
            _refuse_update(value)
    queries = [value for name, value in fields if name == "query"]
    if text is None:
        if len(queries) != 1:
            raise InputError("give exactly one 'query' parameter" if queries else
                             "no query: give ?query=... (or POST one)")
        text = queries[0]
    elif queries:
        raise InputError(f"a {DIRECT} POST carries the query in its body, not in 'query='")
    if len(text) > max_chars:
        raise InputError(f"the query is {len(text)} characters long; the limit is {max_chars}")
    defaults = tuple(value for name, value in fields if name == "default-graph-uri")
    named = tuple(value for name, value in fields if name == "named-graph-uri")
    for keyword, iris in (("default-graph-uri", defaults), ("named-graph-uri", named)):
        for iri in iris:
            guard.refuse_foreign_graph(keyword, iri, "<query>")
    return Request(text, defaults, named)


def offers(form: str) -> dict[str, str]:
    """The media types a query form's answer is offered in."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        return GRAPH_TYPES
    return BOOLEAN_TYPES if form == "ASK" else RESULTS_TYPES


def negotiate(accept: str, offers: dict[str, str]) -> str | None:
    """The media type of `offers` that `accept` prefers (RFC 9110 q-values; ties go to the
    order of `offers`), the first offer when `accept` is empty, None when none is acceptable."""
    ranges = []
    for position, item in enumerate(accept.split(",")):
        media, *options = (part.strip() for part in item.split(";"))
        weight = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if media:
            ranges.append((media.lower(), weight, position))
    if not ranges:
        return next(iter(offers))
    best, best_key = None, None
    for order, offer in enumerate(offers):
        for media, weight, position in ranges:
            kind, _, sub = media.partition("/")
            specificity = 2 if media == offer else 1 if sub == "*" and offer.startswith(
                kind + "/") else 0 if media == "*/*" else -1
            if specificity < 0 or weight <= 0:
                continue
            key = (weight, specificity, -order)
            if best_key is None or key > best_key:
                best, best_key = offer, key
    return best


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"the request body is not UTF-8 (byte {err.start})") from err


def _refuse_update(text: str) -> None:
    """An update is refused by the guard, with the command line's reason."""
    guard.prepare(stored.parse(text))
    raise InputError("an update request must carry an update, not a query", "<query>")
