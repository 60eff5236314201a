"""The guard: a query is measured, searched and parsed before anything runs.

SERVICE (to an IRI, a variable, or SILENT) sends requests to other endpoints. rdflib parses here
and pyoxigraph executes, and the two read escapes differently, so the decision cannot rest on one
parser's tree: the word SERVICE is refused anywhere in the text or in any decoding of its
code-point escapes (`text.readings`), strings and comments included. FROM / FROM NAMED name
documents that engines such as rdflib fetch, so both are refused, except FROM the project's own two
graphs; updates (LOAD, INSERT, ...) are refused too. Size and nesting are bounded before parsing
(`text.check_size`). Only a `Prepared` query is executed.
"""

import re
from dataclasses import dataclass

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from perovskite_kg.errors import InputError, line_column, one_line
from perovskite_kg.namespaces import PREFIX_IRIS, PROJECT_GRAPHS
from perovskite_kg.query import text
from perovskite_kg.query.stored import QueryFile

_TOKEN = re.compile(r"[?$]?[\w:.-]+|[^\s]")
_SERVICE = re.compile(r"(?<![\w])service(?![\w])", re.IGNORECASE)
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
    if text.is_empty(query.text):
        raise InputError("the query is empty", query.source)
    text.check_size(query.text, query.source)
    _refuse_service(query)
    tree = _parse(query)
    try:
        algebra = translateQuery(tree, initNs=PREFIX_IRIS).algebra
    except RecursionError as err:
        raise InputError("the query is nested too deeply for the parser", query.source) from err
    except Exception as err:  # rdflib raises bare Exceptions for unknown prefixes and the like
        raise _semantic_error(err, query) from err
    has_dataset = _refuse_foreign_graphs(algebra.get("datasetClause"), query)
    form = _FORMS[algebra.name]
    variables = tuple(str(v) for v in algebra.get("PV") or ()) if form == "SELECT" else ()
    if form == "SELECT" and "projection" not in tree[1]:  # SELECT *: rdflib orders by a set
        variables = tuple(sorted(variables, key=lambda v: _first_use(query.text, v)))
    for parameter in query.parameters:
        if parameter.name not in variables:
            raise InputError(
                f"parameter '{parameter.name}' must be one of the SELECT columns, "
                "so the answer shows the value it was computed with",
                query.source,
            )
    return Prepared(query, form, variables, has_dataset)


def _refuse_service(query: QueryFile) -> None:
    """Refuse the word SERVICE wherever an engine could read it: in the text as written or once
    its code-point escapes are decoded (in any case; even in a string or a comment)."""
    for reading in text.readings(query.text, query.source):
        found = _SERVICE.search(reading)
        if found:
            line, column = line_column(reading, found.start())
            raise InputError(
                "SERVICE is not allowed: queries cannot reach other endpoints or the network "
                "(the word is refused anywhere in a query, strings and comments included)",
                query.source, line, column,
            )


def _parse(query: QueryFile) -> ParseResults:
    try:
        return parseQuery(query.text)
    except RecursionError as err:
        raise InputError("the query is nested too deeply for the parser", query.source) from err
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
        found = f"found {token.group()!r}" if token else "found the end of the query"
        raise InputError(
            f"syntax error: {err.msg[:1].lower()}{err.msg[1:]}, {found}",
            query.source, err.lineno, err.col,
        ) from err


def _refuse_foreign_graphs(clauses, query: QueryFile) -> bool:
    """Refuse FROM outside the project's graphs (IRIs as resolved against BASE and the
    prefixes); whether FROM names graphs at all."""
    for node in clauses or ():
        iri = node.get("default") if "default" in node else node.get("named")
        refuse_foreign_graph("FROM" if "default" in node else "FROM NAMED", iri, query.source)
    return bool(clauses)


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


def _first_use(query_text: str, variable: str) -> tuple[int, str]:
    found = re.search(rf"[?$]{re.escape(variable)}(?!\w)", query_text)
    return (found.start() if found else len(query_text), variable)


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
