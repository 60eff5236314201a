"""A literature-scale graph made from the shipped one, for benchmarks only (never written to graph/).

    python benchmarks/literature_graph.py TRIPLES OUT_DIR

The shipped project (one review) is copied into OUT_DIR as is, then its fact files are copied again
and again, as if each copy were another paper: copy k of `graph/NAME.ttl` is `graph/NAME--cK.ttl`,
in which every resource IRI (`pkr:...`) is renamed `pkr:...-cK`, except the substances of
`graph/materials.ttl`, which the papers of a field share. The numbers of each copy (pk:numericValue,
pk:minValue, pk:maxValue, pk:lowerBound, pk:upperBound) are multiplied by one factor per copy, drawn
from a seeded RNG in [0.90, 1.00): the same arguments give the same bytes, and ranges, bounds and
limits such as "at most 100%" keep holding, so the copies conform to the same shapes. The
ontology, the shapes and the stored queries are copied unchanged, and a pyproject.toml naming the
project makes OUT_DIR a checkout, so the cache goes to OUT_DIR/.cache.

As many copies are added as bring the asserted triples (ontology and facts) nearest to TRIPLES
(none for 9000: the review alone); the copies are made on the text of the files, so each keeps
its comments and its lines.
"""

import argparse
import random
import re
import shutil
from pathlib import Path

from rdflib import Graph, URIRef

from perovskite_kg.namespaces import PKR
from perovskite_kg.project import paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = "materials.ttl"
"""The file whose resources every copy shares."""
SEED = 17
NUMBERS = re.compile(r"(pk:(?:numericValue|minValue|maxValue|lowerBound|upperBound)\s+)"
                     r"(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.])")
RESOURCE = re.compile(r"\bpkr:((?:[\w-]|\.(?=[\w-]))+)")
FULL_RESOURCE = re.compile(re.escape(f"<{PKR}") + r"([^>]+)>")


def generate(triples: int, out: Path, root: Path = ROOT) -> int:
    """Write a project of at least `triples` asserted triples into `out` (emptied first); returns
    the number of copies of the review's fact files it holds besides the original."""
    root = paths.project_root(root)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(root / folder, out / folder)
    (out / "pyproject.toml").write_text(f'[project]\nname = "{paths.PROJECT_NAME}"\n',
                                        encoding="utf-8")
    sources = paths.graph_files(root)
    shared = _subjects(root / "graph" / SHARED)
    per_copy = sum(len(Graph().parse(p)) for p in sources if p.name != SHARED)
    base = sum(len(Graph().parse(p)) for p in [*paths.ontology_files(root), *sources])
    copies = max(0, round((triples - base) / per_copy))
    texts = {p: p.read_text(encoding="utf-8") for p in sources if p.name != SHARED}
    rng = random.Random(SEED)
    for k in range(1, copies + 1):
        factor = rng.uniform(0.90, 1.00)
        for path, text in texts.items():
            target = out / "graph" / f"{path.stem}--c{k}{path.suffix}"
            target.write_text(copy_text(text, k, factor, shared), encoding="utf-8")
    return copies


def copy_text(text: str, k: int, factor: float, shared: set[str]) -> str:
    """Copy `k` of a Turtle file: resources renamed (but `shared` local names), numbers scaled."""
    def rename(local: str) -> str:
        return local if local in shared else f"{local}-c{k}"

    text = RESOURCE.sub(lambda m: f"pkr:{rename(m.group(1))}", text)
    text = FULL_RESOURCE.sub(lambda m: f"<{PKR}{rename(m.group(1))}>", text)
    return NUMBERS.sub(lambda m: f"{m.group(1)}{float(m.group(2)) * factor:.4f}", text)


def _subjects(path: Path) -> set[str]:
    """Local names of the pkr: resources `path` describes."""
    return {str(s)[len(PKR):] for s in Graph().parse(path).subjects()
            if isinstance(s, URIRef) and str(s).startswith(str(PKR))}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("triples", type=int, help="asserted triples to reach, e.g. 100000")
    options.add_argument("out", type=Path, help="folder to write (emptied first; not graph/)")
    arguments = options.parse_args()
    if arguments.out.resolve() in (ROOT, ROOT / "graph"):
        options.error("OUT_DIR must be a folder of its own, never the project or its graph/")
    copies = generate(arguments.triples, arguments.out)
    print(f"{arguments.out}: the review and {copies} copies of its fact files")


if __name__ == "__main__":
    main()
