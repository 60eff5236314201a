"""What rdflib's SPARQL parser makes of a query: its form, its columns, whether it names graphs,
and its syntax errors, located. The guard (`query.guard`) asks here only when it has no verdict
kept for the same text and code, so the slow parser (and rdflib's import) is off the command's
usual path."""

import re

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from perovskite_kg.errors import InputError, line_column, one_line
from perovskite_kg.namespaces import PREFIX_IRIS
from perovskite_kg.query.stored import QueryFile

_TOKEN = re.compile(r"[?$]?[\w:.-]+|[^\s]")
_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
          "DescribeQuery": "DESCRIBE"}


def read(query: QueryFile) -> tuple[str, tuple[str, ...], list[tuple[str, str]]]:
    """The query's form, its SELECT columns in order, and the graphs its FROM and FROM NAMED
    clauses name, as (keyword, IRI resolved against BASE and the prefixes)."""
    tree = _parse(query)
    try:
        algebra = translateQuery(tree, initNs=PREFIX_IRIS).algebra
    except RecursionError as err:
        raise InputError("the query is nested too deeply for the parser", query.source) from err
    except Exception as err:  # rdflib raises bare Exceptions for unknown prefixes and the like
        raise _semantic_error(err, query) from err
    graphs = [("FROM", str(node.get("default"))) if "default" in node
              else ("FROM NAMED", str(node.get("named")))
              for node in algebra.get("datasetClause") or ()]
    form = _FORMS[algebra.name]
    variables = tuple(str(v) for v in algebra.get("PV") or ()) if form == "SELECT" else ()
    if form == "SELECT" and "projection" not in tree[1]:  # SELECT *: rdflib orders by a set
        variables = tuple(sorted(variables, key=lambda v: _first_use(query.text, v)))
    return form, variables, graphs


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
