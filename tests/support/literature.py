"""The benchmark's literature-scale graph generator (benchmarks/literature_graph.py), for tests
that measure growth: loaded by path, since benchmarks/ is not a package."""

import importlib.util

from support import REPO


def generator():
    """The module benchmarks/literature_graph.py."""
    path = REPO / "benchmarks" / "literature_graph.py"
    spec = importlib.util.spec_from_file_location("literature_graph", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
