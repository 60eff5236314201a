"""A reasoning result as text for people: `perovskite-kg reason` prints it, `build` on failure."""

from rdflib import Graph

from perovskite_kg.namespaces import RDFS, short
from perovskite_kg.reason import ENGINES
from perovskite_kg.reason.analysis import Result


def report(result: Result, ontology: Graph | None = None) -> str:
    """`result` as text for people: consistency and its clashes, unsatisfiable classes, the
    inferred-triple count, and each defined class (with its label from `ontology`) and members."""
    engine = ENGINES[result.engine]
    lines = [f"reasoner: {result.engine} ({engine.profile}, {engine.implementation})"]
    if result.consistent:
        lines.append("consistent: yes")
    else:
        count = len(result.conflicts)
        lines.append(f"consistent: NO ({count} clash{'es' if count != 1 else ''})")
        lines += [f"  {short(c.individual)}: {c.detail}  [axiom: {c.axiom}]"
                  for c in result.conflicts]
        if not result.conflicts:
            lines.append("  no clash of disjoint classes, functional properties or owl:Nothing "
                         "explains it: look at the ontology's other axioms")
        return "\n".join(lines)
    lines.append("unsatisfiable classes: "
                 + (", ".join(short(c) for c in result.unsatisfiable) or "none"))
    lines.append(f"inferred triples: {len(result.inferred)} (kept apart from the asserted ones)")
    lines.append("defined classes:")
    for cls, members in result.members.items():
        label = ontology.value(cls, RDFS.label) if ontology is not None else None
        title = f"  {short(cls)}" + (f" ({label})" if label else "")
        if cls in result.undecided:
            lines.append(f"{title}: not decided by {result.engine} (datatype restriction); "
                         "use --reasoner dl")
            continue
        lines.append(f"{title}: {len(members)}")
        lines += [f"      {short(m)}" for m in members]
    return "\n".join(lines)
