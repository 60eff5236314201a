"""How every step grows from one review to a literature-scale graph, as a Markdown table.

    python benchmarks/literature_scale.py [--sizes 9000,100000] [--repeat 3] [--limit 120]

For each size (asserted triples; the default is the quick 9k,100k; the issue's scales are
9000,100000,1000000,5000000) a project is generated with `literature_graph.py` into a temporary
folder, and each step runs in a process of its own, killed after --limit seconds (shown as
`> N s`). Each row gives the median of up to --repeat runs (fewer when one run takes more than a
third of the limit), the peak resident memory of the step's process (its inputs included), the
growth exponent fitted by least squares on log(time) against log(triples), and, where rdflib
does the same work, how many times longer rdflib takes.

Steps: loading the Turtle files (rdflib, as the commands do, and pyoxigraph); SHACL validation of
the whole graph in one pySHACL run and per file unit (`validate.incremental`, with an empty and a
filled cache); OWL 2 RL reasoning; `perovskite-kg build` with an empty cache; every stored query in
process (pyoxigraph, the query path; rdflib on the same triples for the ratio) and as a
`perovskite-kg query NAME` command (the cache filled by the build).
"""

import argparse
import math
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from literature_graph import generate
from rdflib import Dataset, URIRef, Variable

from perovskite_kg import reason
from perovskite_kg.namespaces import PROJECT_GRAPHS
from perovskite_kg.project import graphs, load, paths, terms
from perovskite_kg.query import guard, params, run, stored
from perovskite_kg.validate import incremental, shapes

COMMAND = Path(sys.executable).parent / "perovskite-kg"
ENV = {k: v for k, v in os.environ.items() if k != paths.ENV_ROOT}


def steps(root: Path) -> dict[str, tuple]:
    """label -> (prepare, measured, rdflib twin or None): `prepare()` runs once, untimed, and
    returns what `measured(prepared)` needs; both run in the step's own process."""
    files = graphs.input_files(root)
    rows = {
        "load: Turtle files, rdflib": (lambda: files, load.load_files, None),
        "load: Turtle files, pyoxigraph": (lambda: files, _ox_parse, "load: Turtle files, rdflib"),
        "validate: whole graph, one pySHACL run": (lambda: shapes.read(root), shapes.check, None),
        "validate: per file unit, empty cache": (
            lambda: _emptied(root), lambda r: incremental.validate(r, workers=2), None),
        "validate: per file unit, filled cache": (
            lambda: root, lambda r: incremental.validate(r, workers=2), None),
        "reason: rl": (lambda: graphs.asserted(root), lambda g: reason.infer(g, "rl"), None),
        "command: build, empty cache": (lambda: _emptied(root), lambda r: _command(r, "build"),
                                        None),
    }
    for item in stored.stored(root):
        rows[f"query {item.name}: rdflib"] = (
            lambda i=item: _rdflib_query(root, i), _run_rdflib, None)
        rows[f"query {item.name}: pyoxigraph"] = (
            lambda i=item: _ox_query(root, i), _run_ox, f"query {item.name}: rdflib")
        rows[f"command: query {item.name}"] = (
            lambda: root, lambda r, n=item.name: _command(r, "query", n, "--format", "csv"), None)
    return rows


# ------------------------------------------------------------------------------------ the steps
def _ox_parse(files: list[Path]) -> int:
    return sum(1 for f in files for _ in ox.parse(path=f, format=ox.RdfFormat.TURTLE))


def _emptied(root: Path) -> Path:
    shutil.rmtree(graphs.folder(root), ignore_errors=True)
    return root


def _command(root: Path, *args: str) -> None:
    done = subprocess.run([str(COMMAND), "--root", str(root), *args], env=ENV,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"perovskite-kg {' '.join(args)} exited {done.returncode}: "
                           f"{(done.stderr.strip().splitlines() or ['?'])[-1]}")


def _ox_query(root: Path, item: stored.QueryFile) -> tuple:
    return run.open_store(root), guard.prepare(item), params.bindings(item, [])


def _run_ox(prepared: tuple) -> int:
    store, query, bound = prepared
    answer = run.execute(store, query, bound)
    return 1 if isinstance(answer, bool) else sum(1 for _ in answer)


def _rdflib_query(root: Path, item: stored.QueryFile) -> tuple:
    """The same triples in an rdflib Dataset, its default graph the union of the two."""
    dataset = Dataset(default_union=True)
    for graph, name in zip(graphs.reasoned(root), PROJECT_GRAPHS):
        named = dataset.graph(URIRef(str(name)))
        for triple in graph:
            named.add(triple)
    bound = {Variable(v.value): terms.rdflib_term(t) for v, t in params.bindings(item, []).items()}
    return dataset, item.text, bound


def _run_rdflib(prepared: tuple) -> int:
    dataset, text, bound = prepared
    answer = dataset.query(text, initBindings=bound)
    return 1 if answer.type == "ASK" else sum(1 for _ in answer)


# ------------------------------------------------------------------------- bounded measurement
def measure(prepare, measured, repeat: int, limit: float) -> tuple[float | None, float]:
    """(median seconds, or None when the limit was reached; peak MiB) of `measured`, run in a
    forked process of its own, with its children's memory counted for commands."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_child, args=(prepare, measured, repeat, limit, send))
    worker.start()
    ready = receive.poll(limit)
    times, peak = receive.recv() if ready else (None, 0.0)
    worker.kill()
    worker.join()
    return (statistics.median(times) if times else None), peak


def _child(prepare, measured, repeat, limit, send) -> None:
    try:
        prepared = prepare()
        times = []
        while len(times) < repeat and (not times or sum(times) < limit / 3):
            begin = time.perf_counter()
            measured(prepared)
            times.append(time.perf_counter() - begin)
    except Exception as err:  # a step that fails is shown as failed, the others still run
        print(f"  {type(err).__name__}: {err}", file=sys.stderr)
        times = []
    peak = max(resource.getrusage(who).ru_maxrss for who in
               (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    send.send((times, peak / 1024))


def exponent(sizes: list[int], times: list[float | None]) -> float | None:
    """The least-squares slope of log(time) on log(size), over the sizes that finished."""
    points = [(math.log(s), math.log(t)) for s, t in zip(sizes, times) if t]
    if len(points) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


# ---------------------------------------------------------------------------------- the table
def table(sizes: list[int], measured: dict[int, dict], twins: dict[str, str], limit: float) -> str:
    shown = [_size(s) for s in sizes]
    head = (["step"] + [f"{s} median" for s in shown] + ["growth exponent"]
            + [f"rdflib ÷ this, {s}" for s in shown] + [f"peak MiB, {s}" for s in shown])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label in measured[sizes[0]]:
        times = [measured[s][label][0] for s in sizes]
        slope = exponent(sizes, times)
        ratios = []
        for s in sizes:
            twin = measured[s].get(twins.get(label)) if label in twins else None
            mine = measured[s][label][0]
            if twin and mine:
                ratios.append(f"{twin[0] / mine:.1f}x" if twin[0] else f"> {limit / mine:.0f}x")
            else:
                ratios.append("")
        cells = ([_seconds(t, limit) for t in times] + [f"{slope:.2f}" if slope else ""] + ratios
                 + [f"{measured[s][label][1]:.0f}" for s in sizes])
        lines.append("| " + " | ".join([label, *cells]) + " |")
    return "\n".join(lines)


def _size(triples: int) -> str:
    return f"{triples / 1e6:g}M" if triples >= 1e6 else f"{triples / 1e3:g}k"


def _seconds(value: float | None, limit: float) -> str:
    if value is None:
        return f"> {limit:g} s"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def _lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for _ in stream)


def _processor() -> str:
    """The CPU model, from /proc/cpuinfo where there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sizes", default="9000,100000",
                         help="asserted triples per graph, comma-separated (default 9000,100000)")
    options.add_argument("--repeat", type=int, default=3, help="runs per step (default 3)")
    options.add_argument("--limit", type=float, default=120,
                         help="seconds a step may take before it is stopped (default 120)")
    options.add_argument("--only", default="", help="run only the steps whose label contains this")
    arguments = options.parse_args()
    sizes = [int(s) for s in arguments.sizes.split(",")]
    measured: dict[int, dict] = {}
    counts = {}
    with tempfile.TemporaryDirectory(prefix="perovskite-kg-scale-") as scratch:
        for size in sizes:
            root = Path(scratch) / _size(size)
            generate(size, root)
            rows = {k: v for k, v in steps(root).items() if arguments.only in k}
            twins = {label: twin for label, (_, _, twin) in rows.items() if twin}
            measured[size] = {}
            # The cache a build leaves, for the query rows' set-up; made in a process of its own,
            # so that the processes forked for the steps do not start with its memory.
            measure(lambda: root, graphs.reasoned_files, 1, arguments.limit * 10)
            for label, (prepare, step, _) in rows.items():
                measured[size][label] = measure(prepare, step, arguments.repeat, arguments.limit)
                print(f"{_size(size)}  {label}: {_seconds(measured[size][label][0], arguments.limit)}",
                      file=sys.stderr, flush=True)
            counts[size] = [_lines(path) for path in graphs.reasoned_files(root)]
            shutil.rmtree(root)
    print(f"{date.today()}, {_processor()}, {os.cpu_count()} CPUs, "
          f"{os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB, "
          f"Python {platform.python_version()}; "
          f"medians of up to {arguments.repeat} runs, each step stopped after "
          f"{arguments.limit:g} s")
    for size in sizes:
        print(f"- {_size(size)}: {counts[size][0]} asserted and {counts[size][1]} inferred triples")
    print()
    print(table(sizes, measured, twins, arguments.limit))


if __name__ == "__main__":
    main()
