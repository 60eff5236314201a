"""Numbers as a paper prints them, into the graph's forms of a quantity.

"517" is a value, "~515" an approximate value, "52-64" (or "52–64") a range, "<3" an upper and
">5" a lower bound; the printed text is kept as pk:asWritten. A duration carries its unit in
words ("7 days", "6 hours", "30 min"), matched against the units the shapes allow.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from perovskite_kg.namespaces import PK

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_FORMS = (
    (re.compile(rf"^({_NUMBER})$"), "value"),
    (re.compile(rf"^[~≈]\s*({_NUMBER})$"), "approximate"),
    (re.compile(rf"^({_NUMBER})\s*[-–]\s*({_NUMBER})$"), "range"),
    (re.compile(rf"^(?:<|less than)\s*({_NUMBER})$"), "upper"),
    (re.compile(rf"^(?:>|more than)\s*({_NUMBER})$"), "lower"),
)
_WITH_UNIT = re.compile(rf"^([~≈<>]?\s*{_NUMBER}(?:\s*[-–]\s*{_NUMBER})?)\s*([^\d\s].*)$")

FORMS_HELP = "517, ~515 (approximate), 52-64 (a range), <3 or >5 (bounds)"


class NotANumber(ValueError):
    """Text that is none of the printed forms of a number."""


@dataclass(frozen=True)
class Amount:
    """A parsed number: predicate -> literal pairs of the quantity node, and the printed text."""

    pairs: tuple[tuple[URIRef, Literal], ...]
    written: str


def _literal(text: str) -> Literal:
    number = Decimal(text)
    if number == number.to_integral_value() and "." not in text:
        return Literal(int(number), datatype=XSD.integer)
    return Literal(number, datatype=XSD.decimal)


def amount(written: object) -> Amount:
    """The quantity forms of `written` ("~515" -> numericValue 515, isApproximate true)."""
    text = str(written).strip().rstrip("%").strip()
    for pattern, form in _FORMS:
        found = pattern.match(text)
        if not found:
            continue
        first = _literal(found.group(1))
        if form == "range":
            pairs = ((PK.minValue, first), (PK.maxValue, _literal(found.group(2))))
        else:
            pairs = {
                "value": ((PK.numericValue, first),),
                "approximate": ((PK.numericValue, first), (PK.isApproximate, Literal(True))),
                "upper": ((PK.upperBound, first),),
                "lower": ((PK.lowerBound, first),),
            }[form]
        return Amount(pairs, str(written).strip())
    raise NotANumber(f"{written!r} is not a number as printed ({FORMS_HELP})")


def with_unit(written: object) -> tuple[Amount, str]:
    """A number followed by its unit in words: "7 days" -> (7, "days")."""
    found = _WITH_UNIT.match(str(written).strip())
    if not found:
        raise NotANumber(f"{written!r} is not a number with a unit, e.g. \"7 days\", \"6 hours\"")
    number = amount(found.group(1))
    return Amount(number.pairs, str(written).strip()), found.group(2).strip()
