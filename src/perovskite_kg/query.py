"""Running SPARQL over the asserted and inferred graph, without reaching the network or the disk.

A query is parsed by rdflib and its syntax tree inspected before anything runs: SERVICE (to an
IRI, a variable, or SILENT) sends requests to other endpoints, and FROM / FROM NAMED name
documents that engines such as rdflib fetch, so both are refused, except FROM the project's own
two graphs; updates (LOAD, INSERT, ...) are refused too. Only then does pyoxigraph execute it, fast, over the
asserted triples and the inferred ones, each kept in its own named graph and queried as one
default graph.

Parameters are bound as RDF terms through pyoxigraph's substitutions, never pasted into the text.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from perovskite_kg import cache, namespaces
from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import PKR, XSD
from perovskite_kg.querystore import QueryFile

ASSERTED_GRAPH = PKR["graph/asserted"]
"""The named graph holding the ontology and the facts as written."""
INFERRED_GRAPH = PKR["graph/inferred"]
"""The named graph holding only what reasoning added."""
PROJECT_GRAPHS = (ASSERTED_GRAPH, INFERRED_GRAPH)

PREFIXES = {prefix: str(namespace) for prefix, namespace in namespaces.PREFIXES.items()}
_RESULTS_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
Term = ox.NamedNode | ox.Literal
"""What a parameter is bound to."""
_TOKEN = re.compile(r"[?$]?[\w:.-]+|[^\s]")
_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
          "DescribeQuery": "DESCRIBE"}


@dataclass(frozen=True)
class Prepared:
    """A query that parsed and passed the safety checks."""

    query: QueryFile
    form: str
    variables: tuple[str, ...]
    has_dataset: bool = False
    """Whether the query names its graphs with FROM / FROM NAMED."""


def prepare(query: QueryFile) -> Prepared:
    """Parse `query`, refuse what could reach outside the graph, and check its parameters."""
    tree = _parse(query)
    has_dataset = _refuse_outside_access(tree, query)
    try:
        algebra = translateQuery(tree, initNs=PREFIXES).algebra
    except Exception as err:  # rdflib raises bare Exceptions for unknown prefixes and the like
        raise _semantic_error(err, query) from err
    form = _FORMS[algebra.name]
    variables = tuple(str(v) for v in algebra.get("PV") or ()) if form == "SELECT" else ()
    for parameter in query.parameters:
        if parameter.name not in variables:
            raise InputError(
                f"parameter '{parameter.name}' must be one of the SELECT columns, "
                "so the answer shows the value it was computed with",
                query.source,
            )
    return Prepared(query, form, variables, has_dataset)


def bindings(query: QueryFile, given: Sequence[str]) -> dict[ox.Variable, Term]:
    """Every declared parameter as an RDF term: its `--param NAME=VALUE`, else its default."""
    declared = {p.name: p for p in query.parameters}
    values = {name: p.default for name, p in declared.items()}
    for item in given:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep:
            raise InputError(f"--param {item!r}: write NAME=VALUE")
        if name not in declared:
            takes = ", ".join(declared) or "no parameters"
            raise InputError(f"--param {name}: {query.name} takes {takes}")
        values[name] = value.strip()
    return {ox.Variable(name): _term(declared[name].kind, name, value)
            for name, value in values.items()}


def open_store(root: Path) -> ox.Store:
    """An in-memory store with the asserted and the inferred triples, each in its named graph.

    The pair comes from the reasoning cache, so a query after `build` (or after an earlier query)
    does not parse or reason again.
    """
    store = ox.Store()
    for path, graph in zip(cache.reasoned_files(root), PROJECT_GRAPHS):
        name = ox.NamedNode(str(graph))
        # ox.parse keeps blank-node labels, which the two files share; Store.load would rename them.
        triples = ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    return store


def execute(store: ox.Store, prepared: Prepared, bound: dict | None = None):
    """Run a prepared query; pyoxigraph's own errors become `InputError`s."""
    try:
        return store.query(
            prepared.query.text,
            prefixes=PREFIXES,
            # FROM chooses the default graph; without it, the default graph is both graphs.
            use_default_graph_as_union=not prepared.has_dataset,
            substitutions=bound or None,
        )
    except (SyntaxError, OSError, RuntimeError, ValueError) as err:
        raise InputError(f"query failed: {_one_line(err)}", prepared.query.source) from err


def render(result, prepared: Prepared, fmt: str) -> str:
    """The answer as text: an aligned table or a W3C results format; graphs as Turtle."""
    if prepared.form in ("CONSTRUCT", "DESCRIBE"):
        return ox.serialize(result, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode()
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


# ----------------------------------------------------------------------------- parsing, safety
def _parse(query: QueryFile) -> ParseResults:
    try:
        return parseQuery(query.text)
    except ParseException as err:
        try:
            parseUpdate(query.text)
        except ParseException:
            pass
        else:
            raise InputError(
                "updates (LOAD, INSERT, DELETE, CLEAR, ...) are not allowed: queries only read "
                "the graph", query.source,
            ) from err
        token = _TOKEN.match(err.line, err.col - 1)
        # rdflib's grammar fails on any SERVICE once a PREFIX is declared; that is still a
        # SERVICE, refused for what it is rather than reported as a syntax error.
        if token and token.group().upper() == "SERVICE":
            raise _service_refused(query, err.lineno, err.col) from err
        found = f"found {token.group()!r}" if token else "found the end of the query"
        raise InputError(
            f"syntax error: {err.msg[:1].lower()}{err.msg[1:]}, {found}",
            query.source, err.lineno, err.col,
        ) from err


def _refuse_outside_access(tree: ParseResults, query: QueryFile) -> bool:
    """Refuse SERVICE and FROM outside the project's graphs; whether FROM names graphs at all."""
    has_dataset = False
    for node in _nodes(tree):
        if node.name == "ServiceGraphPattern":
            raise _service_refused(query)
        if node.name == "DatasetClause":
            iri = node.get("default") if "default" in node else node.get("named")
            if iri not in PROJECT_GRAPHS:
                keyword = "FROM" if "default" in node else "FROM NAMED"
                allowed = " or ".join(f"<{g}>" for g in PROJECT_GRAPHS)
                raise InputError(
                    f"{keyword} <{iri}> is not allowed: queries read only the project's graphs "
                    f"({allowed}); leave out FROM to query both",
                    query.source,
                )
            has_dataset = True
    return has_dataset


def _service_refused(query: QueryFile, line: int | None = None, column: int | None = None):
    return InputError(
        "SERVICE is not allowed: queries cannot reach other endpoints or the network",
        query.source, line, column,
    )


def _nodes(tree) -> Iterable[CompValue]:
    """Every node of an rdflib syntax tree, depth first (subqueries and EXISTS included)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, (list, ParseResults)):
            stack.extend(node)


def _semantic_error(err: Exception, query: QueryFile) -> InputError:
    """rdflib's errors after parsing, located where the text allows (unknown prefixes)."""
    message = _one_line(err)
    if message.startswith("Unknown namespace prefix"):
        prefix = message.rsplit(":", 1)[-1].strip()
        offset = query.text.find(f"{prefix}:")
        line = query.text.count("\n", 0, offset) + 1 if offset >= 0 else None
        column = offset - query.text.rfind("\n", 0, offset) if offset >= 0 else None
        return InputError(f"undefined prefix '{prefix}:' (declare it: PREFIX {prefix}: <...>)",
                          query.source, line, column)
    return InputError(f"invalid query: {message}", query.source)


# ----------------------------------------------------------------------------- terms
def _term(kind: str, name: str, value: str) -> Term:
    """A parameter value as an RDF term of its declared kind, or a clear `InputError`."""
    try:
        if kind == "iri":
            return ox.NamedNode(_expand(value))
        if kind == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(str(XSD.integer)))
        if kind == "decimal":
            number = Decimal(value)
            if not number.is_finite():
                raise ValueError(value)
            return ox.Literal(str(number), datatype=ox.NamedNode(str(XSD.decimal)))
        if kind == "boolean":
            if value not in ("true", "false"):
                raise ValueError(value)
            return ox.Literal(value, datatype=ox.NamedNode(str(XSD.boolean)))
        return ox.Literal(value)
    except (ValueError, InvalidOperation) as err:
        raise InputError(f"--param {name}={value}: not a valid {kind}") from err


def _expand(value: str) -> str:
    """A prefixed name (pk:Water) or an absolute IRI (<...> optional) as a full IRI."""
    value = value.removeprefix("<").removesuffix(">")
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    if sep and prefix.isalpha():
        return value
    raise ValueError(value)


def _display(term) -> str:
    """A result cell for people: prefixed names, plain literal values, '' when unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return namespaces.curie(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return " ".join(term.value.split())


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
