"""No stored query may grow much faster than its data (issue 17, item 4).

The 10k and 100k benchmark graphs (benchmarks/literature_graph.py: renamed, perturbed copies of
the review; whole copies, so "10k" is the review alone and "100k" the review and its copies) are
built once; every stored query runs on both in one process, with pyoxigraph as
`perovskite-kg query` runs it, and the ratio of the medians must stay under twice the ratio of
the sizes: a linear query gives about the size ratio, a quadratic one its square. A size is the
number of fact triples (`graph/`: 6.9k and 99k, a ratio of 14.4), what the copies multiply; the
ontology is the same 1.9k triples in both and is not counted, or a query linear in the facts
would already come out at 1.3 times the size ratio. Only a ratio measured in one run is compared,
never an absolute time; times below `FLOOR` are raised to it, as below that the timer's noise is
as large as the query.
"""

import statistics
import time

import pytest
from support import REPO
from support.literature import generator

from perovskite_kg.project import graphs, load, paths
from perovskite_kg.query import guard, params, run, stored

pytestmark = pytest.mark.slow

SIZES = (10_000, 100_000)
RUNS = 7
FLOOR = 0.002
QUERIES = stored.stored(REPO)


@pytest.fixture(scope="session")
def stores(tmp_path_factory) -> dict[int, tuple]:
    """size -> (fact triples, pyoxigraph store) for each benchmark graph."""
    made = {}
    for size in SIZES:
        root = tmp_path_factory.mktemp(f"literature-{size}")
        generator().generate(size, root, REPO)
        ontology = load.union(load.load_files(paths.ontology_files(root)))
        made[size] = (len(graphs.asserted(root)) - len(ontology), run.open_store(root))
    return made


def median_seconds(stores: list, item) -> list[float]:
    """The median time of `item` on each store; the runs alternate between the stores, so that
    a change in the machine's load falls on both."""
    prepared, bound = guard.prepare(item), params.bindings(item, [])
    times = [[] for _ in stores]
    for _ in range(RUNS):
        for store, spent in zip(stores, times):
            begin = time.perf_counter()
            answer = run.execute(store, prepared, bound)
            if not isinstance(answer, bool):
                sum(1 for _ in answer)
            spent.append(time.perf_counter() - begin)
    return [max(statistics.median(spent), FLOOR) for spent in times]


def test_the_benchmark_graphs_differ_tenfold(stores):
    small, large = (stores[size][0] for size in SIZES)
    assert 10 < large / small < 17


@pytest.mark.parametrize("item", QUERIES, ids=lambda q: q.name)
def test_query_grows_about_linearly(stores, item):
    (small, small_store), (large, large_store) = (stores[size] for size in SIZES)
    small_time, large_time = median_seconds([small_store, large_store], item)
    ratio = large_time / small_time
    bound = 2 * large / small
    assert ratio <= bound, (f"{item.name}: {ratio:.1f}x slower on {large} triples than on "
                            f"{small}, more than {bound:.1f}x (faster than linear growth)")
