"""The stored queries as an API, grlc-style: each `.rq` file's `#+` header becomes a listing entry
and an OpenAPI operation, so the query file stays the one source of the question, the parameters
and their allowed values."""

from dataclasses import dataclass

import pyoxigraph as ox

from perovskite_kg import __version__, namespaces
from perovskite_kg.namespaces import RDF
from perovskite_kg.query import params
from perovskite_kg.query.stored import Parameter, QueryFile
from perovskite_kg.serve import pages, protocol, resources

_TYPE = ox.NamedNode(str(RDF.type))
_SCHEMAS = {"integer": {"type": "integer"}, "decimal": {"type": "number"},
            "boolean": {"type": "boolean"}, "string": {"type": "string"}, "iri": {"type": "string"}}


@dataclass(frozen=True)
class Choice:
    """An allowed value of an IRI parameter: its prefixed name and its label."""

    value: str
    text: str


@dataclass(frozen=True)
class Field:
    """A parameter as a form field: its declaration, its current value and its choices."""

    name: str
    kind: str
    description: str
    value: str
    choices: tuple[Choice, ...] = ()


def choices(store: ox.Store, parameter: Parameter) -> tuple[Choice, ...]:
    """The values an IRI parameter may take: the individuals of the classes its default belongs
    to, as the graph states them (so pk:EQE offers every figure of merit the graph knows)."""
    if parameter.kind != "iri":
        return ()
    default = params.bindings(_only(parameter), ())[ox.Variable(parameter.name)]
    asserted = ox.NamedNode(str(namespaces.ASSERTED_GRAPH))
    kinds = {q.object for q in store.quads_for_pattern(default, _TYPE, None, asserted)}
    members = {q.subject for kind in kinds for q in store.quads_for_pattern(None, _TYPE, kind)
               if isinstance(q.subject, ox.NamedNode)} | {default}
    found = {Choice(namespaces.curie(m.value), resources.label(store, m)) for m in members}
    return tuple(sorted(found, key=lambda c: (c.text.lower(), c.value)))


def fields(store: ox.Store, query: QueryFile, given: dict[str, str]) -> tuple[Field, ...]:
    """The query's parameters as form fields, valued from `given` or their defaults."""
    return tuple(Field(p.name, p.kind, p.description, given.get(p.name, p.default),
                       choices(store, p)) for p in query.parameters)


def entry(store: ox.Store, query: QueryFile, base: str) -> dict:
    """A stored query in the listing: its header, parameters and allowed values, and its URL."""
    return {
        "name": query.name,
        "id": query.header.get("id", ""),
        "summary": query.header.get("summary", ""),
        "question": query.header.get("question", ""),
        "tags": pages.tags(query),
        "url": f"{base}/queries/{query.name}",
        "parameters": [{"name": p.name, "kind": p.kind, "default": p.default,
                        "description": p.description,
                        "allowed": [c.value for c in choices(store, p)]}
                       for p in query.parameters],
    }


def openapi(store: ox.Store, queries: list[QueryFile], base: str) -> dict:
    """An OpenAPI 3 document with one GET operation per stored query."""
    paths = {}
    for query in queries:
        parameters = []
        for p in query.parameters:
            schema = dict(_SCHEMAS[p.kind], default=p.default)
            allowed = [c.value for c in choices(store, p)]
            if allowed:
                schema["enum"] = allowed
            parameters.append({"name": p.name, "in": "query", "required": False,
                               "description": p.description, "schema": schema})
        media = {m: {} for m in protocol.offers(_form(query))}
        paths[f"/queries/{query.name}"] = {"get": {
            "operationId": query.name,
            "summary": query.header.get("summary", ""),
            "description": query.header.get("question", ""),
            "tags": pages.tags(query),
            "parameters": parameters,
            "responses": {
                "200": {"description": "the answer", "content": media},
                "400": {"description": "a parameter value is refused, with the reason",
                        "content": {"text/plain": {}}},
                "503": {"description": "busy (see Retry-After) or the query timed out",
                        "content": {"text/plain": {}}},
            },
        }}
    return {
        "openapi": "3.0.3",
        "info": {"title": "perovskite-kg stored queries", "version": __version__,
                 "description": "The stored SPARQL queries of perovskite-kg, each an operation; "
                                "parameters are bound as RDF terms, never pasted into the query."},
        "servers": [{"url": base}],
        "paths": paths,
    }


def _form(query: QueryFile) -> str:
    expects = query.expects
    if expects and expects.shape == "graph":
        return "CONSTRUCT"
    return "ASK" if expects and expects.shape == "boolean" else "SELECT"


def _only(parameter: Parameter) -> QueryFile:
    """A query declaring just `parameter`, so `params.bindings` reads its default as a term."""
    return QueryFile(None, "", {}, (parameter,))
