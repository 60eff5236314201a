"""Parameters: each `--param NAME=VALUE` (or default) bound as an RDF term of its declared kind.

Values are bound as RDF terms in a VALUES block opening the query's outermost WHERE group
(`with_values`), each term written by pyoxigraph, never pasted into the query text as the user
wrote it. pyoxigraph evaluates such a block first and looks the values up in its indexes, where
its `substitutions` are joined after the pattern is evaluated: at a million triples a query for
one heterostructure took 1.6 s with substitutions and 1.2 ms with the block
(`benchmarks/store_scale.py`). A
parameter whose header names its allowed values (`#+ values:`) is checked against them, and may be
named by label or local name (`query.values`).
"""

import re
from collections.abc import Sequence

import pyoxigraph as ox

from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import PREFIX_IRIS
from perovskite_kg.query import text
from perovskite_kg.query import values as allowed_values
from perovskite_kg.query.stored import QueryFile

_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
"""What a person writes for a number; Python's int() and Decimal() also take 2_8, NaN, ' 7 '."""

Term = ox.NamedNode | ox.Literal
"""What a parameter is bound to."""
_XSD_INTEGER, _XSD_DECIMAL, _XSD_BOOLEAN = (ox.NamedNode(PREFIX_IRIS["xsd"] + kind)
                                            for kind in ("integer", "decimal", "boolean"))


def bindings(query: QueryFile, given: Sequence[str],
             allowed: dict[str, list[allowed_values.Choice]] | None = None
             ) -> dict[ox.Variable, Term]:
    """Every declared parameter as an RDF term: its `--param NAME=VALUE`, else its default.

    A parameter in `allowed` (name -> its allowed values) must name one of them."""
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
    allowed = allowed or {}
    return {ox.Variable(name): _term(declared[name].kind, name, value)
            if name not in allowed else _allowed(query, declared[name].kind, name, value,
                                                 allowed[name])
            for name, value in values.items()}


def with_values(text: str, bound: dict[ox.Variable, Term]) -> str:
    """`text` with `VALUES (?a ?b) { (term term) }` opening its outermost WHERE group.

    Each term is written by pyoxigraph (`str` of a NamedNode or Literal is its N-Triples form,
    escapes included), so no value can end the block or the query early.
    """
    if not bound:
        return text
    at = _where_brace(text)
    names = " ".join(f"?{v.value}" for v in bound)
    terms = " ".join(str(t) for t in bound.values())
    return f"{text[:at + 1]}\n  VALUES ({names}) {{ ({terms}) }}{text[at + 1:]}"


def _where_brace(query_text: str) -> int:
    """Offset of the `{` opening the outermost WHERE group (after a CONSTRUCT template)."""
    depth, first, after_where = 0, None, False
    for token in text.tokens(query_text):
        if token.value == "{":
            if depth == 0 and (after_where or first is None):
                if after_where:
                    return token.offset
                first = token.offset
            depth += 1
        elif token.value == "}":
            depth -= 1
        elif depth == 0 and token.kind == "word" and token.value.upper() == "WHERE":
            after_where = True
    if first is None:
        raise InputError("cannot bind parameters: the query has no WHERE group")
    return first


def _allowed(query: QueryFile, kind: str, name: str, value: str,
             choices: list[allowed_values.Choice]) -> Term:
    """A value that must be one of `choices`: an IRI named any way, or a literal as written."""
    if kind == "iri":
        return allowed_values.resolve(query, name, value, choices)
    term = _term(kind, name, value)
    if not any(c.term == term or c.term.value == term.value for c in choices):
        raise InputError(f"--param {name}={value}: no such value in the graph "
                         f"(list them: perovskite-kg queries {query.name})")
    return term


def _term(kind: str, name: str, value: str) -> Term:
    """A parameter value as an RDF term of its declared kind, or a clear `InputError`."""
    try:
        if kind == "iri":
            return ox.NamedNode(_expand(value))
        if kind == "integer":
            if not _INTEGER.fullmatch(value):
                raise ValueError(value)
            return ox.Literal(str(int(value)), datatype=_XSD_INTEGER)
        if kind == "decimal":
            if not _NUMBER.fullmatch(value):
                raise ValueError(value)
            from decimal import Decimal  # here: a few ms of every `query` otherwise

            # xsd:decimal has no exponent: 1e1 is written 10
            return ox.Literal(format(Decimal(value), "f"), datatype=_XSD_DECIMAL)
        if kind == "boolean":
            if value not in ("true", "false"):
                raise ValueError(value)
            return ox.Literal(value, datatype=_XSD_BOOLEAN)
        return ox.Literal(value)
    except (ValueError, ArithmeticError) as err:  # decimal.InvalidOperation is one
        raise InputError(f"--param {name}={value}: not a valid {kind}") from err


def _expand(value: str) -> str:
    """A prefixed name (pk:Water) or an absolute IRI (<...> optional) as a full IRI."""
    value = value.removeprefix("<").removesuffix(">")
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIX_IRIS and not local.startswith("//"):
        return PREFIX_IRIS[prefix] + local
    if sep and prefix.isalpha():
        return value
    raise ValueError(value)
