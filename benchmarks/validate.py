"""How long `perovskite-kg validate` takes, in-process, as medians of repeated runs.

    python benchmarks/validate.py [--repeat N]

Rows: parsing the inputs (`validate.read`) and checking them (`validate.check`) for the shipped
graph and for one curator file with its companions; then pySHACL alone on the shipped data graph
(copied, as pySHACL needs for inference) with no inference, as `check` runs it, and with RDFS
inference, the alternative to giving the shapes the ontology's class hierarchy as data.
"""

import argparse
from pathlib import Path

import pyshacl

from timing import median

from perovskite_kg.project import load
from perovskite_kg.validate import shapes as validate

ROOT = Path(__file__).resolve().parents[1]
CURATOR_FILE = ROOT / "tests" / "validate" / "shapes" / "valid" / "core-shell-every-kind-of-node.ttl"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=7, help="runs per row (default 7)")
    repeat = options.parse_args().repeat

    shipped = validate.read(ROOT)
    curated = validate.read(ROOT, [CURATOR_FILE])
    data = load.union([*shipped.ontology, *shipped.shipped])
    rows = {
        "read: shipped graph": lambda: validate.read(ROOT),
        "check: shipped graph": lambda: validate.check(shipped),
        "read: one curator file with companions": lambda: validate.read(ROOT, [CURATOR_FILE]),
        "check: one curator file with companions": lambda: validate.check(curated),
        "pySHACL, shipped, inference none": lambda: pyshacl.validate(
            data, shacl_graph=shipped.shapes.graph, inference="none", advanced=True),
        "pySHACL, shipped, inference rdfs": lambda: pyshacl.validate(
            data, shacl_graph=shipped.shapes.graph, inference="rdfs", advanced=True),
    }
    print(f"{len(data)} triples in the shipped data graph (ontology included); "
          f"median of {repeat} runs")
    width = max(map(len, rows))
    for label, run in rows.items():
        print(f"{label:<{width}}  {median(run, repeat):7.3f} s")


if __name__ == "__main__":
    main()
