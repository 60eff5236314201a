"""How long each part of the pipeline takes on the shipped graph, as medians of repeated runs.

    python benchmarks/pipeline.py [--repeat N] [--root DIR] [--no-commands]

In-process rows: loading (Turtle with rdflib, and the cached N-Triples), SHACL validation, each
reasoner, canonicalisation, each export format for the asserted and the reasoned graph (written,
and written then read back as `build` does), and each stored query (prepare and execute over the
cached graph). Command rows run the installed
`perovskite-kg` as a user does, Python start-up included: `build` with an empty and with a filled
cache, and `query NAME` after a build for every stored query. Targets (issue 7, 2-core machine):
build under 5 s, each query under 1 s.
"""

import argparse
import os
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

from timing import median

from perovskite_kg import export, reason
from perovskite_kg.export import formats, jsonld, provenance
from perovskite_kg.project import graphs as cache
from perovskite_kg.project import load, paths, terms
from perovskite_kg.query import guard, params, run
from perovskite_kg.query import stored as querystore
from perovskite_kg.validate import shapes as validate

ROOT = Path(__file__).resolve().parents[1]
COMMAND = Path(sys.executable).parent / "perovskite-kg"


def in_process(root: Path, repeat: int) -> dict[str, float]:
    files = cache.input_files(root)
    asserted = load.union(load.load_files(files))
    inferred = reason.infer(asserted, "rl")
    rows = {
        f"load: parse {len(files)} Turtle files ({len(asserted)} triples)":
            lambda: load.union(load.load_files(files)),
        "load: read the cached N-Triples (asserted + inferred)": lambda: _cold_cache_read(root),
        "validate: SHACL (perovskite_kg.validate)": lambda: validate.validate(root),
        "reason: rl (reasonable)": lambda: reason.infer(asserted, "rl"),
        "reason: dl (HermiT, Java start-up included)": lambda: reason.infer(asserted, "dl"),
    }
    ctx = jsonld.context(asserted)
    for kind in ("asserted", "reasoned"):
        parts = provenance.compose(asserted, inferred, kind, "rl")
        rows[f"export {kind}: canonicalise (RDFC-1.0) and sort"] = lambda p=parts: (
            terms.canonical(p))
        held = {quads: formats.statements(fmt, asserted, inferred, kind, "rl")
                for quads, fmt in ((False, "nt"), (True, "nq"))}
        for fmt in export.FORMATS:
            meant = held[fmt in export.DATASET_FORMATS]
            rows[f"export {kind}: {fmt}"] = lambda f=fmt, m=meant: formats.render(
                m, f, ctx, BytesIO())
            rows[f"export {kind}: {fmt}, read back"] = lambda f=fmt, m=meant: (
                formats.check_readable(_rendered(m, f, ctx), f, f, m))
    store = run.open_store(root)
    rows["query: open the store from the cache"] = lambda: run.open_store(root)
    for stored in querystore.stored(root):
        rows[f"query {stored.name}: prepare + execute"] = lambda s=stored: _run_query(store, s)
    return {label: median(run, repeat) for label, run in rows.items()}


def _rendered(meant, fmt: str, ctx: dict) -> bytes:
    out = BytesIO()
    formats.render(meant, fmt, ctx, out)
    return out.getvalue()


def commands(root: Path, repeat: int) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PEROVSKITE_KG_ROOT"}

    def run(*args: str) -> None:
        done = subprocess.run([str(COMMAND), "--root", str(root), *args], env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(f"  note: `perovskite-kg {' '.join(args)}` exited {done.returncode}: "
                  f"{(done.stderr.strip().splitlines() or ['?'])[-1]}", file=sys.stderr)

    def cold_build() -> None:
        shutil.rmtree(cache.folder(root) / cache.key(root), ignore_errors=True)
        run("build")

    rows = {"command: build, empty cache": lambda: cold_build(),
            "command: build, filled cache": lambda: run("build")}
    for stored in querystore.stored(root):
        rows[f"command: query {stored.name}"] = lambda name=stored.name: run("query", name)
    return {label: median(run_, repeat) for label, run_ in rows.items()}


def _cold_cache_read(root: Path) -> None:
    cache._remembered.clear()
    cache.reasoned(root)


def _run_query(store, stored) -> int:
    prepared = guard.prepare(stored)
    return sum(1 for _ in run.execute(store, prepared, params.bindings(stored, [])))


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=5, help="runs per row (default 5)")
    options.add_argument("--root", type=Path, default=ROOT, help="project to measure")
    options.add_argument("--no-commands", action="store_true",
                         help="skip the rows that run the installed command")
    arguments = options.parse_args()
    root = paths.project_root(arguments.root)
    cache.reasoned(root)  # fill the cache once, as a build would
    rows = in_process(root, arguments.repeat)
    if not arguments.no_commands:
        rows |= commands(root, arguments.repeat)
    width = max(map(len, rows)) + 2
    print(f"medians of {arguments.repeat} runs, {os.cpu_count()} CPUs, {root}")
    for label, seconds in rows.items():
        print(f"{label:<{width}}{seconds * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
