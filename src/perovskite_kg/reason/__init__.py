"""Reasoning: graph in, graph out. What the ontology's axioms add to the asserted graph, kept apart.

Two engines behind one function, `infer` (the inferred triples only): ``rl``, OWL 2 RL by
`reasonable` (`rl.py`, the default, no Java), and ``dl``, OWL 2 DL by HermiT (`dl.py`).
`analysis.analyse` then answers what a user asks of a reasoner, and `report` prints it.

This package imports nothing of the project but `namespaces` and `errors`: it is handed graphs and
returns graphs (the project's graph cache, `project.graphs`, is what calls it).
"""

from collections import namedtuple

from perovskite_kg.errors import InputError


class Engine(namedtuple("Engine", "name profile implementation help")):
    """A reasoner as the command line and the reports name it (each field a str)."""

    __slots__ = ()


ENGINES = {
    "rl": Engine("rl", "OWL 2 RL", "reasonable", "OWL 2 RL materialisation, no Java (default)"),
    "dl": Engine("dl", "OWL 2 DL", "HermiT", "OWL 2 DL with HermiT"),
}
"""Every reasoner by name; the first is the default."""
DEFAULT = "rl"


def check_engine(engine: str) -> None:
    """Refuse an unknown engine name with one line (exit code 2)."""
    if engine not in ENGINES:
        raise InputError(f"unknown reasoner {engine!r} (expected one of {', '.join(ENGINES)})")


def infer(asserted, engine: str = DEFAULT):
    """The triples `engine` derives from the rdflib Graph `asserted` that it does not state.

    Raises `analysis.Inconsistent` when the `dl` engine finds the graph inconsistent (an
    inconsistent graph entails everything, so there is nothing useful to return); `rl` never
    raises for that, and `analysis.analyse` reports its clashes.
    """
    check_engine(engine)
    if engine == "rl":
        from perovskite_kg.reason import rl as chosen
    else:
        from perovskite_kg.reason import dl as chosen
    return chosen.infer(asserted)
