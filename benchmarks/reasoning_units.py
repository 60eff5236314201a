"""Would reasoning one validation unit at a time give the whole run's inferred graph?

    python benchmarks/reasoning_units.py [ROOT]

Reasons (OWL 2 RL) over the whole graph once, then over each file unit of
`validate.incremental.plan` together with the ontology and the companions (references, review,
materials), and compares the inferred triples (the same parsed files, so blank nodes match): the
triples the union of the units misses, those it adds, and the time of each run. The answer on one
graph is evidence, not proof: a rule can join two facts about a companion resource (a material)
stated in two units, and such an inference appears only in the whole run.
"""

import sys
import time
from pathlib import Path

from perovskite_kg import reason
from perovskite_kg.project import load, paths
from perovskite_kg.validate import incremental, shapes


def main() -> None:
    root = paths.project_root(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    inputs = shapes.read(root)
    units = incremental.plan(inputs)
    base = [*inputs.ontology, *units[0].members]
    start = time.perf_counter()
    whole = set(reason.infer(load.union([*inputs.ontology, *inputs.shipped])))
    print(f"whole graph: {len(whole)} inferred triples in {time.perf_counter() - start:.1f} s")
    union = set(reason.infer(load.union(base)))
    for unit in units[1:]:
        start = time.perf_counter()
        found = set(reason.infer(load.union([*base, *unit.members])))
        print(f"unit of {len(unit.members)} files: {len(found)} inferred triples in "
              f"{time.perf_counter() - start:.1f} s")
        union |= found
    stated = set(load.union(inputs.shipped))
    union -= stated
    print(f"the union of the units misses {len(whole - union)} and adds {len(union - whole)}")


if __name__ == "__main__":
    main()
