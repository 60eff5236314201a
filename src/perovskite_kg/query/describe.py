"""`perovskite-kg queries NAME`: what a stored query answers, read from its own header.

The question, the shape of the answer, the reasoning it relies on, and each parameter with its
kind, default, meaning and the values the graph allows (read from the graph, not from the file),
so nobody has to open the `.rq` file to use it.
"""

from perovskite_kg import namespaces
from perovskite_kg.query.stored import QueryFile
from perovskite_kg.query.values import Choice

SHOWN_VALUES = 80
"""A parameter with more allowed values than this lists the first ones and says how many."""


def describe(query: QueryFile, allowed: dict[str, list[Choice]]) -> str:
    """The query's header for people, with the allowed values of each parameter."""
    header = query.header
    lines = [f"{query.name}  ({header.get('id', '')})", "",
             f"question:  {header.get('question', '')}",
             f"summary:   {header.get('summary', '')}",
             f"tags:      {header.get('tags', '')}"]
    expects = query.expects
    if expects is not None:
        shape = expects.shape if expects.rows is None else f"{expects.rows} rows"
        lines.append(f"answer:    {shape}" + (f"; columns {', '.join(expects.columns)}"
                                               if expects.columns else ""))
    if query.reasoning:
        lines.append(f"reasoning: needs the inferred members of {', '.join(query.reasoning)}")
    if not query.parameters:
        lines += ["", "parameters: none"]
    for parameter in query.parameters:
        default = parameter.default
        if parameter.kind == "iri" and parameter.name in allowed:
            default = f"{default} ({_label_of(default, allowed[parameter.name])})"
        lines += ["", f"--param {parameter.name}=VALUE  ({parameter.kind}, default {default})",
                  f"    {parameter.description}"]
        choices = allowed.get(parameter.name)
        if choices:
            lines.append(f"    allowed values ({len(choices)}; a label or local name will do):")
            lines += [f"      {_line(c)}" for c in choices[:SHOWN_VALUES]]
            if len(choices) > SHOWN_VALUES:
                lines.append(f"      ... and {len(choices) - SHOWN_VALUES} more")
    lines += ["", f"run it: perovskite-kg query {query.name}"
              + "".join(f" --param {p.name}={p.default}" for p in query.parameters[:1])]
    return "\n".join(lines) + "\n"


def _line(choice: Choice) -> str:
    value = choice.term.value
    shown = namespaces.curie(value) if value.startswith("http") else value
    return shown if choice.label == value else f"{shown:<45} {choice.label}"


def _label_of(default: str, choices: list[Choice]) -> str:
    word = default.lower()
    return next((c.label for c in choices if word in c.names), "not in the graph")
