"""`perovskite-kg build`: the main job, one step at a time, each with its timing.

load -> validate (SHACL) -> reason -> export -> summary. A graph that does not conform to the
shapes, or that the reasoner finds inconsistent, stops the build before anything is written
(exit code 1). The exports go to `dist/` under the root:

- `perovskite-kg.<ext>`: the ontology and facts as stated (asserted);
- `perovskite-kg-reasoned.<ext>`: the same plus the inferred triples;
- `perovskite-kg-inferred.ttl`: the inferred triples alone, so what was derived stays apart;
- `context.jsonld`: the JSON-LD context the `.jsonld` files are compacted with (and embed).

Progress goes to stderr, the summary to stdout.
"""

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

from rdflib import Graph

from perovskite_kg import cache, export, reason
from perovskite_kg.namespaces import BIBO, PK, RDF, SH

DIST = "dist"
NAME = "perovskite-kg"
MAIN_CLASSES = (PK.Heterostructure, PK.Material, PK.Interface, PK.SynthesisRoute,
                PK.StabilityTest, PK.Application, PK.Finding, PK.Quantity, PK.ReviewLocation,
                BIBO.Document)
"""The classes whose individuals the summary counts."""
STEPS = ("load", "validate", "reason", "export", "summary")


def build(root: Path, engine: str = "rl", built: date | None = None,
          progress: TextIO = sys.stderr, out: TextIO = sys.stdout) -> int:
    """Run the pipeline on the project at `root`; returns the exit code (0, or 1 when the graph
    does not conform or is inconsistent)."""
    steps = _Steps(progress)
    with steps.run("load") as note:
        fresh = cache.is_fresh(root, engine)
        asserted = cache.asserted(root)
        note(f"{len(cache.input_files(root))} files, {len(asserted)} triples"
             + (" (cached)" if fresh else ""))
    with steps.run("validate") as note:
        checked, conformance = _validate(root)
        note(conformance)
    if checked.exit_code():
        from perovskite_kg import validation_report

        print(validation_report.render(checked, "text"), end="", file=out)
        steps.stop("the graph does not conform to the shapes: nothing was written")
        return 1
    with steps.run("reason") as note:
        try:
            _, inferred = cache.reasoned(root, engine)
        except reason.Inconsistent as err:
            inferred = None
            result = reason.Result(engine, Graph(), consistent=False, conflicts=err.conflicts)
        else:
            result = reason.analyse(asserted, inferred, engine)
        note(f"{engine}: {len(result.inferred)} inferred triples, "
             + ("consistent" if result.consistent else "INCONSISTENT")
             + (" (cached)" if fresh else ""))
    if not result.consistent:
        print(reason.report(result), file=out)
        steps.stop("the graph is inconsistent: nothing was written")
        return 1
    with steps.run("export") as note:
        written = _export(root / DIST, asserted, inferred, engine, built)
        note(f"{len(written)} files in {DIST}/")
    with steps.run("summary") as note:
        text = summary(root, asserted, result, conformance, written)
        note("")
    print(text, file=out)
    steps.total()
    return 0


def summary(root: Path, asserted: Graph, result: reason.Result, conformance: str,
            written: list[Path]) -> str:
    """What the build holds: triple counts, conformance, individuals per main class, members per
    defined class, rows per stored query, and the files written."""
    graphs = (asserted, result.inferred)
    rows = [("triples asserted", len(asserted)),
            (f"triples inferred ({result.engine})", len(result.inferred)),
            ("SHACL validation", conformance)]
    lines = ["summary"] + _table(rows, indent=2)
    lines.append("  individuals per class:")
    lines += _table([(reason.short(c), len({s for g in graphs for s in g.subjects(RDF.type, c)}))
                     for c in MAIN_CLASSES], indent=4)
    lines.append("  members per defined class:")
    lines += _table([(reason.short(c), "not decided by rl (needs --reasoner dl)"
                      if c in result.undecided else len(m)) for c, m in result.members.items()],
                    indent=4)
    lines += _query_rows(root)
    lines.append(f"  written to {DIST}/: " + ", ".join(p.name for p in written))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------- steps
def _validate(root: Path):
    """The project's SHACL validation, and its one-line verdict."""
    from perovskite_kg import validate

    checked = validate.validate(root)
    counts = f"{checked.count(SH.Violation)} violations, {checked.count(SH.Warning)} warnings"
    verdict = "conforms" if checked.exit_code() == 0 else "does not conform"
    return checked, f"{verdict} ({counts})"


def _export(dist: Path, asserted: Graph, inferred: Graph, engine: str,
            built: date | None) -> list[Path]:
    """Write every export into `dist`; returns the files written."""
    dist.mkdir(exist_ok=True)
    ctx = export.context(asserted)
    written = []
    for kind, formats in (("asserted", export.FORMATS), ("reasoned", export.FORMATS),
                          ("inferred", ("turtle",))):
        triples = export.canonical(export.compose(asserted, inferred, kind, engine, built))
        stem = NAME if kind == "asserted" else f"{NAME}-{kind}"
        for fmt in formats:
            path = dist / f"{stem}{export.FORMATS[fmt]}"
            export.write(path, triples, fmt, ctx)
            written.append(path)
    with export.atomic(dist / "context.jsonld") as stream:
        stream.write(json.dumps({"@context": ctx}, indent=2, sort_keys=True).encode() + b"\n")
    written.append(dist / "context.jsonld")
    return written


def _query_rows(root: Path) -> list[str]:
    """The number of rows (or triples, or true/false) each stored query answers."""
    from perovskite_kg import query, querystore

    stored = querystore.stored(root)
    if not stored:
        return ["  stored queries: none in queries/"]
    store = query.open_store(root)
    counts = []
    for item in stored:
        prepared = query.prepare(item)
        answer = query.execute(store, prepared, query.bindings(item, []))
        counts.append((item.name, str(bool(answer)).lower() if prepared.form == "ASK"
                       else sum(1 for _ in answer)))
    return ["  stored queries (rows):"] + _table(counts, indent=4)


def _table(rows: list[tuple[str, object]], indent: int) -> list[str]:
    width = max((len(label) for label, _ in rows), default=0) + 2
    return [f"{' ' * indent}{label:<{width}}{value:>6}" if isinstance(value, int)
            else f"{' ' * indent}{label:<{width}}{value}" for label, value in rows]


class _Steps:
    """Prints `[n/5] step  note  seconds` as each step ends."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.perf_counter()

    @contextmanager
    def run(self, name: str) -> Iterator:
        number = STEPS.index(name) + 1
        print(f"[{number}/{len(STEPS)}] {name:<9}", end="", file=self.stream, flush=True)
        notes: list[str] = []
        begin = time.perf_counter()
        try:
            yield notes.append
        except BaseException:
            print(" failed", file=self.stream, flush=True)
            raise
        seconds = time.perf_counter() - begin
        print(f"{' '.join(notes):<58}{seconds:6.2f} s", file=self.stream, flush=True)

    def stop(self, why: str) -> None:
        print(f"build stopped: {why}", file=self.stream, flush=True)

    def total(self) -> None:
        seconds = time.perf_counter() - self.started
        print(f"build finished in {seconds:.2f} s", file=self.stream, flush=True)
