"""The benchmark's literature-scale graph generator (benchmarks/literature_graph.py), for tests
that measure growth: loaded by path, since benchmarks/ is not a package."""

from support import REPO, module_at


def generator():
    """The module benchmarks/literature_graph.py."""
    return module_at(REPO / "benchmarks" / "literature_graph.py", "literature_graph")
