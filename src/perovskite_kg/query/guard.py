"""The guard: a query is parsed and its syntax tree inspected before anything runs.

SERVICE (to an IRI, a variable, or SILENT) sends requests to other endpoints, and FROM / FROM NAMED
name documents that engines such as rdflib fetch, so both are refused, except FROM the project's
own two graphs; updates (LOAD, INSERT, ...) are refused too. Only a `Prepared` query is executed.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from perovskite_kg.errors import InputError, line_column, one_line
from perovskite_kg.namespaces import PREFIX_IRIS, PROJECT_GRAPHS
from perovskite_kg.query.stored import QueryFile

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
        algebra = translateQuery(tree, initNs=PREFIX_IRIS).algebra
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
            refuse_foreign_graph("FROM" if "default" in node else "FROM NAMED", iri, query.source)
            has_dataset = True
    return has_dataset


def refuse_foreign_graph(keyword: str, iri: str, source: str) -> None:
    """Refuse a graph named by `keyword` (FROM, or the protocol's default-graph-uri) that is not
    one of the project's two graphs."""
    if str(iri) not in {str(g) for g in PROJECT_GRAPHS}:
        allowed = " or ".join(f"<{g}>" for g in PROJECT_GRAPHS)
        raise InputError(
            f"{keyword} <{iri}> is not allowed: queries read only the project's graphs "
            f"({allowed}); leave out FROM to query both",
            source,
        )


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
    message = one_line(err)
    if message.startswith("Unknown namespace prefix"):
        prefix = message.rsplit(":", 1)[-1].strip()
        offset = query.text.find(f"{prefix}:")
        line, column = line_column(query.text, offset) if offset >= 0 else (None, None)
        return InputError(f"undefined prefix '{prefix}:' (declare it: PREFIX {prefix}: <...>)",
                          query.source, line, column)
    return InputError(f"invalid query: {message}", query.source)
