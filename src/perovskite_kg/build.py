"""`perovskite-kg build`: the main job, one step at a time, each with its timing.

load -> validate (SHACL) -> reason -> export -> summary. A graph that does not conform to the
shapes, or that the reasoner finds inconsistent, stops the build before anything is written
(exit code 1): the exports wait under temporary names in `dist/` (`project.files.staged`), not in
memory, and are renamed to their names together once validation has passed. The exports go to
`dist/` in the project checkout (in the current directory when the data are those installed with
the package, so nothing is written into site-packages):

- the exports of `export.bundle`: `perovskite-kg.<ext>` (asserted), `perovskite-kg-reasoned.<ext>`
  (plus the inferred triples; TriG and N-Quads keep both named graphs), `perovskite-kg-inferred.ttl`
  and `context.jsonld`;
- `void.ttl`: the VoID and DCAT description of the dataset and of those files (`export.void`),
  with the addresses they are published at under the base URL (`--base-url`).

Progress goes to stderr, the summary to stdout. Validation and the stored queries of the summary
run in two worker processes alongside loading, reasoning and rendering (on two cores this saves
about a third of the time); their lines give the time the worker spent. Validation reads every
file again, so beside loading and reasoning it adds half again to the peak memory
(`ALONGSIDE_BYTES`); when that would pass the memory available (`limits.memory_bytes`), as for
five million triples on 24 GB, it runs first, alone, and the build waits for it.
"""

import multiprocessing
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import TextIO

from rdflib import Graph

from perovskite_kg import export, reason, supervise
from perovskite_kg.errors import InputError
from perovskite_kg.export import bundle, void
from perovskite_kg.namespaces import BIBO, PK, RDF, SH, short
from perovskite_kg.project import cache, extend, files, graphs, limits, paths
from perovskite_kg.reason import ENGINES
from perovskite_kg.reason.analysis import Result
from perovskite_kg.reason.report import report as reasoning_report
from perovskite_kg.steps import Steps
from perovskite_kg.validate import added

DIST = "dist"
MAIN_CLASSES = (PK.Heterostructure, PK.Material, PK.Interface, PK.SynthesisRoute,
                PK.StabilityTest, PK.Application, PK.Finding, PK.Quantity, PK.ReviewLocation,
                BIBO.Document)
"""The classes whose individuals the summary counts."""
UNDECIDED = "only the DL reasoner decides it (--reasoner dl)"
"""What the summary says of a defined class whose members the chosen reasoner cannot decide."""
_WRITABLE_COPY = ("build in a writable copy of the project (ontology/, graph/, queries/ and "
                  "pyproject.toml)")
PASSED_BEFORE = "conforms (found so when this cache entry was made)"
STEPS = ("load", "reason", "render", "validate", "write", "summary")
"""In the order their lines appear: validation runs from the start in a worker process and must
have passed before anything is written; the summary's stored queries run in another."""
VALIDATING_FIRST = ("validate", *(step for step in STEPS if step != "validate"))
"""The order when validation runs before the rest, for want of memory."""
ALONGSIDE_BYTES = 125
"""The peak memory of a build that validates alongside, per byte of input files (measured on
the benchmark graph of a million triples, 56 MB: 6.6 GiB, of which the main process held about
4 GiB and the validating worker 2.6 GiB)."""


def build(root: Path, engine: str = "rl", built: date | None = None,
          progress: TextIO = sys.stderr, out: TextIO = sys.stdout,
          base: str = export.DEFAULT_BASE) -> int:
    """Run the pipeline on the project at `root`; returns the exit code (0, or 1 when the graph
    does not conform or is inconsistent). `base` is where the exports and `serve` are published,
    for the description of the dataset.

    Validation and the stored queries run in two worker processes while this one reasons and
    renders the exports under temporary names; none is renamed to its name before validation has
    passed. A cache entry that a `build` or an `update` found to pass, with today's shapes and
    validation code, is not validated again (at scale the worker would read every file again).
    """
    dist = output_folder(root)
    _check_writable(dist)
    checked_with = added.checked_with(root)
    known = (graphs.is_fresh(root, reason.DEFAULT)
             and extend.passed(cache.entry(root)) == checked_with)
    first = None if known else _validating_first(root)
    if first:
        print(f"build: validating first, then loading: {first}", file=progress)
    steps = Steps(progress, VALIDATING_FIRST if first else STEPS)
    fork = multiprocessing.get_context("fork")
    with fork.Pool(2, supervise.die_with_parent) as workers, files.staged(dist) as staged:
        validating = None if known or first else workers.apply_async(_validate, (root,))
        if first:
            with fork.Pool(1, supervise.die_with_parent) as alone:  # its memory freed on exit
                conformance = _verdict(steps, alone.apply_async(_validate, (root,)), out)
            if conformance is None:
                return 1
        with steps.run("load") as note:
            fresh = graphs.is_fresh(root, engine)
            asserted = graphs.asserted(root)
            note(f"{len(graphs.input_files(root))} files, {len(asserted)} triples"
                 + (" (cached)" if fresh else ""))
        with steps.run("reason") as note:
            _, result = graphs.analysed(root, engine)
            note(f"{engine}: {len(result.inferred)} inferred triples, "
                 + ("consistent" if result.consistent else "INCONSISTENT")
                 + (" (cached)" if fresh else ""))
        if result.passed:
            counting = workers.apply_async(_query_rows, (root,))
            with steps.run("render") as note:
                rendered = _render(staged, asserted, result.inferred, engine, built, base)
                note(f"{rendered} exports, under temporary names")
        if not first and (conformance := _verdict(steps, validating, out)) is None:
            return 1
        if not result.passed:
            print(reasoning_report(result), file=out)
            steps.stop("the graph is inconsistent or has unsatisfiable classes: nothing was "
                       "written")
            return 1
        query_lines, seconds = counting.get()  # a broken stored query stops the build here
        with steps.run("write") as note:
            written = staged.commit()
            extend.mark_passed(cache.entry(root), checked_with)
            note(f"{len(written)} files to {paths.display(dist)}/")
        with steps.waiting("summary") as note:
            query_lines, seconds = counting.get()
            note(f"{len(query_lines) - 1} stored queries run", seconds)
    print(summary(asserted, result, conformance, query_lines, written), file=out)
    steps.total()
    return 0


def output_folder(root: Path) -> Path:
    """`dist/` in a project checkout; in the current directory for the installed data."""
    return root / DIST if paths.is_checkout(root) else Path.cwd() / DIST


def summary(asserted: Graph, result: Result, conformance: str, query_lines: list[str],
            written: list[Path]) -> str:
    """What the build holds: triple counts, conformance, individuals per main class, members per
    defined class, rows per stored query, and the files written."""
    graphs = (asserted, result.inferred)
    rows = [("triples asserted", len(asserted)),
            (f"triples inferred ({result.engine})", len(result.inferred)),
            ("SHACL validation", conformance)]
    lines = ["summary"] + _table(rows, indent=2)
    lines.append("  individuals per class:")
    lines += _table([(short(c), len({s for g in graphs for s in g.subjects(RDF.type, c)}))
                     for c in MAIN_CLASSES], indent=4)
    lines.append("  members per defined class:")
    lines += _table([(short(c), UNDECIDED
                      if c in result.undecided else len(m)) for c, m in result.members.items()],
                    indent=4)
    lines += query_lines
    where = paths.display(written[0].parent) if written else DIST
    lines.append(f"  written to {where}/: " + ", ".join(p.name for p in written))
    return "\n".join(lines)


def _validating_first(root: Path) -> str | None:
    """Why validation must run before loading (not beside it) for want of memory, or None."""
    available = limits.memory_bytes()
    size = sum(path.stat().st_size for path in graphs.input_files(root))
    needed = ALONGSIDE_BYTES * size
    if available is None or needed <= available:
        return None
    return (f"both at once would need about {_amount(needed)} for {_amount(size)} of input, "
            f"{_amount(available)} is available ({limits.MEMORY_MB_VARIABLE})")


def _amount(size: int) -> str:
    return f"{size / 1e9:.1f} GB" if size >= 1e9 else f"{size / 1e6:.1f} MB"


# --------------------------------------------------------------------------------------- steps
def _verdict(steps: Steps, validating, out: TextIO) -> str | None:
    """The validation's verdict, waited for; None when the graph does not conform (its report
    printed and the build stopped)."""
    with steps.waiting("validate") as note:
        failing, conformance, report, seconds = (
            (0, PASSED_BEFORE, "", 0.0) if validating is None else validating.get())
        note(conformance, seconds)
    if failing:
        print(report, end="", file=out)
        steps.stop("the graph does not conform to the shapes: nothing was written")
        return None
    return conformance


def _validate(root: Path) -> tuple[int, str, str, float]:
    """SHACL validation (run in a worker): exit code, verdict, text report, seconds taken."""
    from perovskite_kg.validate import report as validation_report
    from perovskite_kg.validate import incremental

    begin = time.perf_counter()
    checked = incremental.validate(root)
    counts = f"{checked.count(SH.Violation)} violations, {checked.count(SH.Warning)} warnings"
    failing = checked.exit_code()
    verdict = f"{'does not conform' if failing else 'conforms'} ({counts})"
    report = validation_report.render(checked, "text") if failing else ""
    return failing, verdict, report, time.perf_counter() - begin


def _render(staged: files.Staged, asserted: Graph, inferred: Graph, engine: str,
            built: date | None, base: str) -> int:
    """Every export and the description of the dataset, each put in `staged` as it is rendered;
    returns how many files."""
    exports = bundle.render(asserted, inferred, engine, built, put=staged.put)
    downloads = base + export.DOWNLOADS
    description = void.describe(void.quads(asserted, inferred), downloads + export.DESCRIPTION,
                                ENGINES[engine].profile, exports, downloads,
                                base + export.SPARQL_PATH)
    staged.put(export.DESCRIPTION, void.render(description))
    return len(exports) + 1


def _check_writable(dist: Path) -> None:
    """Refuse at once, not after minutes of work, an output folder that cannot be written (a
    read-only checkout)."""
    place = dist if dist.exists() else dist.parent
    if not os.access(place, os.W_OK):
        raise InputError(f"cannot write the exports: {paths.display(place)} is not writable; "
                         f"{_WRITABLE_COPY}", paths.display(dist))


def _query_rows(root: Path) -> tuple[list[str], float]:
    """The rows each stored query answers (run in a worker), and the seconds taken."""
    from perovskite_kg.project import cache
    from perovskite_kg.query import guard, kept, params, run, stored

    begin = time.perf_counter()
    queries = stored.stored(root)
    if not queries:
        return ["  stored queries: none in queries/"], time.perf_counter() - begin
    store = run.open_store(root)
    place = kept.folder(cache.entry(root), "rl")  # the answers are kept for `query`
    counts = []
    for item in queries:
        prepared = guard.prepare(item)
        answer = run.execute(store, prepared, params.bindings(item, []), keep=place)
        counts.append((item.name, str(bool(answer)).lower() if prepared.form == "ASK"
                       else sum(1 for _ in answer)))
    lines = ["  stored queries (rows):"] + _table(counts, indent=4)
    return lines, time.perf_counter() - begin


def _table(rows: list[tuple[str, object]], indent: int) -> list[str]:
    width = max((len(label) for label, _ in rows), default=0) + 2
    return [f"{' ' * indent}{label:<{width}}{value:>6}" if isinstance(value, int)
            else f"{' ' * indent}{label:<{width}}{value}" for label, value in rows]
