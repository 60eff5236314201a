"""Opening the on-disk store and every stored query at scale, as a Markdown table.

    python benchmarks/store_scale.py ROOT [--repeat 5] [--limit 60]

ROOT is a project, typically one `literature_graph.py` made (its cache and store are made first if
missing, which is timed and reported). Each measurement runs in a fresh process, as a command
would: "open" is `project.store.open_store` (the cache key over every input file, the record
checked against the manifest and the files, `Store.read_only`), "read_only" is pyoxigraph's
`Store.read_only` alone. Each stored query runs in its own process, stopped after --limit seconds:
prepared by the guard (verdict kept), its default parameters bound (allowed values read from the
store, as `query` does), then run --repeat times; "query" is the median time to run it and read
every row, "kept answer" the same when its answer was kept (`query.kept`: what `query` does after
`build`), "table" the median time to write the table people see (labels looked up in the store).
A query is selective when it takes a parameter or answers at most `SHORT` rows.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from perovskite_kg.project import cache, paths

SHORT = 100
"""At most this many rows is a short answer."""

OPEN = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from perovskite_kg.project import store
imported = time.perf_counter()
opened = store.open_store(Path(sys.argv[1]))
done = time.perf_counter()
import pyoxigraph as ox
again = time.perf_counter()
ox.Store.read_only(sys.argv[2])
print(json.dumps({"open": done - imported, "read_only": time.perf_counter() - again}))
"""

QUERY = """
import io, json, statistics, sys, time
from pathlib import Path
from perovskite_kg.project import cache, store
from perovskite_kg.project.labels import Labels
from perovskite_kg.query import answers, guard, params, results, run, stored
root, name, repeat = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
opened = store.open_store(root)
chosen = stored.find(root, name)
prepared = guard.prepare(chosen, cache.folder(root) / "guard")
bound = params.bindings(chosen, [], answers.allowed(opened, Labels(opened), chosen))
times, tables, rows = [], [], 0
for _ in range(repeat):
    start = time.perf_counter()
    answer = run.execute(opened, prepared, bound)
    rows = 1 if isinstance(answer, bool) else sum(1 for _ in answer)
    times.append(time.perf_counter() - start)
    start = time.perf_counter()
    results.write(run.execute(opened, prepared, bound), prepared, "table", io.BytesIO(),
                  Labels(opened))
    tables.append(time.perf_counter() - start)
import tempfile
with tempfile.TemporaryDirectory() as place:
    run.execute(opened, prepared, bound, keep=Path(place))  # computed and kept
    hits = []
    for _ in range(repeat):
        start = time.perf_counter()
        answer = run.execute(opened, prepared, bound, keep=Path(place))
        sum(1 for _ in answer) if not isinstance(answer, bool) else None
        hits.append(time.perf_counter() - start)
print(json.dumps({"rows": rows, "query": statistics.median(times), "kept": statistics.median(hits),
                  "table": statistics.median(tables), "parameters": len(chosen.parameters)}))
"""


def child(script: str, *arguments: str, limit: float) -> dict | None:
    """The JSON a measuring process prints, or None when it ran past `limit` seconds."""
    try:
        done = subprocess.run([sys.executable, "-c", script, *arguments], capture_output=True,
                              text=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(f"{arguments}: exit {done.returncode}: {done.stderr[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("root", type=Path)
    options.add_argument("--repeat", type=int, default=5)
    options.add_argument("--limit", type=float, default=60)
    options.add_argument("--only", default="")
    arguments = options.parse_args()
    root = paths.project_root(arguments.root)
    database = cache.entry(root) / "store-rl" / "db"
    if not database.is_dir():
        start = time.perf_counter()
        child(OPEN, str(root), str(database), limit=3600)
        print(f"made the store in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    opens = [child(OPEN, str(root), str(database), limit=600) for _ in range(arguments.repeat)]
    lines = [f"open_store (key, checks, read-only): median "
             f"{statistics.median(o['open'] for o in opens) * 1000:.0f} ms; "
             f"Store.read_only alone: {statistics.median(o['read_only'] for o in opens) * 1000:.0f}"
             " ms", "",
             "| query | selective | rows | query | kept answer | table (labels) | µs per row |",
             "|---|---|---|---|---|---|---|"]
    from perovskite_kg.query import stored

    for query in stored.stored(root):
        if arguments.only not in query.name:
            continue
        found = child(QUERY, str(root), query.name, str(arguments.repeat), limit=arguments.limit)
        if found is None:
            lines.append(f"| {query.name} | | | > {arguments.limit:g} s | | | |")
        else:
            selective = "yes" if found["parameters"] or found["rows"] <= SHORT else ""
            per_row = found["query"] / max(found["rows"], 1) * 1e6
            lines.append(f"| {query.name} | {selective} | {found['rows']} | "
                         f"{found['query'] * 1000:.1f} ms | {found['kept'] * 1000:.1f} ms | "
                         f"{found['table'] * 1000:.0f} ms | "
                         f"{per_row:.0f} |")
        print(lines[-1], file=sys.stderr, flush=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
