"""A query's text as engines read it: code-point escapes decoded, then tokens.

SPARQL 1.1 (section 19.2) decodes `\\uXXXX` and `\\UXXXXXXXX` anywhere in the text before parsing;
rdflib and pyoxigraph disagree on this inside strings, so a check taken on one reading can be
bypassed through the other. The guard therefore checks the raw text and every decoded reading, and
measures nesting and operator counts here, before any parser (whose recursion can overflow the
stack) sees the text.
"""

import re
from collections import namedtuple
from collections.abc import Iterator

from perovskite_kg.errors import InputError, line_column

MAX_CHARACTERS = 100_000
"""Longer query texts are refused (the longest stored query has about 4,000)."""
MAX_NESTING = 24
"""Deeper nesting of ( [ { is refused: rdflib's parser overflows Python's stack at about 30."""
MAX_OPERATORS = 500
"""More path or boolean operators (/ | ^ || && UNION) are refused: pyoxigraph crashes (a native
stack overflow, exit 139) on a property path of about 1,000 steps."""

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ROUNDS = 4
"""Decoding is repeated (an engine decoding twice must not find a new keyword) this many times."""
_LEXEME = re.compile(
    r'(?P<comment>#[^\n]*)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r'|(?P<word>[A-Za-z_][\w-]*)'
    r'|(?P<operator>\|\||&&|[/|^])'
    r'|(?P<open>[(\[{])|(?P<close>[)\]}])'
    r'|(?P<other>\S)',
    re.DOTALL,
)


class Token(namedtuple("Token", "kind value offset")):
    """A lexeme outside strings, IRIs and comments: its kind and text (str), and its offset in
    the text (int)."""

    __slots__ = ()


def readings(text: str, source: str) -> list[str]:
    """The raw text and each decoding of its code-point escapes, until nothing changes."""
    found = [text]
    for _ in range(_ROUNDS):
        decoded = _ESCAPE.sub(lambda m: _character(m, found[-1], source), found[-1])
        if decoded == found[-1]:
            break
        found.append(decoded)
    return found


def tokens(text: str) -> Iterator[Token]:
    """The code of `text`: words, operators and brackets (strings, IRIs, comments skipped)."""
    for match in _LEXEME.finditer(text):
        kind = match.lastgroup
        if kind not in ("comment", "string", "iri"):
            yield Token(kind, match.group(), match.start())


def check_size(text: str, source: str) -> None:
    """Refuse a query too long, too deeply nested, or with too many operators to parse safely."""
    if len(text) > MAX_CHARACTERS:
        raise InputError(f"the query is {len(text):,} characters long; at most "
                         f"{MAX_CHARACTERS:,} are accepted", source)
    depth = operators = 0
    for token in tokens(text):
        if token.kind == "open":
            depth += 1
            if depth > MAX_NESTING:
                raise _located(f"brackets are nested more than {MAX_NESTING} deep; split the "
                               "query or flatten the expression", text, token, source)
        elif token.kind == "close":
            depth = max(depth - 1, 0)
        elif token.kind == "operator" or token.value.upper() == "UNION":
            operators += 1
            if operators > MAX_OPERATORS:
                raise _located(f"more than {MAX_OPERATORS} path or boolean operators "
                               "(/ | ^ || && UNION); use VALUES or split the query",
                               text, token, source)


def is_empty(text: str) -> bool:
    """Whether the text holds nothing but comments and white space."""
    return all(m.lastgroup == "comment" for m in _LEXEME.finditer(text))


def _located(message: str, text: str, token: Token, source: str) -> InputError:
    line, column = line_column(text, token.offset)
    return InputError(message, source, line, column)


def _character(match: re.Match, text: str, source: str) -> str:
    code = int(match.group(1) or match.group(2), 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        line, column = line_column(text, match.start())
        raise InputError(f"escape {match.group()} is not a Unicode character (code points go up "
                         "to \\U0010FFFF, surrogates excluded)", source, line, column)
    return chr(code)
