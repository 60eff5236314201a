"""`perovskite-kg query NAME` against its floor, pair by pair, as a Markdown table.

    python benchmarks/query_floor.py [--root DIR] [--repeat 7] [--only WORD]

The floor is what no query command can beat: a Python process that imports only pyoxigraph,
opens the on-disk store (`.cache/<key>/store-rl/db`) read-only and runs the same query text with
the same parameter values (its defaults, in the same VALUES block), printing every row as CSV. The command is the real
`perovskite-kg query NAME --fresh` (its default table, labels and all, the answer computed as the
floor computes it; with `--kept`, without `--fresh`, so it reads the answer it kept). Before measuring, the command runs
once per query, so the store is made and the guard's verdict is kept, as after `build`. Then each
round runs the command and the floor back to back (in alternating order, so neither always runs
on a warmer machine), and the table gives each one's median wall time and the median of the
per-round ratios; the last line gives the median ratio over every query. On a busy shared machine
the times vary with the load; the ratios of pairs run seconds apart vary much less.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from perovskite_kg.namespaces import PREFIX_IRIS
from perovskite_kg.project import cache, paths
from perovskite_kg.query import params, stored

ROOT = Path(__file__).resolve().parents[1]
COMMAND = Path(sys.executable).parent / "perovskite-kg"
ENV = {k: v for k, v in os.environ.items() if k not in (paths.ENV_ROOT, "PYTHONDONTWRITEBYTECODE")}
"""As a user runs it: the bytecode of the package is cached (this machine's shells turn that off)."""
FLOOR = """
import json, sys
import pyoxigraph as ox
database, text, prefixes = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
store = ox.Store.read_only(database)
answer = store.query(text, prefixes=prefixes, use_default_graph_as_union=True)
if isinstance(answer, bool):
    print(answer)
else:
    answer.serialize(sys.stdout.buffer, format=ox.QueryResultsFormat.CSV)
"""


def floor_arguments(root: Path, query: stored.QueryFile) -> list[str]:
    """The floor's command line: the store, the text the command runs (its default parameters in
    a VALUES block, `params.with_values`) and the prefixes."""
    text = params.with_values(query.text, params.bindings(query, []))
    database = cache.entry(root) / "store-rl" / "db"
    return [sys.executable, "-c", FLOOR, str(database), text, json.dumps(PREFIX_IRIS)]


def wall(command: list[str]) -> float:
    """Seconds from start to exit of `command` (output discarded; a failure stops the run)."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV,
                          check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])}...: exit {done.returncode}: "
                         f"{done.stderr.decode()[-500:]}")
    return seconds


def measure(root: Path, queries: list[stored.QueryFile], repeat: int,
            extra: tuple[str, ...]) -> list[tuple]:
    """Per query: (name, command median s, floor median s, median of the per-round ratios);
    `extra`: options given to the command (`--fresh`: compute, do not read the kept answer)."""
    rows = []
    for query in queries:
        command = [str(COMMAND), "--root", str(root), "query", query.name, *extra]
        wall(command)  # the store made, the verdict kept
        floor = floor_arguments(root, query)
        commands, floors, ratios = [], [], []
        for round_number in range(repeat):
            pair = (command, floor) if round_number % 2 == 0 else (floor, command)
            first, second = wall(pair[0]), wall(pair[1])
            took_command, took_floor = (first, second) if pair[0] is command else (second, first)
            commands.append(took_command)
            floors.append(took_floor)
            ratios.append(took_command / took_floor)
        rows.append((query.name, statistics.median(commands), statistics.median(floors),
                     statistics.median(ratios)))
        print(f"{query.name}: {rows[-1][3]:.2f}x", file=sys.stderr, flush=True)
    return rows


def table(rows: list[tuple]) -> str:
    lines = ["| query | command median | floor median | command ÷ floor (median of pairs) |",
             "|---|---|---|---|"]
    lines += [f"| {name} | {c * 1000:.0f} ms | {f * 1000:.0f} ms | {r:.2f}x |"
              for name, c, f, r in rows]
    overall = statistics.median(r for *_, r in rows)
    return "\n".join(lines) + f"\n\nmedian over {len(rows)} queries: {overall:.2f}x\n"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--root", type=Path, default=ROOT, help="the project (default: this one)")
    options.add_argument("--repeat", type=int, default=7, help="pairs per query (default 7)")
    options.add_argument("--only", default="", help="only the queries whose name holds this")
    options.add_argument("--kept", action="store_true", help="let the command read the answer "
                         "it kept (what `query` does after `build`); by default it computes it "
                         "(`--fresh`), as the floor does")
    arguments = options.parse_args()
    root = paths.project_root(arguments.root)
    queries = [q for q in stored.stored(root) if arguments.only in q.name]
    extra = () if arguments.kept else ("--fresh",)
    print(table(measure(root, queries, arguments.repeat, extra)))


if __name__ == "__main__":
    main()
