"""Terms that rdflib's parsers accept but RDF does not: ill-typed literals and malformed IRIs.

rdflib reads `"abc"^^xsd:decimal`, `"2021-13-45"^^xsd:date` and `<http://x/a b>` without
complaint (it only logs), and the damage shows later and unlocated: HermiT refuses the literal,
the exports and pyoxigraph refuse the IRI. `check` looks at every term of a parsed file
(`Literal.ill_typed`: the lexical form is not in the datatype's lexical space, for the XSD
datatypes rdflib knows; IRIs: the characters RFC 3987 excludes) and refuses the first bad one, at
the line and column where the file writes it. `quiet` keeps rdflib's own log lines about the same
terms (tracebacks among them) off the user's terminal while a file is parsed.
"""

import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from rdflib import Graph, Literal, URIRef

from perovskite_kg.errors import InputError, line_column, one_line
from perovskite_kg.namespaces import XSD, short

_NOT_IN_IRIS = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
"""Characters an IRI may not hold (RFC 3987, section 2.2: space, controls, <>"{}|\\^`)."""
_TYPED = re.compile(r'"((?:[^"\\\n]|\\.)*)"\s*\^\^')
_SHOWN = 60
"""Characters of a bad term echoed in the message."""
_LOCATED = 20
"""Bad terms located to find the first in the file."""

_HOW = {
    XSD.decimal: "write digits with an optional point, e.g. 12.5",
    XSD.integer: "write whole digits, e.g. 42",
    XSD.double: "write a number, e.g. 1.5 or 1.5E3",
    XSD.float: "write a number, e.g. 1.5 or 1.5E3",
    XSD.boolean: "write true or false",
    XSD.date: "write a real date as YYYY-MM-DD, e.g. 2021-06-30",
    XSD.dateTime: "write a real date and time as YYYY-MM-DDThh:mm:ss, e.g. 2021-06-30T12:00:00",
    XSD.gYear: "write a year, e.g. 2021",
    XSD.nonNegativeInteger: "write whole digits, 0 or more",
    XSD.positiveInteger: "write whole digits, 1 or more",
}


def check(graph: Graph, text: str, shown: str) -> None:
    """Refuse the ill-typed literal or malformed IRI of `graph` (read from `text`) that comes
    first in the file (of the first `_LOCATED` in sorted order: locating searches the text), so
    the same file always gives the same line."""
    with quiet():
        bad = {term for triple in graph for term in triple if _is_bad(term)}
        bad |= {t.datatype for t in bad if isinstance(t, Literal) and _is_bad(t.datatype)}
        chosen = sorted((t for t in bad if not isinstance(t, Literal) or t.ill_typed),
                        key=lambda t: (str(t), str(getattr(t, "datatype", ""))))[:_LOCATED]
        errors = [_ill_typed(t, text, shown) if isinstance(t, Literal)
                  else _malformed(t, text, shown) for t in chosen]
    if errors:
        raise min(errors, key=lambda e: (e.line is None, e.line or 0, e.column or 0, e.message))


def _is_bad(term: object) -> bool:
    if isinstance(term, Literal):
        return bool(term.ill_typed) or _is_bad(term.datatype)
    return isinstance(term, URIRef) and _NOT_IN_IRIS.search(term) is not None


@contextmanager
def quiet() -> Iterator[None]:
    """rdflib's warnings about ill-typed literals and invalid IRIs silenced: `check` reports them,
    in one located line."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module="rdflib.term")
            yield
    finally:
        logger.setLevel(level)


def _ill_typed(literal: Literal, text: str, shown: str) -> InputError:
    datatype = short(literal.datatype)
    lexical = _written_lexical(literal, text)
    offset = _find(text, f'"{lexical}"', lexical)
    how = _HOW.get(literal.datatype, f"write a value of {datatype}, or change the datatype")
    return InputError(f"{_echo(lexical)} is not a valid {datatype}: {how}", shown,
                      *_place(text, offset))


def _malformed(iri: URIRef, text: str, shown: str) -> InputError:
    """The IRI located where the file writes it (at its `<` in Turtle): in full, else the longest
    tail of it after a `/` (a relative IRI, which the parser resolved against the file's place)
    that holds the forbidden character."""
    bad = _NOT_IN_IRIS.search(iri).group()
    tails = [iri[i + 1:] for i, c in enumerate(iri) if c == "/" and bad in iri[i + 1:]]
    written = next((form for form in (str(iri), *tails) if form in text), str(iri))
    offset = _find(text, f"<{written}>", written)
    return InputError(f"IRI {_echo(written)} holds {bad!r}, which an IRI may not contain: "
                      "percent-encode it (a space is %20) or remove it", shown,
                      *_place(text, offset))


def _written_lexical(literal: Literal, text: str) -> str:
    """The lexical form as the file writes it: rdflib normalises some ill-typed ones (an
    xsd:boolean "yes" reads as "false"), so the file's typed literals are searched for the first
    one of the same datatype that is ill-typed too."""
    lexical = str(literal)
    if f'"{lexical}"' in text:
        return lexical
    for match in _TYPED.finditer(text):
        written = match.group(1)
        if Literal(written, datatype=literal.datatype).ill_typed:
            return written
    return lexical


def _find(text: str, *forms: str) -> int | None:
    return next((text.find(f) for f in forms if f and f in text), None)


def _place(text: str, offset: int | None) -> tuple[int | None, int | None]:
    return (None, None) if offset is None else line_column(text, offset)


def _echo(value: str) -> str:
    """`value` quoted, cut to `_SHOWN` characters (a bad term can be a megabyte long)."""
    shown = one_line(value) if len(value) <= _SHOWN else f"{one_line(value[:_SHOWN])}…"
    return f'"{shown}"' + ("" if len(value) <= _SHOWN else f" ({len(value):,} characters)")
